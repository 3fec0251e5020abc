import * as pulumi from "@pulumi/pulumi";

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
