/**
 * RegionalMode's diff rules (the diff itself is operations/diff.ts): `enabled` is changed in place
 * (a PATCH), the options change nothing in Atlas, and another project is another setting.
 */
import { mayMatch, type DiffRules } from "../operations/diff";
import { REGIONAL_MODE_DEFAULTS, REGIONAL_MODE_OPTION_KEYS } from "./inputs";

export const REGIONAL_MODE_REPLACE_FIELDS = ["groupId"] as const;
export const REGIONAL_MODE_UPDATE_FIELDS = ["enabled"] as const;

export const rules: DiffRules = {
  replaceFields: REGIONAL_MODE_REPLACE_FIELDS,
  updateFields: [...REGIONAL_MODE_UPDATE_FIELDS, ...REGIONAL_MODE_OPTION_KEYS],
  defaults: REGIONAL_MODE_DEFAULTS,
  same: () => undefined,
  /** The same project (or one not known yet) is the same setting: the old one is put back first. */
  maySameObject: (_id, olds, news) => mayMatch(olds.groupId, news.groupId),
};
