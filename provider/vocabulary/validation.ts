/**
 * How every resource checks what a user declared, without network or credentials: one failure per
 * property naming what is allowed, values not known yet in preview accepted as they are, inputs
 * that belong to another cloud or no resource named as such. A resource declares its schemas as an
 * InputVocabulary (its folder's inputs.ts); `validateWith` is its `check`, `resolveWith` gives its
 * operations typed inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CLOUD_PROVIDERS, type CloudProvider } from "./clouds";
import { PROVIDER_KEY } from "./state";
import { DURATION_HELP, parseDurationMs } from "./time";

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
export const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * A cloud-side endpoint's id, as every resource that names one takes it (or the sentinel of a value not known yet):
 * AWS a VPC interface endpoint id, Azure a private endpoint's resource id, unencoded (the OpenAPI pattern for
 * endpoint ids).
 */
export const CLOUD_ENDPOINT_ID = {
  AWS: orUnknown(text(/^vpce-[0-9a-f]{17}$/, 'an AWS VPC endpoint id: "vpce-" followed by 17 lowercase hex characters')),
  AZURE: orUnknown(
    text(
      /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/,
      "an Azure private endpoint resource id /subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
    ),
  ),
};

export const flag = z.boolean({ error: (issue) => `must be true or false, got ${shown(issue.input)}` }).optional();

export const cloudProvider = z
  .enum(CLOUD_PROVIDERS as [CloudProvider, ...CloudProvider[]], {
    error: (issue) => `must be one of ${CLOUD_PROVIDERS.join(", ")}, got ${shown(issue.input)}`,
  })
  .optional();

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

/**
 * The "listed twice" issues of a list: each item whose key (`keyOf`) an earlier item had, at its
 * index (and, with `at`, that field of it). Items whose key is not a value yet (undefined, or unknown
 * in preview) are passed over.
 */
export function listedTwice(
  items: readonly unknown[],
  keyOf: (item: unknown) => unknown,
  options: { at?: string; shownOf?: (item: unknown) => unknown } = {},
): { code: "custom"; path: (string | number)[]; message: string }[] {
  const seen = new Set<unknown>();
  const issues: { code: "custom"; path: (string | number)[]; message: string }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined || isUnknown(key)) return;
    if (seen.has(key)) {
      const path = options.at === undefined ? [index] : [index, options.at];
      issues.push({ code: "custom", path, message: `is listed twice, value="${String(options.shownOf?.(item) ?? key)}"` });
    }
    seen.add(key);
  });
  return issues;
}

const duration = z.unknown().superRefine((value, ctx) => {
  if (value !== undefined && parseDurationMs(value) === undefined) {
    ctx.addIssue({ code: "custom", message: `must be ${DURATION_HELP}, got ${shown(value)}` });
  }
});

export const timeoutsSchema = z
  .object(
    { create: orUnknown(duration), delete: orUnknown(duration) },
    { error: (issue) => `must be an object like { create: "45m", delete: "30m" }, got ${shown(issue.input)}` },
  )
  .strict()
  .optional();

/** The inputs every resource has: its project, its cloud, and how long it waits. */
export const PROJECT_FIELDS = {
  groupId: orUnknown(text(HEX24, "24 hexadecimal characters (the Atlas project id)")),
  cloudProvider: orUnknown(cloudProvider),
  timeouts: orUnknown(timeoutsSchema),
};

export interface InputFailure {
  property: string;
  reason: string;
}

export function propertyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/** What every resource's vocabulary has, whatever it belongs to. */
interface VocabularyBase<Resolved> {
  /** How messages name the resource ("PrivateEndpoint"). */
  resource: string;
  common: z.ZodType;
  /** After validation and defaults: anything the typed inputs carry beyond the declared values (e.g. a normalized spelling). */
  refine?: (validated: Resolved) => Resolved;
  /**
   * What `check` warns of (it does not refuse): valid inputs whose effect the person running preview should know of.
   * Pure, like the rest of check; given the checked inputs with defaults applied (values still unknown in preview
   * stay the sentinel) and the inputs recorded before (none: it is about to be created).
   */
  warnings?: (checked: Record<string, unknown>, olds: Record<string, unknown>) => string[];
}

