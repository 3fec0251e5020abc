/**
 * What a status means, as data: each resource's statuses.ts sorts its Atlas statuses into these
 * phases (Terraform's pending/target idea), and the waits below are sets of phases, so the loop in
 * wait.ts stays generic and testable. A status Atlas adds later is pending until the deadline.
 */

/** Where a resource is in its life, whatever Atlas calls it. */
export type Phase = "pending" | "ready" | "failed" | "deleting" | "gone";

/** A resource's statuses sorted by phase; each resource's table lists only statuses its vocabulary knows. */
export interface StatusSets<Known extends string = string> {
  readonly pending: readonly Known[];
  readonly ready: readonly Known[];
  readonly failed: readonly Known[];
  readonly deleting: readonly Known[];
  readonly gone: readonly Known[];
}

/** The statuses a table does not list. */
export type Unlisted<Known extends string, Sets extends StatusSets> = Exclude<Known, Sets[keyof StatusSets][number]>;

/**
 * A status table that gives every one of the `Known` statuses a meaning: one that forgets a documented status (or
 * lists one Atlas does not document) fails to compile, naming it. `statusTable<Known>()({ pending: [...], ... })`.
 */
export function statusTable<Known extends string>() {
  return <const Sets extends StatusSets<Known>>(
    sets: Sets & ([Unlisted<Known, Sets>] extends [never] ? unknown : { unlisted: Unlisted<Known, Sets> }),
  ): Sets => sets;
}

export interface Observation {
  phase: Phase | "notFoundYet";
  /** Human-readable status; a change of it is a progress line and restarts fast polling. */
  label: string;
  /** Why the resource failed, in Atlas's words where it gave any. */
  failure?: string;
}

export function phaseIn(sets: StatusSets, status: string | undefined): Phase {
  if (status === undefined) return "pending";
  if (sets.ready.includes(status)) return "ready";
  if (sets.failed.includes(status)) return "failed";
  if (sets.deleting.includes(status)) return "deleting";
  if (sets.gone.includes(status)) return "gone";
  // Pending, or a status this version does not know yet: keep waiting, the deadline bounds it.
  return "pending";
}

/** A status the table does not list (Atlas adds statuses over time); undefined when known or absent. */
export function unlistedIn(sets: StatusSets, status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  const known = [sets.pending, sets.ready, sets.failed, sets.deleting, sets.gone].some((set) => set.includes(status));
  return known ? undefined : status;
}

/**
 * The observation of one answer: Atlas's errorMessage on a resource that is not being deleted is a
 * failure (first among the reasons), and a failure always says why.
 */
export function judged(phase: Phase, label: string, errorMessage: string | undefined, reasons: string[] = []): Observation {
  const message = errorMessage?.trim();
  const failed = phase === "failed" || (message !== undefined && message !== "" && (phase === "pending" || phase === "ready"));
  if (!failed) return { phase, label };
  const why = message ? [message, ...reasons] : reasons;
  return { phase: "failed", label, failure: why.length > 0 ? why.join("; ") : `Atlas reports status ${label}` };
}

/**
 * What a status table means for a resource whose answers say where it is in one field (`status`, or
 * `state`) beside Atlas's `errorMessage`: what its statuses.ts exports (`readyStatus`, `observe`,
 * `unknownStatus`, `recordedPhase`). A record without a status (an unconfirmed create) is still being created.
 */
export function oneStatusField<Known extends string, Field extends string = "status">(
  sets: StatusSets<Known>,
  readyStatus: Known,
  field: Field = "status" as Field,
) {
  type View = { readonly [F in Field]?: string } & { readonly errorMessage?: string };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const observe = (answer: View): Observation => {
    const status = text(answer[field]);
    return judged(phaseIn(sets, status), status ?? `NO_${field.toUpperCase()}_YET`, text(answer.errorMessage));
  };
  return {
    readyStatus: readyStatus as string,
    observe,
    unknownStatus: (answer: View): string | undefined => unlistedIn(sets, text(answer[field])),
    recordedPhase: (props: Record<string, unknown>): Observation["phase"] => observe(props as View).phase,
  };
}

/** A wait ends well in a target phase, badly in a failure phase, and keeps polling in a pending one. */
export interface WaitSpec {
  readonly pending: readonly Observation["phase"][];
  readonly target: readonly Observation["phase"][];
  readonly failure: readonly Observation["phase"][];
}

/** After a create (or adoption): until ready. A 404 shortly after the POST is eventual consistency. */
export const UNTIL_READY: WaitSpec = { pending: ["pending", "notFoundYet"], target: ["ready"], failure: ["failed", "deleting", "gone"] };

/** After a DELETE: until Atlas answers 404. */
export const UNTIL_GONE: WaitSpec = { pending: ["pending", "ready", "failed", "deleting", "notFoundYet"], target: ["gone"], failure: [] };
