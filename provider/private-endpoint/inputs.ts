/**
 * What a PrivateEndpoint's user declares, per cloud, and how `check` validates it: the schemas,
 * which inputs each cloud takes, the defaults. Pure.
 */
import { z } from "zod";
import type { CloudProvider } from "../vocabulary/clouds";
import type { Timeouts } from "../vocabulary/time";
import {
  CLOUD_ENDPOINT_ID,
  flag,
  HEX24,
  IPV4,
  listedTwice,
  orUnknown,
  PROJECT_FIELDS,
  shown,
  text,
  type InputVocabulary,
} from "../vocabulary/validation";

/** One GCP forwarding rule that belongs to the endpoint group. */
export interface GcpForwardingRuleInput {
  /** Name of the Google Cloud forwarding rule. */
  endpointName: string;
  /** Private IPv4 address the forwarding rule resolves to. */
  ipAddress: string;
}

/** Options that change nothing in Atlas: changing only these is an update without an Atlas call. */
export interface PrivateEndpointOptions {
  timeouts?: Timeouts;
  /** On the create deadline, delete the endpoint (unless it was adopted) and fail. Default false. */
  deleteOnCreateTimeout?: boolean;
  /** When Atlas answers 409 (the endpoint exists), adopt it if it matches. Default true. */
  adoptExisting?: boolean;
  /**
   * After AVAILABLE, wait (within timeouts.create) until the project's clusters have applied the
   * endpoint, and output their private connection strings. true (default): every cluster of the
   * project; a list of cluster names: only those; false: return at AVAILABLE.
   */
  waitForClusters?: boolean | string[];
}

interface RegistrationTarget extends PrivateEndpointOptions {
  /** Atlas project id (24 hex characters). */
  groupId: string;
  /** Atlas private endpoint service id (24 hex characters). */
  endpointServiceId: string;
}

export interface AwsPrivateEndpointInputs extends RegistrationTarget {
  cloudProvider?: "AWS";
  /** The AWS VPC interface endpoint id, "vpce-" followed by 17 hex characters. */
  endpointId: string;
}

export interface AzurePrivateEndpointInputs extends RegistrationTarget {
  cloudProvider: "AZURE";
  /** The Azure private endpoint's resource id (/subscriptions/.../privateEndpoints/<name>). */
  endpointId: string;
  /** The private endpoint's IPv4 address in your VNet. */
  privateEndpointIPAddress: string;
}

export interface GcpPrivateEndpointInputs extends RegistrationTarget {
  cloudProvider: "GCP";
  /** The Google Cloud project that holds the forwarding rules. */
  gcpProjectId: string;
  /** Name of the endpoint group (for a port-mapped service Atlas ignores it). */
  endpointGroupName: string;
  /** The forwarding rules; a port-mapped endpoint service takes exactly one. */
  endpoints: GcpForwardingRuleInput[];
}

/** What a user declares. `cloudProvider` defaults to AWS. */
export type PrivateEndpointInputs = AwsPrivateEndpointInputs | AzurePrivateEndpointInputs | GcpPrivateEndpointInputs;

type Normalized<T> = T & {
  cloudProvider: CloudProvider;
  deleteOnCreateTimeout: boolean;
  adoptExisting: boolean;
  waitForClusters: boolean | string[];
};
/** Inputs after check: defaults applied, every value known. */
export type ResolvedInputs =
  | Normalized<AwsPrivateEndpointInputs & { cloudProvider: "AWS" }>
  | Normalized<AzurePrivateEndpointInputs>
  | Normalized<GcpPrivateEndpointInputs>;

export const INPUT_DEFAULTS = { cloudProvider: "AWS", deleteOnCreateTimeout: false, adoptExisting: true, waitForClusters: true } as const;

/** Provider behaviour only: a change of these alone is an update without a call to Atlas. */
export const OPTION_KEYS = ["timeouts", "deleteOnCreateTimeout", "adoptExisting", "waitForClusters"] as const;
const COMMON_KEYS = ["groupId", "cloudProvider", "endpointServiceId", ...OPTION_KEYS] as const;
export const INPUT_KEYS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: [...COMMON_KEYS, "endpointId"],
  AZURE: [...COMMON_KEYS, "endpointId", "privateEndpointIPAddress"],
  GCP: [...COMMON_KEYS, "gcpProjectId", "endpointGroupName", "endpoints"],
};