/**
 * What one resource validates against: a schema for every cloud's inputs, one per cloud, which
 * inputs each cloud takes, and the defaults. `Resolved` is the inputs' type once validated, with
 * defaults applied and every value known: what resolveWith returns.
 */
export interface CloudInputVocabulary<Resolved> extends VocabularyBase<Resolved> {
  clouds: { readonly [C in CloudProvider]: z.ZodType };
  keys: { readonly [C in CloudProvider]: readonly string[] };
  /** Keys picked from recorded props when their cloud is not one of ours (the check then says why). */
  fallbackKeys: readonly string[];
  defaults: Readonly<Record<string, unknown>> & { cloudProvider: CloudProvider };
}

/**
 * The vocabulary of a resource that belongs to no one cloud (a project setting such as regional mode):
 * one schema, one list of inputs, no `cloudProvider`.
 */
export interface ProjectInputVocabulary<Resolved> extends VocabularyBase<Resolved> {
  keys: readonly string[];
  defaults: Readonly<Record<string, unknown>>;
}

export type InputVocabulary<Resolved> = CloudInputVocabulary<Resolved> | ProjectInputVocabulary<Resolved>;

const perCloud = <R>(vocabulary: InputVocabulary<R>): vocabulary is CloudInputVocabulary<R> => "clouds" in vocabulary;

/**
 * Validates what a user declared, without network or credentials. Values still unknown in
 * preview are accepted as they are. Returns every failure at once, one per property.
 */
export function validateWith<Resolved>(
  vocabulary: InputVocabulary<Resolved>,
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
  const stray = (allowed: readonly string[]) =>
    Object.keys(news).filter((key) => key !== PROVIDER_KEY && !allowed.includes(key) && news[key] !== undefined);
  const notOurs = `is not ${/^[AEIOU]/.test(vocabulary.resource) ? "an" : "a"} ${vocabulary.resource} property`;
  if (!perCloud(vocabulary)) {
    for (const key of stray(vocabulary.keys)) fail(key, `${notOurs}; allowed: ${vocabulary.keys.join(", ")}`);
  } else {
    const cloud = news.cloudProvider === undefined ? vocabulary.defaults.cloudProvider : news.cloudProvider;
    if (typeof cloud === "string" && CLOUD_PROVIDERS.includes(cloud as CloudProvider)) {
      const known = cloud as CloudProvider;
      collect(vocabulary.clouds[known].safeParse(news));
      for (const key of stray(vocabulary.keys[known])) {
        const elsewhere = CLOUD_PROVIDERS.filter((other) => vocabulary.keys[other].includes(key));
        fail(
          key,
          elsewhere.length > 0
            ? `applies to cloudProvider ${elsewhere.join(" or ")} only, not ${known}`
            : `${notOurs}; allowed for ${known}: ${vocabulary.keys[known].join(", ")}`,
        );
      }
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
export function resolveWith<Resolved>(vocabulary: InputVocabulary<Resolved>, props: Record<string, unknown>): Resolved {
  const keys = perCloud(vocabulary)
    ? (vocabulary.keys[(props.cloudProvider ?? vocabulary.defaults.cloudProvider) as CloudProvider] ?? vocabulary.fallbackKeys)
    : vocabulary.keys;
  const picked = Object.fromEntries(keys.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
  const { inputs, failures } = validateWith(vocabulary, picked);
  if (failures.length > 0) {
    throw new Error(`Invalid ${vocabulary.resource} inputs: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
  }
  const unknownKeys = Object.keys(inputs).filter((key) => containsUnknown(inputs[key]));
  if (unknownKeys.length > 0) throw new Error(`${vocabulary.resource} inputs are not known yet: ${unknownKeys.join(", ")}`);
  // The one place the checked values take their type: the vocabulary's schemas above accepted every
  // one of them, its defaults filled in the rest, and none is still unknown.
  const resolved = inputs as Resolved;
  return vocabulary.refine ? vocabulary.refine(resolved) : resolved;
}
