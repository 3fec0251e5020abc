/** PrivateEndpoint's diff rules (the diff itself is operations/diff.ts). Atlas has no update for an endpoint. */
import { sameEndpointId, type CloudProvider } from "../vocabulary/clouds";
import { isUnknown } from "../vocabulary/validation";
import { mayMatch, type DiffRules } from "../operations/diff";
import { parseResourceId } from "./ids";
import { INPUT_DEFAULTS, OPTION_KEYS } from "./inputs";

type Props = Record<string, unknown>;

/** A change to any of these replaces the endpoint. */
export const REPLACE_FIELDS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: ["groupId", "cloudProvider", "endpointServiceId", "endpointId"],
  AZURE: ["groupId", "cloudProvider", "endpointServiceId", "endpointId", "privateEndpointIPAddress"],
  GCP: ["groupId", "cloudProvider", "endpointServiceId", "gcpProjectId", "endpointGroupName", "endpoints"],
};

const cloudOf = (props: Props): unknown => props.cloudProvider ?? INPUT_DEFAULTS.cloudProvider;

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

function same(field: string, olds: Props, news: Props): boolean | undefined {
  switch (field) {
    case "endpointId":
      return sameEndpointId(cloudOf(news), olds.endpointId, news.endpointId);
    case "endpoints":
      return sameRules(olds.endpoints, news.endpoints);
    case "endpointGroupName":
      // A port-mapped GCP service ignores the group name and reports the endpoint's own name.
      return olds.portMappingEnabled === true || olds.endpointGroupName === news.endpointGroupName;
    default:
      return undefined;
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
  const rules = Array.isArray(props.endpoints) ? props.endpoints : [];
  const name = (rules[0] as { endpointName?: unknown } | undefined)?.endpointName;
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

export const rules: DiffRules = {
  replaceFields: (news) => {
    const cloud = cloudOf(news);
    return typeof cloud === "string" && cloud in REPLACE_FIELDS ? REPLACE_FIELDS[cloud as CloudProvider] : REPLACE_FIELDS.AWS;
  },
  updateFields: OPTION_KEYS,
  defaults: INPUT_DEFAULTS,
  same,
  /** Same service and same endpoint id (or, port-mapped, the same rule name Atlas knows the group by too). */
  maySameObject(id, olds, news) {
    const before = oldAtlasKey(id, olds);
    const after = atlasKey(news);
    const sameService = before.slice(0, 3).every((part, index) => mayMatch(part, after[index]));
    const sameRuleName = olds.portMappingEnabled === true && mayMatch(firstRuleName(olds), firstRuleName(news));
    return sameService && (mayMatch(before[3], after[3]) || sameRuleName);
  },
};
