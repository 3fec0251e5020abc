/** EndpointService's diff rules (the diff itself is operations/diff.ts). */
import type { CloudProvider } from "../vocabulary/clouds";
import { sameRegion } from "../vocabulary/regions";
import { mayBeSame, type DiffRules } from "../operations/diff";
import { normalizedRemoteRegions, SERVICE_INPUT_DEFAULTS, SERVICE_OPTION_FIELDS } from "./inputs";

type Props = Record<string, unknown>;

/** Atlas cannot change these on a service: a change replaces it. */
export const SERVICE_REPLACE_FIELDS = ["groupId", "cloudProvider", "region", "portMappingEnabled"] as const;
/** Atlas changes this in place (PATCH, AWS only). */
export const SERVICE_UPDATE_FIELDS = ["supportedRemoteRegions"] as const;

const cloudOf = (props: Props): unknown => props.cloudProvider ?? SERVICE_INPUT_DEFAULTS.cloudProvider;

const regions = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

function same(field: string, olds: Props, news: Props): boolean | undefined {
  const before = olds[field];
  const after = news[field];
  switch (field) {
    case "region":
      return typeof before === "string" && typeof after === "string" && sameRegion(cloudOf(news) as CloudProvider, before, after);
    case "portMappingEnabled":
      return (before ?? false) === (after ?? false);
    case "supportedRemoteRegions":
      // Undeclared means "whatever Atlas has": dropping the input changes nothing in Atlas.
      return (
        after === undefined ||
        JSON.stringify(normalizedRemoteRegions(regions(before))) === JSON.stringify(normalizedRemoteRegions(regions(after)))
      );
    default:
      return undefined;
  }
}

/**
 * Replaces on a change of what Atlas cannot change; supportedRemoteRegions and the options are
 * updates. Deletes before replacing when the old and new service may be in the same cloud and region
 * of one project: Atlas allows one there, so creating first would meet a 409 and adopt the very
 * service the old resource then deletes.
 */
export const rules: DiffRules = {
  replaceFields: SERVICE_REPLACE_FIELDS,
  updateFields: [...SERVICE_UPDATE_FIELDS, ...SERVICE_OPTION_FIELDS],
  defaults: SERVICE_INPUT_DEFAULTS,
  same,
  maySameObject: (_id, olds, news) => mayBeSame(rules, ["groupId", "cloudProvider", "region"], olds, news),
};
