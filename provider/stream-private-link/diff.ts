/** StreamPrivateLink's diff rules (the diff itself is operations/diff.ts). Atlas has no update for a connection. */
import { mayBeSame, type DiffRules } from "../operations/diff";
import { CLOUD_PROVIDERS, type CloudProvider } from "../vocabulary/clouds";
import { sameFieldValue } from "./adoption";
import { STREAM_LINK_ATLAS_FIELDS, STREAM_LINK_INPUT_DEFAULTS, STREAM_LINK_OPTION_FIELDS, vendorRule } from "./inputs";

type Props = Record<string, unknown>;

/** Atlas cannot change any of these on a connection: a change replaces it. */
export const STREAM_LINK_REPLACE_FIELDS = ["groupId", "cloudProvider", ...STREAM_LINK_ATLAS_FIELDS] as const;

const cloudOf = (props: Props): CloudProvider => {
  const cloud = props.cloudProvider ?? STREAM_LINK_INPUT_DEFAULTS.cloudProvider;
  return CLOUD_PROVIDERS.includes(cloud as CloudProvider) ? (cloud as CloudProvider) : STREAM_LINK_INPUT_DEFAULTS.cloudProvider;
};

const ATLAS_FIELDS: readonly string[] = STREAM_LINK_ATLAS_FIELDS.filter((field) => field !== "vendor");

function same(field: string, olds: Props, news: Props): boolean | undefined {
  if (!ATLAS_FIELDS.includes(field)) return undefined;
  // Undeclared means "whatever Atlas has" (an MSK connection's region, Pub/Sub's domain): no change.
  if (news[field] === undefined) return true;
  return sameFieldValue(cloudOf(news), field, olds[field], news[field]);
}

/**
 * Replaces on a change of anything Atlas holds; the options are updates. Deletes before replacing when
 * the new connection may reach the old one's target (same project, cloud, vendor and the vendor's
 * target fields): Atlas refuses a second live connection there (409), so creating first would meet
 * it, adopt the very connection the old resource then deletes.
 */
function maySameObject(_id: string, olds: Props, news: Props): boolean {
  if (!mayBeSame(rules, ["groupId", "cloudProvider", "vendor"], olds, news)) return false;
  const vendor = news.vendor ?? STREAM_LINK_INPUT_DEFAULTS.vendor;
  const rule = typeof vendor === "string" ? vendorRule(cloudOf(news), vendor) : undefined;
  // A vendor not known yet may be the old one's.
  return rule === undefined || mayBeSame(rules, rule.target, olds, news);
}

export const rules: DiffRules = {
  replaceFields: STREAM_LINK_REPLACE_FIELDS,
  updateFields: STREAM_LINK_OPTION_FIELDS,
  defaults: STREAM_LINK_INPUT_DEFAULTS,
  same,
  maySameObject,
};
