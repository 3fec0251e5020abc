/**
 * What a DataFederationEndpoint's user declares, per cloud, and how `check` validates it: the schemas, which
 * inputs each cloud takes, the defaults. Pure.
 */
import { z } from "zod";
import type { DataFederationCloud } from "../client/data-federation-endpoint-schemas";
import type { CloudProvider } from "../vocabulary/clouds";
import { atlasRegionName, regionHelp } from "../vocabulary/regions";
import type { Timeouts } from "../vocabulary/time";
import { CLOUD_ENDPOINT_ID, flag, IPV4, orUnknown, PROJECT_FIELDS, shown, text, type InputVocabulary } from "../vocabulary/validation";

interface EntryInputs {
  /** Atlas project id (24 hex characters). */
  groupId: string;
  /** AWS: the VPC interface endpoint id ("vpce-" and 17 hex). Azure: the private endpoint's resource id. */
  endpointId: string;
  /** A note Atlas keeps with the entry; changed in place. Left out: whatever Atlas has; "" clears it. */
  comment?: string;
  /** The region of your endpoint, in the cloud's or Atlas's spelling. AWS: only with customerEndpointDNSName. */
  region?: string;
  /** Your endpoint's DNS name (AWS: the VPC endpoint's regional DNS name); needs `region`. */
  customerEndpointDNSName?: string;
  /** How long to wait: create until OK (default "60m"), delete until Atlas forgets it (default "30m"). */
  timeouts?: Timeouts;
  /** When the project's list already has this endpoint id, take the entry over if it matches. Default true. */
  adoptExisting?: boolean;
}

export interface AwsDataFederationEndpointInputs extends EntryInputs {
  cloudProvider?: "AWS";
}

export interface AzureDataFederationEndpointInputs extends EntryInputs {
  cloudProvider: "AZURE";
  /** The link id of the Azure private endpoint connection. */
  azureLinkId?: string;
  /** The Azure private endpoint's IP address. */
  customerEndpointIPAddress?: string;
}

/** What a user declares. `cloudProvider` defaults to AWS. */
export type DataFederationEndpointInputs = AwsDataFederationEndpointInputs | AzureDataFederationEndpointInputs;

type Resolved<T> = T & {
  cloudProvider: DataFederationCloud;
  adoptExisting: boolean;
  /** `region` as the user wrote it (either spelling), so state shows no spelling drift; `region` is Atlas's. */
  declaredRegion?: string;
};
/** Inputs after check: defaults applied, every value known, `region` in Atlas's spelling. */
export type ResolvedDataFederationInputs =
  | Resolved<AwsDataFederationEndpointInputs & { cloudProvider: "AWS" }>
  | Resolved<AzureDataFederationEndpointInputs>;

export const INPUT_DEFAULTS = { cloudProvider: "AWS", adoptExisting: true } as const;

/** Inputs that only steer this provider: changing them alone calls nothing in Atlas. */
export const OPTION_KEYS = ["timeouts", "adoptExisting"] as const;
const AWS_KEYS = ["groupId", "cloudProvider", "endpointId", "comment", "region", "customerEndpointDNSName", ...OPTION_KEYS] as const;
const AZURE_KEYS = [...AWS_KEYS, "azureLinkId", "customerEndpointIPAddress"] as const;
export const INPUT_KEYS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: AWS_KEYS,
  AZURE: AZURE_KEYS,
  // Not a cloud Data Federation takes: check names cloudProvider, not every common input too (and Azure's stay Azure's).
  GCP: AWS_KEYS,
};

const DNS_LABEL = "[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?";
const DNS_NAME = new RegExp(`^(?=.{1,253}\\.?$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`);
// The spec's pattern for customerEndpointIPAddress: IPv4, or IPv6 written out in full.
const IPV6_FULL = /^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/;
const NON_BLANK = /^\S+$/;

const CLOUDS_HELP = "AWS or AZURE (Atlas Data Federation takes private endpoints of these two clouds)";

const dataFederationCloud = z.enum(["AWS", "AZURE"], { error: (issue) => `must be ${CLOUDS_HELP}, got ${shown(issue.input)}` }).optional();

