import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CLOUD_PROVIDERS, type CloudProvider } from "./clouds";
import { DURATION_HELP, parseDurationMs, type DurationInput } from "./time";

/**
 * During preview the engine passes inputs that are not known yet as this sentinel string
 * (pulumi/pulumi#6310). check and diff must accept it unvalidated.
 */
export const UNKNOWN: string = pulumi.runtime.unknownValue;

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value, or anything nested in it, is still unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** One GCP forwarding rule that belongs to the endpoint group. */
export interface GcpForwardingRuleInput {
  /** Name of the Google Cloud forwarding rule. */
  endpointName: string;
  /** Private IPv4 address the forwarding rule resolves to. */
  ipAddress: string;
}

/** How long to wait before giving up. Not a change to the Atlas endpoint. */
export interface PrivateEndpointTimeouts {
  /** Wait for AVAILABLE after a create, e.g. "45m" or a number of seconds. Default "60m". */
  create?: DurationInput;
  /** Wait for Atlas to forget the endpoint after a delete. Default "30m". */
  delete?: DurationInput;
}

/** Options that change nothing in Atlas: changing only these is an update without an Atlas call. */
export interface PrivateEndpointOptions {
  timeouts?: PrivateEndpointTimeouts;
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

/** Defaults for `timeouts`; never scaled by PULUMI_ATLAS_PE_TIME_SCALE (they are the user's). */
export const DEFAULT_TIMEOUTS_MS = { create: 60 * 60_000, delete: 30 * 60_000 } as const;

export function timeoutMs(timeouts: PrivateEndpointTimeouts | undefined, which: "create" | "delete"): number {
  return parseDurationMs(timeouts?.[which]) ?? DEFAULT_TIMEOUTS_MS[which];
}

const OPTION_KEYS = ["timeouts", "deleteOnCreateTimeout", "adoptExisting", "waitForClusters"] as const;
const COMMON_KEYS = ["groupId", "cloudProvider", "endpointServiceId", ...OPTION_KEYS] as const;
export const INPUT_KEYS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: [...COMMON_KEYS, "endpointId"],
  AZURE: [...COMMON_KEYS, "endpointId", "privateEndpointIPAddress"],
  GCP: [...COMMON_KEYS, "gcpProjectId", "endpointGroupName", "endpoints"],
};
export const PROVIDER_KEY = "__provider";

/** Values longer than this are cut in messages: a pasted file or a runaway string must not flood the preview. */
const SHOWN_MAX_CHARS = 120;

export function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > SHOWN_MAX_CHARS ? `${text.slice(0, SHOWN_MAX_CHARS)}... (${text.length} characters)` : text;
  return typeof value === "string" ? `value="${cut}"` : `value=${cut}`;
}

export function text(pattern: RegExp, allowed: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `is required (${allowed})` : `must be ${allowed}, got ${shown(issue.input)}`),
    })
    .regex(pattern, { error: (issue) => `must be ${allowed}, got ${shown(issue.input)}` });
}

export const HEX24 = /^[0-9a-f]{24}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const AWS_ENDPOINT_ID = /^vpce-[0-9a-f]{17}$/;
// The OpenAPI pattern for Azure endpoint ids, unencoded.
const AZURE_ENDPOINT_ID =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/;
// Google Cloud project ids: 6-30 lowercase letters, digits or hyphens, starting with a letter.
const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// Google Cloud resource names (RFC 1035 labels).
const GCP_RESOURCE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

const duration = z.unknown().superRefine((value, ctx) => {
  if (value !== undefined && parseDurationMs(value) === undefined) {
    ctx.addIssue({ code: "custom", message: `must be ${DURATION_HELP}, got ${shown(value)}` });
  }
});
export const flag = z.boolean({ error: (issue) => `must be true or false, got ${shown(issue.input)}` }).optional();

