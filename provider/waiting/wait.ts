import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock } from "../vocabulary/time";
import { nextPollDelayMs, type PollMoment } from "./poll-schedule";
import type { Observation, WaitSpec } from "./status-table";
import { refusalOf } from "../client";

/**
 * The one wait loop: polls on a schedule until a target phase, a failure phase or the deadline,
 * riding out refusals (429, 503). What to wait for is data (status-table.ts); how often is
 * poll-schedule.ts.
 */

/** A poll schedule as the wait loop consumes it: delay before the next GET, unscaled. */
export type PollScheduleFunction = (moment: PollMoment) => number;

const defaultSchedule: PollScheduleFunction = (moment) => nextPollDelayMs(moment);

// Per async context, so a benchmark can run the real create path under several schedules at once.
const override = new AsyncLocalStorage<PollScheduleFunction>();

/**
 * Runs `work` with every wait started inside it polling on `schedule` instead of POLL_SCHEDULE.
 * For benchmarks that compare schedules through the real provider code; the provider never sets it.
 */
export function withPollSchedule<T>(schedule: PollScheduleFunction, work: () => T): T {
  return override.run(schedule, work);
}

/** The schedule a wait starting now uses: the override of this async context, else POLL_SCHEDULE. */
export function currentPollSchedule(): PollScheduleFunction {
  return override.getStore() ?? defaultSchedule;
}

export interface WaitOptions<T> {
  spec: WaitSpec;
  /** One look at Atlas (a GET). Errors propagate: retrying HTTP is the client's job. */
  poll: () => Promise<{ value: T; observation: Observation }>;
  /** What is already known (e.g. the POST response), so the wait starts with a sleep. */
  initial?: { value: T; observation: Observation };
  timeoutMs: number;
  clock: Clock;
  /** Multiplies each poll delay (PULUMI_ATLAS_PE_TIME_SCALE); never the timeout. */
  timeScale: number;
  schedule?: (moment: PollMoment) => number;
  /**
   * Recognizes a poll Atlas refused (429, 503) rather than failed: the wait goes on until its
   * deadline, the next poll no sooner than Retry-After and backing off while refusals continue.
   * Defaults to the client's `refusalOf`: every wait polls Atlas, so none may forget it.
   */
  refusal?: (error: unknown) => { retryAfterMs?: number } | undefined;
  onStatusChange?: (change: { from: string | undefined; to: string; phase: Observation["phase"]; elapsedMs: number }) => void;
}

export type WaitOutcome<T> =
  | { kind: "reached"; value: T; observation: Observation; elapsedMs: number; polls: number }
  | { kind: "failed"; value: T; observation: Observation; elapsedMs: number; polls: number }
  | { kind: "timedOut"; value: T | undefined; observation: Observation | undefined; elapsedMs: number; polls: number };

/** The longest back-off between refused polls (unscaled); Retry-After may ask for longer. */
export const MAX_REFUSAL_BACKOFF_MS = 60_000;

export async function waitFor<T>(options: WaitOptions<T>): Promise<WaitOutcome<T>> {
  const { spec, clock } = options;
  const schedule = options.schedule ?? currentPollSchedule();
  const startedAt = clock.now();
  let lastChangeAt = startedAt;
  let polls = 0;
  let current = options.initial;
  let lastLabel: string | undefined;
  let deadlinePassed = false;
  let lastSeen: { value: T; observation: Observation } | undefined = options.initial;
  let refusals = 0;
  for (;;) {
    if (!current) {
      try {
        current = await options.poll();
        polls += 1;
        refusals = 0;
        lastSeen = current;
      } catch (error) {
        const refused = (options.refusal ?? refusalOf)(error);
        if (!refused) throw error;
        polls += 1;
        refusals += 1;
        const elapsedMs = clock.now() - startedAt;
        const remainingMs = options.timeoutMs - elapsedMs;
        if (deadlinePassed || remainingMs <= 0) {
          return { kind: "timedOut", value: lastSeen?.value, observation: lastSeen?.observation, elapsedMs, polls };
        }
        const moment = { elapsedMs: elapsedMs / options.timeScale, sinceStatusChangeMs: (clock.now() - lastChangeAt) / options.timeScale };
        const backoffMs = Math.min(MAX_REFUSAL_BACKOFF_MS, schedule(moment) * 2 ** Math.min(refusals - 1, 30)) * options.timeScale;
        const delayMs = Math.max(refused.retryAfterMs ?? 0, backoffMs);
        if (delayMs >= remainingMs) deadlinePassed = true;
        await clock.sleep(Math.min(delayMs, remainingMs));
        continue;
      }
    }
    const elapsedMs = clock.now() - startedAt;
    const { observation, value } = current;
    if (observation.label !== lastLabel) {
      options.onStatusChange?.({ from: lastLabel, to: observation.label, phase: observation.phase, elapsedMs });
      if (lastLabel !== undefined) lastChangeAt = clock.now();
      lastLabel = observation.label;
    }
    if (spec.target.includes(observation.phase)) return { kind: "reached", value, observation, elapsedMs, polls };
    if (spec.failure.includes(observation.phase) || !spec.pending.includes(observation.phase)) {
      return { kind: "failed", value, observation, elapsedMs, polls };
    }
    // One last look at the deadline itself, then give up.
    if (deadlinePassed) return { kind: "timedOut", value, observation, elapsedMs, polls };
    const remainingMs = options.timeoutMs - elapsedMs;
    // The schedule is written in unscaled time: feed it scaled-back times, so a scaled wait polls
    // the same sequence as a real one, only faster (not a longer fast phase in simulated time).
    const moment = { elapsedMs: elapsedMs / options.timeScale, sinceStatusChangeMs: (clock.now() - lastChangeAt) / options.timeScale };
    const delayMs = schedule(moment) * options.timeScale;
    if (delayMs >= remainingMs) deadlinePassed = true;
    await clock.sleep(Math.max(0, Math.min(delayMs, remainingMs)));
    current = undefined;
  }
}
