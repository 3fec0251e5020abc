import type { DiffResult } from "@pulumi/pulumi/dynamic";
import type { CloudProvider } from "../vocabulary/clouds";
import { parseResourceId } from "../vocabulary/ids";
import { INPUT_DEFAULTS, containsUnknown, isUnknown } from "../vocabulary/inputs";
import { parseDurationMs } from "../vocabulary/time";

type Props = Record<string, unknown>;

/** Atlas has no update for an endpoint: a change to any of these replaces it. */
export const REPLACE_FIELDS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: ["groupId", "cloudProvider", "endpointServiceId", "endpointId"],
  AZURE: ["groupId", "cloudProvider", "endpointServiceId", "endpointId", "privateEndpointIPAddress"],
  GCP: ["groupId", "cloudProvider", "endpointServiceId", "gcpProjectId", "endpointGroupName", "endpoints"],
};

/** Provider behaviour only: a change of these alone is an update without a call to Atlas. */
export const OPTION_FIELDS = ["timeouts", "deleteOnCreateTimeout", "adoptExisting", "waitForClusters"] as const;

const cloudOf = (props: Props): unknown => props.cloudProvider ?? INPUT_DEFAULTS.cloudProvider;

/** Azure resource ids are case-insensitive (`resourceGroups` and `resourcegroups` name one endpoint). */
function sameEndpointId(cloud: unknown, a: unknown, b: unknown): boolean {
  if (cloud === "AZURE" && typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function ruleKey(rule: unknown): string {
  const { endpointName, ipAddress } = (rule ?? {}) as { endpointName?: unknown; ipAddress?: unknown };
  return JSON.stringify([endpointName, ipAddress]);
}

/** Forwarding rules are named, so their order is not a change. */
function sameRules(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const left = a.map(ruleKey).sort();
  const right = b.map(ruleKey).sort();
  return left.every((key, index) => key === right[index]);
}

function sameTimeouts(a: unknown, b: unknown): boolean {
  const ms = (value: unknown, key: "create" | "delete") => {
    const raw = (value as { create?: unknown; delete?: unknown } | undefined)?.[key];
    return raw === undefined ? undefined : (parseDurationMs(raw) ?? raw);
  };
  return ms(a, "create") === ms(b, "create") && ms(a, "delete") === ms(b, "delete");
}

function sameValue(field: string, cloud: unknown, olds: Props, news: Props): boolean {
  const before = olds[field];
  const after = news[field];
  switch (field) {
    case "cloudProvider":
      return cloudOf(olds) === cloudOf(news);
    case "endpointId":
      return sameEndpointId(cloud, before, after);
    case "endpoints":
      return sameRules(before, after);
    case "endpointGroupName":
      // A port-mapped GCP service ignores the group name and reports the endpoint's own name.
      return olds.portMappingEnabled === true || before === after;
    case "timeouts":
      return sameTimeouts(before, after);
    case "deleteOnCreateTimeout":
    case "adoptExisting":
      return (before ?? INPUT_DEFAULTS[field]) === (after ?? INPUT_DEFAULTS[field]);
    case "waitForClusters":
      return JSON.stringify(before ?? INPUT_DEFAULTS.waitForClusters) === JSON.stringify(after ?? INPUT_DEFAULTS.waitForClusters);
    default:
      return before === after;
  }
}

/** The Atlas endpoint a resource names, per component; `undefined` where still unknown. */
function atlasKey(props: Props): (string | undefined)[] {
  const cloud = cloudOf(props);
  const endpointId = cloud === "GCP" ? props.endpointGroupName : props.endpointId;
  const known = (part: unknown) => (typeof part === "string" && !isUnknown(part) ? part : undefined);
  const id = known(endpointId);
  return [known(props.groupId), known(cloud), known(props.endpointServiceId), cloud === "AZURE" ? id?.toLowerCase() : id];
}

function firstRuleName(props: Props): string | undefined {
  if (isUnknown(props.endpoints)) return undefined;
  const name = (props.endpoints as { endpointName?: unknown }[] | undefined)?.[0]?.endpointName;
  return typeof name === "string" && !isUnknown(name) ? name : undefined;
}

function oldAtlasKey(id: string, olds: Props): (string | undefined)[] {
  try {
    const parsed = parseResourceId(id);
    return [
      parsed.groupId,
      parsed.cloudProvider,
      parsed.endpointServiceId,
      parsed.cloudProvider === "AZURE" ? parsed.endpointId.toLowerCase() : parsed.endpointId,
    ];
  } catch {
    return atlasKey(olds);
  }
}

/**
 * Pure: no network. Replaces on any change to what identifies or shapes the endpoint (an unknown
 * value counts as a change). Deletes before replacing whenever the old and new resource may name
 * the same Atlas endpoint: otherwise the new create meets a 409, adopts the old endpoint, and the
 * old resource's delete then removes it.
 */
export function diffInputs(id: string, olds: Props, news: Props): DiffResult {
  const newCloud = cloudOf(news);
  const fields = isUnknown(newCloud) ? REPLACE_FIELDS.AWS : (REPLACE_FIELDS[newCloud as CloudProvider] ?? REPLACE_FIELDS.AWS);
  const replaces = fields.filter((field) => containsUnknown(news[field]) || !sameValue(field, newCloud, olds, news));
  if (isUnknown(newCloud) && !replaces.includes("cloudProvider")) replaces.push("cloudProvider");
  const updates = OPTION_FIELDS.filter((field) => containsUnknown(news[field]) || !sameValue(field, newCloud, olds, news));
  if (replaces.length === 0) return { changes: updates.length > 0, replaces: [], deleteBeforeReplace: false };

  const before = oldAtlasKey(id, olds);
  const after = atlasKey(news);
  const mayMatch = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;
  const sameService = before.slice(0, 3).every((part, index) => mayMatch(part, after[index]));
  // A port-mapped GCP group holds one forwarding rule, and Atlas knows the group by that rule's name too.
  const sameRuleName = olds.portMappingEnabled === true && mayMatch(firstRuleName(olds), firstRuleName(news));
  const mayBeSameEndpoint = sameService && (mayMatch(before[3], after[3]) || sameRuleName);
  return { changes: true, replaces, deleteBeforeReplace: mayBeSameEndpoint };
}