/** Accepts the preview sentinel for any value, else validates with `schema`. */
export function orUnknown(schema: z.ZodType): z.ZodType {
  const checked = z.unknown().superRefine((value, ctx) => {
    if (isUnknown(value)) return;
    const result = schema.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
  // zod reports a missing key unless the field's own schema is optional, so mirror the inner schema.
  return schema.safeParse(undefined).success ? checked.optional() : checked;
}

export const timeoutsSchema = z
  .object(
    { create: orUnknown(duration), delete: orUnknown(duration) },
    { error: (issue) => `must be an object like { create: "45m", delete: "30m" }, got ${shown(issue.input)}` },
  )
  .strict()
  .optional();

const forwardingRule = z.object(
  {
    endpointName: orUnknown(
      text(GCP_RESOURCE_NAME, "a Google Cloud forwarding rule name (lowercase letters, digits and hyphens, starting with a letter)"),
    ),
    ipAddress: orUnknown(text(IPV4, "an IPv4 address")),
  },
  { error: (issue) => `must be an object { endpointName, ipAddress }, got ${shown(issue.input)}` },
);

const forwardingRules = z
  .array(orUnknown(forwardingRule), {
    error: (issue) =>
      issue.input === undefined
        ? "is required for GCP (a list of { endpointName, ipAddress })"
        : `must be a list of { endpointName, ipAddress }, got ${shown(issue.input)}`,
  })
  .min(1, { error: "must list at least one forwarding rule { endpointName, ipAddress }" })
  .superRefine((rules, ctx) => {
    const seen = new Set<unknown>();
    rules.forEach((rule, index) => {
      const name = (rule as { endpointName?: unknown } | undefined)?.endpointName;
      if (typeof name !== "string" || isUnknown(name)) return;
      if (seen.has(name)) ctx.addIssue({ code: "custom", path: [index, "endpointName"], message: `is listed twice, value="${name}"` });
      seen.add(name);
    });
  });

// Atlas cluster names: letters, digits and hyphens, starting with a letter or digit, at most 64.
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;
const WAIT_FOR_CLUSTERS_HELP = "true (every cluster of the project), false, or a list of cluster names";

const clusterNames = z
  .array(orUnknown(text(CLUSTER_NAME, "an Atlas cluster name (letters, digits and hyphens, starting with a letter or digit, at most 64)")))
  .superRefine((names, ctx) => {
    const seen = new Set<unknown>();
    names.forEach((name, index) => {
      if (typeof name !== "string" || isUnknown(name)) return;
      if (seen.has(name)) ctx.addIssue({ code: "custom", path: [index], message: `is listed twice, value="${name}"` });
      seen.add(name);
    });
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
  groupId: orUnknown(text(HEX24, "24 hexadecimal characters (the Atlas project id)")),
  cloudProvider: orUnknown(
    z
      .enum(CLOUD_PROVIDERS as [CloudProvider, ...CloudProvider[]], {
        error: (issue) => `must be one of ${CLOUD_PROVIDERS.join(", ")}, got ${shown(issue.input)}`,
      })
      .optional(),
  ),
  endpointServiceId: orUnknown(text(HEX24, "24 hexadecimal characters (the Atlas endpoint service id)")),
  timeouts: orUnknown(timeoutsSchema),
  deleteOnCreateTimeout: orUnknown(flag),
  adoptExisting: orUnknown(flag),
  waitForClusters: orUnknown(waitForClusters),
});

/** Fields specific to each cloud; the discriminant is `cloudProvider`. */
const cloudSchemas: { readonly [C in CloudProvider]: z.ZodType } = {
  AWS: z.object({
    endpointId: orUnknown(text(AWS_ENDPOINT_ID, 'an AWS VPC endpoint id: "vpce-" followed by 17 lowercase hex characters')),
  }),
  AZURE: z.object({
    endpointId: orUnknown(
      text(
        AZURE_ENDPOINT_ID,
        "an Azure private endpoint resource id /subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
      ),
    ),
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

export interface InputFailure {
  property: string;
  reason: string;
}

export function propertyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/**
 * What one resource validates against: a schema for every cloud's inputs, one per cloud, which
 * inputs each cloud takes, and the defaults. Both resources validate and resolve through the two
 * functions below, so they report failures, unknowns and misplaced inputs the same way.
 */
export interface InputVocabulary {
  /** How messages name the resource ("PrivateEndpoint"). */
  resource: string;
  common: z.ZodType;
  clouds: { readonly [C in CloudProvider]: z.ZodType };
  keys: { readonly [C in CloudProvider]: readonly string[] };
  /** Keys picked from recorded props when their cloud is not one of ours (the check then says why). */
  fallbackKeys: readonly string[];
  defaults: Readonly<Record<string, unknown>> & { cloudProvider: CloudProvider };
}

/**
 * Validates what a user declared, without network or credentials. Values still unknown in
 * preview are accepted as they are. Returns every failure at once, one per property.
 */
export function validateWith(
  vocabulary: InputVocabulary,
  news: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: InputFailure[] } {
  const reasons = new Map<string, string[]>();
  const fail = (property: string, reason: string) => {
    const list = reasons.get(property) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(property, list);
  };
  const collect = (result: { success: boolean; error?: z.ZodError }) => {
    for (const issue of result.error?.issues ?? []) fail(propertyPath(issue.path), issue.message);
  };

  collect(vocabulary.common.safeParse(news));
  const cloud = news.cloudProvider === undefined ? vocabulary.defaults.cloudProvider : news.cloudProvider;
  if (typeof cloud === "string" && CLOUD_PROVIDERS.includes(cloud as CloudProvider)) {
    const known = cloud as CloudProvider;
    collect(vocabulary.clouds[known].safeParse(news));
    for (const key of Object.keys(news)) {
      if (key === PROVIDER_KEY || vocabulary.keys[known].includes(key) || news[key] === undefined) continue;
      const elsewhere = CLOUD_PROVIDERS.filter((other) => vocabulary.keys[other].includes(key));
      fail(
        key,
        elsewhere.length > 0
          ? `applies to cloudProvider ${elsewhere.join(" or ")} only, not ${known}`
          : `is not a${/^[AEIOU]/.test(vocabulary.resource) ? "n" : ""} ${vocabulary.resource} property; allowed for ${known}: ${vocabulary.keys[known].join(", ")}`,
      );
    }
  }

  const failures = [...reasons].map(([property, list]) => ({ property, reason: list.join("; ") }));
  if (failures.length > 0) return { inputs: news, failures };
  const inputs: Record<string, unknown> = { ...news };
  for (const [key, value] of Object.entries(vocabulary.defaults)) if (inputs[key] === undefined) inputs[key] = value;
  return { inputs, failures };
}

/**
 * The inputs an operation acts on, picked from inputs or from outputs (which carry the inputs):
 * validated, defaults applied, every value known. Throws naming every invalid or unknown property.
 */
export function resolveWith(vocabulary: InputVocabulary, props: Record<string, unknown>): Record<string, unknown> {
  const cloud = props.cloudProvider ?? vocabulary.defaults.cloudProvider;
  const keys = vocabulary.keys[cloud as CloudProvider] ?? vocabulary.fallbackKeys;
  const picked = Object.fromEntries(keys.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
  const { inputs, failures } = validateWith(vocabulary, picked);
  if (failures.length > 0) {
    throw new Error(`Invalid ${vocabulary.resource} inputs: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
  }
  const unknownKeys = Object.keys(inputs).filter((key) => containsUnknown(inputs[key]));
  if (unknownKeys.length > 0) throw new Error(`${vocabulary.resource} inputs are not known yet: ${unknownKeys.join(", ")}`);
  return inputs;
}

const PRIVATE_ENDPOINT_VOCABULARY: InputVocabulary = {
  resource: "PrivateEndpoint",
  common: commonSchema,
  clouds: cloudSchemas,
  keys: INPUT_KEYS,
  fallbackKeys: COMMON_KEYS,
  defaults: INPUT_DEFAULTS,
};

/** PrivateEndpoint's check: see validateWith. */
export function validateInputs(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: InputFailure[] } {
  return validateWith(PRIVATE_ENDPOINT_VOCABULARY, news);
}

/**
 * The inputs a create/read/update/delete acts on, picked from inputs or from outputs (which carry
 * the inputs). Throws naming every invalid property.
 */
export function resolveInputs(props: Record<string, unknown>): ResolvedInputs {
  const inputs = resolveWith(PRIVATE_ENDPOINT_VOCABULARY, props);
  if (Array.isArray(inputs.endpoints)) {
    // Outputs carry each rule's status too; the inputs are the name and address only.
    inputs.endpoints = (inputs.endpoints as GcpForwardingRuleInput[]).map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress }));
  }
  return inputs as unknown as ResolvedInputs;
}
