/**
 * The two waits every resource has: until it is ready after a create, and until Atlas forgets it
 * after a delete. Both on the one wait loop; a 404 means gone only as gone.ts says (Atlas's own
 * 404, outside the create's grace, confirmed by a second look).
 */
import { isAtlasNotFound, type AtlasClient } from "../client";
import { timeScale } from "../host/connection";
import { realClock, type Clock } from "../vocabulary/time";
import { goneTwiceFor, graceAfterCreate, notFoundCounter } from "./gone";
import { progressReporter, unknownStatusReporter } from "./progress";
import { UNTIL_GONE, UNTIL_READY, type Observation } from "./status-table";
import { waitFor, type WaitOutcome } from "./wait";
import type { Watched } from "./watched";

export interface ReadyWait<Ref, Answer> {
  client: AtlasClient;
  ref: Ref;
  /** What the POST (or a GET, or a list) already answered. */
  initial?: Answer;
  timeoutMs: number;
  /** When the create was accepted: a 404 soon after is eventual consistency, not deletion. */
  acceptedAt?: number;
  clock?: Clock;
  /** Told of every answer seen, so a caller that fails mid-wait can record the latest state. */
  onSeen?: (answer: Answer) => void;
}

const NOT_FOUND_YET: Observation = { phase: "notFoundYet", label: "NOT_FOUND_YET" };
const NOT_FOUND: Observation = { phase: "gone", label: "NOT_FOUND", failure: "Atlas answers 404 Not Found for it" };

/** Polls until ready, a failure, or the deadline. */
export async function waitUntilReady<Ref, Answer>(
  resource: Watched<Ref, Answer>,
  wait: ReadyWait<Ref, Answer>,
): Promise<WaitOutcome<Answer | undefined>> {
  const clock = wait.clock ?? realClock;
  const scale = timeScale();
  const startedAt = clock.now();
  const what = resource.ids.describe(wait.ref);
  const note = unknownStatusReporter<Answer>(what, (answer) => resource.statuses.unknownStatus(answer));
  const seen = (answer: Answer) => {
    wait.onSeen?.(answer);
    return { value: answer, observation: resource.statuses.observe(note(answer)) };
  };
  // The create's grace (gone.ts): 404s soon after Atlas accepted the create are not yet, not gone.
  const inGrace = notFoundCounter(graceAfterCreate(wait.acceptedAt, scale), clock);
  return waitFor<Answer | undefined>({
    spec: UNTIL_READY,
    initial: wait.initial === undefined ? undefined : seen(wait.initial),
    poll: async () => {
      try {
        return seen(await resource.read.get(wait.client, wait.ref));
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        if (inGrace()) return { value: undefined, observation: NOT_FOUND_YET };
        // Outside the grace a 404 still ends the wait only as gone.ts says: Atlas's own, looked at twice.
        const remainingMs = Math.max(0, wait.timeoutMs - (clock.now() - startedAt));
        const look = await goneTwiceFor(resource, wait.client, wait.ref, error, { clock, timeoutMs: remainingMs });
        return look.kind === "found" ? seen(look.value) : { value: undefined, observation: NOT_FOUND };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: scale,
    onStatusChange: progressReporter(what, resource.statuses.readyStatus, "ready"),
  });
}

export interface GoneWait<Ref> {
  client: AtlasClient;
  ref: Ref;
  timeoutMs: number;
  clock?: Clock;
}

/** Polls until Atlas answers its own 404 for the resource, confirmed by a second look (some clouds also report DELETED). */
export async function waitUntilGone<Ref, Answer>(
  resource: Watched<Ref, Answer>,
  wait: GoneWait<Ref>,
): Promise<WaitOutcome<Answer | undefined>> {
  const clock = wait.clock ?? realClock;
  const seen = (answer: Answer) => ({ value: answer, observation: resource.statuses.observe(answer) });
  return waitFor<Answer | undefined>({
    spec: UNTIL_GONE,
    poll: async () => {
      try {
        return seen(await resource.read.get(wait.client, wait.ref));
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        // Gone twice (gone.ts): a lagging 404 must not end the wait while Atlas still deletes it.
        const look = await goneTwiceFor(resource, wait.client, wait.ref, error, { clock, timeoutMs: wait.timeoutMs });
        return look.kind === "found" ? seen(look.value) : { value: undefined, observation: { phase: "gone", label: "GONE" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: timeScale(),
    onStatusChange: progressReporter(resource.ids.describe(wait.ref), "Atlas to remove it", "gone"),
  });
}
