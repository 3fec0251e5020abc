import type { DiffResult } from "@pulumi/pulumi/dynamic";
import type { CloudProvider } from "../../vocabulary/clouds";
import { containsUnknown, isUnknown } from "../../vocabulary/inputs";
import { sameRegion } from "../../vocabulary/regions";
import { normalizedRemoteRegions, SERVICE_INPUT_DEFAULTS, SERVICE_OPTION_FIELDS } from "../../vocabulary/service-inputs";
import { parseDurationMs } from "../../vocabulary/time";

type Props = Record<string, unknown>;

/** Atlas cannot change these on a service: a change replaces it. */
export const SERVICE_REPLACE_FIELDS = ["groupId", "cloudProvider", "region", "portMappingEnabled"] as const;
/** Atlas changes this in place (PATCH, AWS only). */
export const SERVICE_UPDATE_FIELDS = ["supportedRemoteRegions"] as const;

const cloudOf = (props: Props): unknown => props.cloudProvider ?? SERVICE_INPUT_DEFAULTS.cloudProvider;

function sameTimeouts(a: unknown, b: unknown): boolean {
  const ms = (value: unknown, key: "create" | "delete") => {
    const raw = (value as { create?: unknown; delete?: unknown } | undefined)?.[key];
    return raw === undefined ? undefined : (parseDurationMs(raw) ?? raw);
  };
  return ms(a, "create") === ms(b, "create") && ms(a, "delete") === ms(b, "delete");
}

function sameValue(field: string, olds: Props, news: Props): boolean {
  const before = olds[field];
  const after = news[field];
  switch (field) {
    case "cloudProvider":
      return cloudOf(olds) === cloudOf(news);
    case "region":
      return typeof before === "string" && typeof after === "string" && sameRegion(cloudOf(news) as CloudProvider, before, after);
    case "portMappingEnabled":
      return (before ?? false) === (after ?? false);
    case "supportedRemoteRegions":
      // Undeclared means "whatever Atlas has": dropping the input changes nothing in Atlas.
      return (
        after === undefined ||
        JSON.stringify(normalizedRemoteRegions(before as string[])) === JSON.stringify(normalizedRemoteRegions(after as string[]))
      );
    case "timeouts":
      return sameTimeouts(before, after);
    case "adoptExisting":
    case "deleteAdoptedOnDestroy":
      return (before ?? SERVICE_INPUT_DEFAULTS[field]) === (after ?? SERVICE_INPUT_DEFAULTS[field]);
    default:
      return before === after;
  }
}

/**
 * Pure. Replaces on a change of what Atlas cannot change; supportedRemoteRegions and the options
 * are updates. Deletes before replacing when the old and new service may be in the same cloud and
 * region of one project: Atlas allows one there, so creating first would meet a 409 and adopt the
 * very service the old resource then deletes.
 */
export function diffServiceInputs(_id: string, olds: Props, news: Props): DiffResult {
  const changed = (field: string) => containsUnknown(news[field]) || !sameValue(field, olds, news);
  const replaces = SERVICE_REPLACE_FIELDS.filter(changed);
  const updates = [...SERVICE_UPDATE_FIELDS, ...SERVICE_OPTION_FIELDS].filter(changed);
  if (replaces.length === 0) return { changes: updates.length > 0, replaces: [], deleteBeforeReplace: false };
  const mayMatch = (field: string) => isUnknown(news[field]) || sameValue(field, olds, news);
  const sameSlot = mayMatch("groupId") && mayMatch("cloudProvider") && mayMatch("region");
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: sameSlot };
}
