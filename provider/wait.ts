import type { PollMoment } from "./poll-schedule";
import { currentPollSchedule } from "./poll-schedule-override";
import type { Observation, WaitSpec } from "./status-table";

/** Injectable time, so tests can wait in milliseconds or on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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
        const refused = options.refusal?.(error);
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
