/**
 * What a RegionalMode's user declares and how `check` validates it. Regional mode is a setting of
 * the project (every cloud at once), so the inputs name no cloud. Pure.
 */
import { z } from "zod";
import type { Timeouts } from "../vocabulary/time";
import { flag, isUnknown, orUnknown, PROJECT_FIELDS, shown, type ProjectInputVocabulary } from "../vocabulary/validation";

/** What a user declares for a project's regionalized private endpoint setting. */
export interface RegionalModeInputs {
  /** Atlas project id (24 hex characters). */
  groupId: string;
  /** Regionalized private endpoints on (true) or off (false) for the whole project. */
  enabled: boolean;
  /**
   * On destroy, put the setting back as Atlas had it before this resource first changed it.
   * false: leave it as it is. Default true.
   */
  restoreOnDestroy?: boolean;
  /**
   * How long to wait for the project's clusters to apply a change: create and update (default
   * "60m"), destroy's restore (default "30m").
   */
  timeouts?: Timeouts;
}

/** After check: defaults applied, every value known. */
export interface ResolvedRegionalModeInputs extends RegionalModeInputs {
  restoreOnDestroy: boolean;
}

export const REGIONAL_MODE_DEFAULTS = { restoreOnDestroy: true } as const;

export const REGIONAL_MODE_INPUT_KEYS = ["groupId", "enabled", "restoreOnDestroy", "timeouts"] as const;

/** Inputs that only steer this provider: changing them alone calls nothing in Atlas. */
export const REGIONAL_MODE_OPTION_KEYS = ["restoreOnDestroy", "timeouts"] as const;

const enabled = z.boolean({
  error: (issue) => (issue.input === undefined ? "is required (true or false)" : `must be true or false, got ${shown(issue.input)}`),
});

/** How a warning names the project: its id, or that it is not known yet (preview). */
function projectOf(groupId: unknown): string {
  return typeof groupId === "string" && !isUnknown(groupId) ? `project groupId="${groupId}"` : "the project (its groupId is not known yet)";
}

/**
 * What `pulumi preview` warns of (no Atlas request: from the recorded and the new inputs alone).
 * Enabling changes the private connection strings of the project's multi-region and global sharded
 * clusters (the spec: "This might cause downtime"); disabling changes them back. A create cannot
 * know whether Atlas has it already (asking would be a request), so it says "unless".
 */
function warnings(news: Record<string, unknown>, olds: Record<string, unknown>): string[] {
  const before = olds.enabled;
  const after = news.enabled;
  const project = projectOf(news.groupId);
  const recorded = typeof before === "boolean";
  if ((after === true || isUnknown(after)) && before !== true) {
    const will = isUnknown(after) ? "may be enabled" : "will be enabled";
    const unless = recorded ? "" : " (unless Atlas has it enabled already)";
    return [
      `Regional mode ${will} in ${project}${unless}: the private connection strings of the project's existing multi-region ` +
        "and global sharded clusters change, which may cause downtime; applications must switch to the new strings " +
        "(privateConnectionStrings lists them once the clusters have applied it). Atlas then refuses replica sets in the project.",
    ];
  }
  if (after === false && before === true) {
    return [
      `Regional mode will be disabled in ${project}: the private connection strings of the project's existing multi-region ` +
        "and global sharded clusters change back, which may cause downtime; applications must switch to the new strings.",
    ];
  }
  return [];
}

export const REGIONAL_MODE_INPUTS: ProjectInputVocabulary<ResolvedRegionalModeInputs> = {
  resource: "RegionalMode",
  common: z.object({
    groupId: PROJECT_FIELDS.groupId,
    timeouts: PROJECT_FIELDS.timeouts,
    enabled: orUnknown(enabled),
    restoreOnDestroy: orUnknown(flag),
  }),
  keys: REGIONAL_MODE_INPUT_KEYS,
  defaults: REGIONAL_MODE_DEFAULTS,
  warnings,
};

export { REGIONAL_MODE_INPUTS as vocabulary };
