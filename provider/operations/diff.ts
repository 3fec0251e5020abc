/**
 * Diff, for any resource: pure (no network). A changed field Atlas cannot change replaces the
 * resource, and it is deleted first whenever the old and new one may be the same Atlas object
 * (creating first would meet a 409, adopt the old object, and the old resource's delete would then
 * remove it); options and what Atlas changes in place are updates. A value not known yet in
 * preview counts as a change.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { containsUnknown, isUnknown } from "../vocabulary/validation";

type Props = Record<string, unknown>;

export interface DiffRules {
  /** What Atlas cannot change on the resource the new inputs declare: a change replaces it. */
  replaceFields(news: Props): readonly string[];
  /** What changes in place: options (no Atlas call) and what Atlas updates. */
  readonly updateFields: readonly string[];
  /** Whether a field is the same in both (a spelling, an order or a default is no change). */
  same(field: string, olds: Props, news: Props): boolean;
  /** Whether the resource being replaced and its replacement may name the same Atlas object. */
  maySameObject(id: string, olds: Props, news: Props): boolean;
}

export function diffWith(rules: DiffRules, id: string, olds: Props, news: Props): DiffResult {
  const changed = (field: string) => containsUnknown(news[field]) || !rules.same(field, olds, news);
  const replaces = rules.replaceFields(news).filter(changed);
  const updates = rules.updateFields.filter(changed);
  if (replaces.length === 0) return { changes: updates.length > 0, replaces: [], deleteBeforeReplace: false };
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: rules.maySameObject(id, olds, news) };
}

/** An option left out is its default: `adoptExisting: true` and no adoptExisting are the same. */
export function sameOption(defaults: Readonly<Record<string, unknown>>, field: string, olds: Props, news: Props): boolean {
  return JSON.stringify(olds[field] ?? defaults[field]) === JSON.stringify(news[field] ?? defaults[field]);
}

/** Two parts of an object's identity may be the same: equal, or either not known (yet). */
export function mayMatch(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || isUnknown(a) || isUnknown(b) || a === b;
}
