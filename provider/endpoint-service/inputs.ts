/**
 * What an EndpointService's user declares and how `check` validates it: the schemas, which inputs
 * each cloud takes, the defaults. Pure.
 */
import { z } from "zod";
import type { CloudProvider } from "../vocabulary/clouds";
import { atlasRegionName, regionHelp } from "../vocabulary/regions";
import type { Timeouts } from "../vocabulary/time";
import { flag, isUnknown, listedTwice, orUnknown, PROJECT_FIELDS, shown, type InputVocabulary } from "../vocabulary/validation";

/** What a user declares for an Atlas private endpoint service. `cloudProvider` defaults to AWS. */
export interface EndpointServiceInputs {
  /** Atlas project id (24 hex characters). */
  groupId: string;
  /** AWS (default), AZURE or GCP. */
  cloudProvider?: CloudProvider;
  /** The region, in the cloud's spelling ("us-east-1", "eastus2", "us-central1") or Atlas's ("US_EAST_1"). */
  region: string;
  /** GCP only: a port-mapped service (one forwarding rule per endpoint group). Default false. */
  portMappingEnabled?: boolean;
  /** AWS only: other AWS regions whose VPC endpoints may connect (cross-region PrivateLink). Changed in place. */
  supportedRemoteRegions?: string[];
  /** How long to wait: create until AVAILABLE (default "60m"), delete until Atlas forgets it (default "30m"). */
  timeouts?: Timeouts;
  /**
   * When the project already has a service for this cloud and region (Atlas allows one), take it
   * over instead of failing, if it matches. Default true.
   */
  adoptExisting?: boolean;
  /**
   * Destroying an adopted service leaves it in Atlas (another stack may use it) unless this is
   * true. A service this resource created is always deleted. Default false.
   */
  deleteAdoptedOnDestroy?: boolean;
}

/** After check: defaults applied, every value known, `region` in Atlas's spelling. */
export interface ResolvedServiceInputs extends EndpointServiceInputs {
  cloudProvider: CloudProvider;
  adoptExisting: boolean;
  deleteAdoptedOnDestroy: boolean;
  /** `region` as the user wrote it (either spelling), so state shows no spelling drift. */
  declaredRegion: string;
}

export const SERVICE_INPUT_DEFAULTS = { cloudProvider: "AWS", adoptExisting: true, deleteAdoptedOnDestroy: false } as const;

/** Each input and which clouds it applies to. */
export const SERVICE_INPUT_KEYS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: ["groupId", "cloudProvider", "region", "supportedRemoteRegions", "timeouts", "adoptExisting", "deleteAdoptedOnDestroy"],
  AZURE: ["groupId", "cloudProvider", "region", "timeouts", "adoptExisting", "deleteAdoptedOnDestroy"],
  GCP: ["groupId", "cloudProvider", "region", "portMappingEnabled", "timeouts", "adoptExisting", "deleteAdoptedOnDestroy"],
};

/** Inputs that only steer this provider: changing them alone calls nothing in Atlas. */
export const SERVICE_OPTION_FIELDS = ["timeouts", "adoptExisting", "deleteAdoptedOnDestroy"] as const;

/** Atlas's limit on cross-region support (the OpenAPI document's maxItems). */
const MAX_REMOTE_REGIONS = 35;

const commonSchema = z.object({
  ...PROJECT_FIELDS,
  adoptExisting: orUnknown(flag),
  deleteAdoptedOnDestroy: orUnknown(flag),
});

function regionOf(cloud: CloudProvider) {
  return z.unknown().superRefine((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `is required (${regionHelp(cloud)})` });
      return;
    }
    if (typeof value !== "string" || atlasRegionName(cloud, value) === undefined) {
      ctx.addIssue({ code: "custom", message: `must be ${regionHelp(cloud)}, got ${shown(value)}` });
    }
  });
}

const remoteRegions = z.unknown().superRefine((value, ctx) => {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: `must be a list of AWS regions such as ["us-west-2"], got ${shown(value)}` });
    return;
  }
  if (value.length > MAX_REMOTE_REGIONS) {
    ctx.addIssue({ code: "custom", message: `lists ${value.length} regions; Atlas allows at most ${MAX_REMOTE_REGIONS}` });
  }
  const atlasName = (region: unknown) => (typeof region === "string" ? atlasRegionName("AWS", region) : undefined);
  value.forEach((region, index) => {
    if (!isUnknown(region) && atlasName(region) === undefined) {
      ctx.addIssue({ code: "custom", path: [index], message: `must be ${regionHelp("AWS")}, got ${shown(region)}` });
    }
  });
  for (const issue of listedTwice(value, atlasName, { shownOf: (region) => region })) ctx.addIssue(issue);
});

const cloudSchemas: { readonly [C in CloudProvider]: z.ZodType } = {
  AWS: z.object({ region: orUnknown(regionOf("AWS")), supportedRemoteRegions: orUnknown(remoteRegions) }),
  AZURE: z.object({ region: orUnknown(regionOf("AZURE")) }),
  GCP: z.object({ region: orUnknown(regionOf("GCP")), portMappingEnabled: orUnknown(flag) }),
};

/** The day Atlas stops supporting GCP private endpoints without port mapping (its announcement). */
export const GCP_LEGACY_CUTOFF = "2027-04-30";

/**
 * A GCP service about to be created without port mapping: valid today, but Atlas stops supporting GCP private
 * endpoints without port mapping on GCP_LEGACY_CUTOFF, so preview says so (and where the move is described).
 */
function legacyGcpWarnings(checked: Record<string, unknown>): string[] {
  if (checked.cloudProvider !== "GCP" || checked.portMappingEnabled === true || isUnknown(checked.portMappingEnabled)) return [];
  return [
    `a GCP endpoint service without port mapping (portMappingEnabled is not true) is about to be created, and Atlas stops supporting GCP private endpoints without port mapping on ${GCP_LEGACY_CUTOFF}. ` +
      'Create it with portMappingEnabled: true (one forwarding rule per endpoint group); to move existing endpoints, see docs/usage.md, "Moving a GCP service to port mapping".',
  ];
}

export const ENDPOINT_SERVICE_INPUTS: InputVocabulary<ResolvedServiceInputs> = {
  resource: "EndpointService",
  common: commonSchema,
  clouds: cloudSchemas,
  keys: SERVICE_INPUT_KEYS,
  fallbackKeys: SERVICE_INPUT_KEYS.AWS,
  defaults: SERVICE_INPUT_DEFAULTS,
  // Atlas's spelling for every call; the user's for state. Outputs record the declared spelling, so
  // inputs resolved from a record keep it.
  warnings: (checked, olds) => (Object.keys(olds).length === 0 ? legacyGcpWarnings(checked) : []),
  refine: (inputs) => ({
    ...inputs,
    declaredRegion: inputs.region,
    region: atlasRegionName(inputs.cloudProvider, inputs.region) ?? inputs.region,
  }),
};

/** Remote regions in Atlas's spelling, sorted: the form compared for drift and adoption. */
export function normalizedRemoteRegions(regions: readonly string[] | undefined | null): string[] {
  return [...new Set((regions ?? []).map((region) => atlasRegionName("AWS", region) ?? region.toUpperCase().replace(/-/g, "_")))].sort();
}

export { ENDPOINT_SERVICE_INPUTS as vocabulary };
