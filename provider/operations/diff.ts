/**
 * Diff, for any resource: pure (no network). A changed field Atlas cannot change replaces the
 * resource, and it is deleted first whenever the old and new one may be the same Atlas object
 * (creating first would meet a 409, adopt the old object, and the old resource's delete would then
 * remove it); options and what Atlas changes in place are updates. A value not known yet in
 * preview counts as a change.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { sameTimeouts } from "../vocabulary/time";
import { containsUnknown, isUnknown } from "../vocabulary/validation";

type Props = Record<string, unknown>;

export interface DiffRules {
  /** What Atlas cannot change on the resource (or, a function, on the one the new inputs declare): a change replaces it. */
  readonly replaceFields: readonly string[] | ((news: Props) => readonly string[]);
  /** What changes in place: options (no Atlas call) and what Atlas updates. */
  readonly updateFields: readonly string[];
  /** The defaults of the inputs: an option left out is its default. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /**
   * Whether a field of this resource's own is the same in both (a spelling, an order is no change);
   * undefined for the fields every resource has (sameField decides those).
   */
  same(field: string, olds: Props, news: Props): boolean | undefined;
  /** Whether the resource being replaced and its replacement may name the same Atlas object. */
  maySameObject(id: string, olds: Props, news: Props): boolean;
}

/** Whether a field is the same in both: the resource's own rule, else the one every resource shares. */
export function sameField(rules: DiffRules, field: string, olds: Props, news: Props): boolean {
  const own = rules.same(field, olds, news);
  if (own !== undefined) return own;
  if (field === "timeouts") return sameTimeouts(olds.timeouts, news.timeouts);
  // An input left out is its default (the cloud, an option): `adoptExisting: true` and none are the same.
  if (field in rules.defaults)
    return JSON.stringify(olds[field] ?? rules.defaults[field]) === JSON.stringify(news[field] ?? rules.defaults[field]);
  return olds[field] === news[field];
}

export function diffWith(rules: DiffRules, id: string, olds: Props, news: Props): DiffResult {
  const changed = (field: string) => containsUnknown(news[field]) || !sameField(rules, field, olds, news);
  const replaceFields = typeof rules.replaceFields === "function" ? rules.replaceFields(news) : rules.replaceFields;
  const replaces = replaceFields.filter(changed);
  const updates = rules.updateFields.filter(changed);
  if (replaces.length === 0) return { changes: updates.length > 0, replaces: [], deleteBeforeReplace: false };
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: rules.maySameObject(id, olds, news) };
}

/** Whether the replacement may have each of these fields as the old one has it: the same, or not known yet (preview). */
export function mayBeSame(rules: DiffRules, fields: readonly string[], olds: Props, news: Props): boolean {
  return fields.every((field) => containsUnknown(news[field]) || sameField(rules, field, olds, news));
}

/** Two parts of an object's identity may be the same: equal, or either not known (yet). */
export function mayMatch(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || isUnknown(a) || isUnknown(b) || a === b;
}
