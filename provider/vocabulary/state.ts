/**
 * What a resource may record in state: plain JSON (no `undefined`, no empty strings Atlas sent for
 * "not set"), and the key under which the dynamic provider engine keeps the serialized provider.
 */

/** Where the engine keeps the serialized dynamic provider in a resource's inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/** Drops `undefined` at any depth, so state is plain JSON. */
export function plainJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => plainJson(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = plainJson(item);
    return out as T;
  }
  return value;
}

/** Atlas sends "" for some fields it has not set: read as absent. */
export const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value);
