/** DataFederationEndpoint's diff rules (the diff itself is operations/diff.ts). */
import { mayMatch, type DiffRules } from "../operations/diff";
import { sameEndpointId, type CloudProvider } from "../vocabulary/clouds";
import { sameRegion } from "../vocabulary/regions";
import { isUnknown } from "../vocabulary/validation";
import { parseId } from "./ids";
import { INPUT_DEFAULTS, OPTION_KEYS } from "./inputs";

type Props = Record<string, unknown>;

/** Atlas changes none of these on an entry (its POST changes only the comment): a change replaces it. */
export const REPLACE_FIELDS = [
  "groupId",
  "cloudProvider",
  "endpointId",
  "region",
  "customerEndpointDNSName",
  "azureLinkId",
  "customerEndpointIPAddress",
] as const;
/** Atlas changes the comment in place; the options change nothing in Atlas. */
export const UPDATE_FIELDS = ["comment", ...OPTION_KEYS] as const;

const cloudOf = (props: Props): unknown => props.cloudProvider ?? INPUT_DEFAULTS.cloudProvider;

function same(field: string, olds: Props, news: Props): boolean | undefined {
  const before = olds[field];
  const after = news[field];
  switch (field) {
    case "endpointId":
      return sameEndpointId(cloudOf(news), before, after);
    case "region":
      if (typeof before === "string" && typeof after === "string") return sameRegion(cloudOf(news) as CloudProvider, before, after);
      return before === after;
    case "customerEndpointDNSName":
      // DNS names are case-insensitive.
      return typeof before === "string" && typeof after === "string" ? before.toLowerCase() === after.toLowerCase() : before === after;
    case "comment":
      // Left out: whatever Atlas has (a comment changed outside Pulumi stays); "" and none are the same to Atlas.
      return after === undefined || (before ?? "") === after;
    default:
      return undefined;
  }
}

/** The Atlas entry a recorded resource names: its project and endpoint id (Atlas keys entries by the id alone). */
function oldKey(id: string, olds: Props): [unknown, unknown] {
  try {
    const ref = parseId(id);
    return [ref.groupId, ref.endpointId.toLowerCase()];
  } catch {
    return [olds.groupId, typeof olds.endpointId === "string" ? olds.endpointId.toLowerCase() : olds.endpointId];
  }
}

/**
 * Replaces on a change Atlas cannot make, deleting first whenever the old and new entry may be the same (the same
 * endpoint id in the same project): Atlas's POST would upsert onto the old entry, which the old resource's delete
 * would then remove.
 */
function maySameObject(id: string, olds: Props, news: Props): boolean {
  const [groupId, endpointId] = oldKey(id, olds);
  const newEndpointId =
    typeof news.endpointId === "string" && !isUnknown(news.endpointId) ? news.endpointId.toLowerCase() : news.endpointId;
  return mayMatch(groupId, news.groupId) && mayMatch(endpointId, newEndpointId);
}

export const rules: DiffRules = {
  replaceFields: REPLACE_FIELDS,
  updateFields: UPDATE_FIELDS,
  defaults: INPUT_DEFAULTS,
  same,
  maySameObject,
};
