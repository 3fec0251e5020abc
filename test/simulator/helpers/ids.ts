import { randomBytes } from "node:crypto";

/** A fresh vpce id that the simulator treats as existing (ends in 1, so never all zeros). */
export function vpceId(): string {
  return `vpce-${randomBytes(8).toString("hex")}1`;
}

export const MISSING_VPCE = "vpce-00000000000000000";

export const AZURE_SUBSCRIPTION = "0f3e4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b";

export function azureId(name = `pe-${randomBytes(4).toString("hex")}`, resourceGroups = "resourceGroups"): string {
  return `/subscriptions/${AZURE_SUBSCRIPTION}/${resourceGroups}/rg-app/providers/Microsoft.Network/privateEndpoints/${name}`;
}

export const GCP_PROJECT = "p-0123456789abcdefghijklmn";

export function gcpName(prefix = "group"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
