import { parseDurationMs } from "./duration";
import type { PrivateEndpointTimeouts } from "./inputs";

/** Defaults for `timeouts`; never scaled by PULUMI_ATLAS_PE_TIME_SCALE (they are the user's). */
export const DEFAULT_TIMEOUTS_MS = { create: 60 * 60_000, delete: 30 * 60_000 } as const;

export function timeoutMs(timeouts: PrivateEndpointTimeouts | undefined, which: "create" | "delete"): number {
  return parseDurationMs(timeouts?.[which]) ?? DEFAULT_TIMEOUTS_MS[which];
}