const comment = z.string({ error: (issue) => `must be a string, got ${shown(issue.input)}` }).optional();

function regionOf(cloud: DataFederationCloud) {
  return z.unknown().superRefine((value, ctx) => {
    if (value === undefined) return;
    if (typeof value !== "string" || atlasRegionName(cloud, value) === undefined) {
      ctx.addIssue({ code: "custom", message: `must be ${regionHelp(cloud)}, got ${shown(value)}` });
    }
  });
}

const dnsName = text(
  DNS_NAME,
  "a DNS name such as vpce-0a1b2c3d4e5f6a7b8-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
);

const ipAddress = z.unknown().superRefine((value, ctx) => {
  if (value === undefined) return;
  if (typeof value !== "string" || !(IPV4.test(value) || IPV6_FULL.test(value))) {
    ctx.addIssue({ code: "custom", message: `must be an IPv4 address (or an IPv6 address written out in full), got ${shown(value)}` });
  }
});

/**
 * The spec: region and customerEndpointDNSName each need the other. Atlas takes an Azure entry's region alone
 * (Terraform's Azure acceptance test sends region without a DNS name against real Atlas), so only a DNS name
 * needs its region there. A value not known yet in preview counts as given.
 */
function pairedRegionAndDnsName(cloud: DataFederationCloud, news: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const region = news.region;
  const dns = news.customerEndpointDNSName;
  if (dns !== undefined && region === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["region"],
      message: "is required when customerEndpointDNSName is set: Atlas takes region and customerEndpointDNSName together",
    });
  }
  if (cloud === "AWS" && region !== undefined && dns === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["customerEndpointDNSName"],
      message: "is required when region is set (AWS): Atlas takes region and customerEndpointDNSName together (Azure takes a region alone)",
    });
  }
}

function cloudSchema(cloud: DataFederationCloud, fields: z.ZodRawShape): z.ZodType {
  const shape = z.object(fields);
  return z.unknown().superRefine((news, ctx) => {
    const result = shape.safeParse(news);
    if (!result.success)
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    if (news !== null && typeof news === "object") pairedRegionAndDnsName(cloud, news as Record<string, unknown>, ctx);
  });
}

const commonSchema = z.object({
  ...PROJECT_FIELDS,
  cloudProvider: orUnknown(dataFederationCloud),
  comment: orUnknown(comment),
  adoptExisting: orUnknown(flag),
});

const cloudSchemas: { readonly [C in CloudProvider]: z.ZodType } = {
  AWS: cloudSchema("AWS", {
    endpointId: CLOUD_ENDPOINT_ID.AWS,
    region: orUnknown(regionOf("AWS")),
    customerEndpointDNSName: orUnknown(dnsName.optional()),
  }),
  AZURE: cloudSchema("AZURE", {
    endpointId: CLOUD_ENDPOINT_ID.AZURE,
    region: orUnknown(regionOf("AZURE")),
    customerEndpointDNSName: orUnknown(dnsName.optional()),
    azureLinkId: orUnknown(text(NON_BLANK, "the Azure private endpoint connection's link id (no spaces)").optional()),
    customerEndpointIPAddress: orUnknown(ipAddress),
  }),
  // The common schema already names cloudProvider as what is wrong.
  GCP: z.unknown(),
};

export const DATA_FEDERATION_ENDPOINT_INPUTS: InputVocabulary<ResolvedDataFederationInputs> = {
  resource: "DataFederationEndpoint",
  common: commonSchema,
  clouds: cloudSchemas,
  keys: INPUT_KEYS,
  fallbackKeys: AWS_KEYS,
  defaults: INPUT_DEFAULTS,
  // Atlas's spelling for every call; the user's for state (outputs record it, so inputs resolved from a record keep it).
  refine: (inputs) =>
    inputs.region === undefined
      ? inputs
      : { ...inputs, declaredRegion: inputs.region, region: atlasRegionName(inputs.cloudProvider, inputs.region) ?? inputs.region },
};

export { DATA_FEDERATION_ENDPOINT_INPUTS as vocabulary };
