/**
 * A setting has no status of its own: Atlas answers what it is (ENABLED or DISABLED), and whatever
 * it is, it exists. What a change waits for is the project's clusters (settle.ts), not a status.
 */
import type { RegionalModeSetting } from "../client";
import type { Observation } from "../waiting/status-table";

/** As progress lines say what the setting is. */
export function labelOf(setting: { enabled: boolean }): string {
  return setting.enabled ? "ENABLED" : "DISABLED";
}

export function observe(setting: RegionalModeSetting): Observation {
  return { phase: "ready", label: labelOf(setting) };
}

/** Atlas's answer is a flag: there is no status it could add. */
export function unknownStatus(_setting: RegionalModeSetting): string | undefined {
  return undefined;
}

/**
 * Every record of a setting is ready: the setting always exists in Atlas. What a record may leave
 * unfinished (a change whose answer was lost, clusters that had not applied it by the deadline),
 * update finishes (update.ts), as it finishes any change.
 */
export function recordedPhase(_props: Record<string, unknown>): Observation["phase"] {
  return "ready";
}

export const readyStatus = "set";
