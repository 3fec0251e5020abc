/**
 * RegionalMode's adoption rule: the setting always exists, so a create finds it. When Atlas already
 * has the declared value the create changes nothing (no PATCH) and records that value as the one
 * destroy puts back.
 */
import type { RegionalModeSetting } from "../client";
import type { ResolvedRegionalModeInputs } from "./inputs";

export function alreadyAsDeclared(inputs: ResolvedRegionalModeInputs, current: RegionalModeSetting): boolean {
  return current.enabled === inputs.enabled;
}