// Google Cloud project ids: 6-30 lowercase letters, digits or hyphens, starting with a letter.
const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// Google Cloud resource names (RFC 1035 labels).
const GCP_RESOURCE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

const forwardingRule = z.object(
  {
    endpointName: orUnknown(
      text(GCP_RESOURCE_NAME, "a Google Cloud forwarding rule name (lowercase letters, digits and hyphens, starting with a letter)"),
    ),
    ipAddress: orUnknown(text(IPV4, "an IPv4 address")),
  },
  { error: (issue) => `must be an object { endpointName, ipAddress }, got ${shown(issue.input)}` },
);

const nameOf = (value: unknown) => {
  const name = typeof value === "string" ? value : (value as { endpointName?: unknown } | undefined)?.endpointName;
  return typeof name === "string" ? name : undefined;
};

const forwardingRules = z
  .array(orUnknown(forwardingRule), {
    error: (issue) =>
      issue.input === undefined
        ? "is required for GCP (a list of { endpointName, ipAddress })"
        : `must be a list of { endpointName, ipAddress }, got ${shown(issue.input)}`,
  })
  .min(1, { error: "must list at least one forwarding rule { endpointName, ipAddress }" })
  .superRefine((rules, ctx) => {
    for (const issue of listedTwice(rules, nameOf, { at: "endpointName" })) ctx.addIssue(issue);
  });

// Atlas cluster names: letters, digits and hyphens, starting with a letter or digit, at most 64.
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;
const WAIT_FOR_CLUSTERS_HELP = "true (every cluster of the project), false, or a list of cluster names";

const clusterNames = z
  .array(orUnknown(text(CLUSTER_NAME, "an Atlas cluster name (letters, digits and hyphens, starting with a letter or digit, at most 64)")))
  .superRefine((names, ctx) => {
    for (const issue of listedTwice(names, nameOf)) ctx.addIssue(issue);
  });

const waitForClusters = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === undefined || typeof value === "boolean") return;
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `must be ${WAIT_FOR_CLUSTERS_HELP}, got ${shown(value)}` });
      return;
    }
    const result = clusterNames.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  })
  .optional();

const commonSchema = z.object({
  ...PROJECT_FIELDS,
  endpointServiceId: orUnknown(text(HEX24, "24 hexadecimal characters (the Atlas endpoint service id)")),
  deleteOnCreateTimeout: orUnknown(flag),
  adoptExisting: orUnknown(flag),
  waitForClusters: orUnknown(waitForClusters),
});

/** Fields specific to each cloud; the discriminant is `cloudProvider`. */
const cloudSchemas: { readonly [C in CloudProvider]: z.ZodType } = {
  AWS: z.object({
    endpointId: CLOUD_ENDPOINT_ID.AWS,
  }),
  AZURE: z.object({
    endpointId: CLOUD_ENDPOINT_ID.AZURE,
    privateEndpointIPAddress: orUnknown(text(IPV4, "the private endpoint's IPv4 address")),
  }),
  GCP: z.object({
    gcpProjectId: orUnknown(
      text(GCP_PROJECT_ID, "a Google Cloud project id (6-30 lowercase letters, digits or hyphens, starting with a letter)"),
    ),
    endpointGroupName: orUnknown(
      text(GCP_RESOURCE_NAME, "a Google Cloud resource name (lowercase letters, digits and hyphens, starting with a letter)"),
    ),
    endpoints: orUnknown(forwardingRules),
  }),
};

export const PRIVATE_ENDPOINT_INPUTS: InputVocabulary<ResolvedInputs> = {
  resource: "PrivateEndpoint",
  common: commonSchema,
  clouds: cloudSchemas,
  keys: INPUT_KEYS,
  fallbackKeys: COMMON_KEYS,
  defaults: INPUT_DEFAULTS,
  // Outputs carry each rule's status too; the inputs are the name and address only.
  refine: (inputs) =>
    inputs.cloudProvider === "GCP"
      ? { ...inputs, endpoints: inputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })) }
      : inputs,
};

export { PRIVATE_ENDPOINT_INPUTS as vocabulary };
