/**
 * How often to GET an endpoint while waiting: at 2, 4, 6, 8 and 10 s after the wait began (Atlas
 * often moves within seconds of a create), then 10 s after each answer, exactly as Terraform's
 * fixed 10 s polling does. The fast polls are placed on the clock, not after each answer, so the
 * 10 s poll is Terraform's first one and every later poll is one of Terraform's (with answers as
 * fast as Terraform's): AVAILABLE is never seen later than Terraform would see it.
 *
 * Measured with `npm run bench` in paired runs (every schedule waits on the same transitions;
 * bench/RESULTS.md): at ~5 s transitions AVAILABLE is seen in about 1 s, 2-4 s before Terraform;
 * at ~60 s and ~600 s the lag equals Terraform's run by run (within answer-time noise) for exactly
 * 4 more GETs. Beating Terraform's lag on long waits would cost GETs in proportion to the wait
 * (lag x GETs on a grid is about wait / 2: 5 s polls after 10 s cut the lag by 2.5-4 s for +9 GETs
 * at 60 s and +55-65 at 600 s), so the schedule does not try. The previous back-off (2 s for 6 s,
 * x3 to 10 s, restarted at each status change) polled off Terraform's grid: its lag was up to 5 s
 * worse or better by luck, for 3-6 GETs more. Status changes do not say when AVAILABLE comes (the
 * next phase is as long as the last, ±50 %), so the schedule ignores them.
 *
 * Pure and unscaled: callers multiply by the time scale (timeScale in host/connection.ts).
 */
export const POLL_SCHEDULE = {
  /** Delay between polls at the start of a wait. */
  fastIntervalMs: 2_000,
  /** Terraform's interval: fast polls run until this much of the wait has passed, then one poll this long after each answer. */
  intervalMs: 10_000,
} as const;

export type PollSchedule = { readonly [K in keyof typeof POLL_SCHEDULE]: number };

export interface PollMoment {
  /** Time since the wait began. */
  elapsedMs: number;
  /** Time since the status last changed (equals elapsedMs while it has not changed). */
  sinceStatusChangeMs: number;
}

/** Delay from `moment` (just after an answer) to the next poll; at least half the fast interval. */
export function nextPollDelayMs(moment: PollMoment, schedule: PollSchedule = POLL_SCHEDULE): number {
  const t = Math.max(0, moment.elapsedMs);
  if (t >= schedule.intervalMs) return schedule.intervalMs;
  // On the clock: the next multiple of the fast interval, and the first interval's end itself.
  const nextFast = (Math.floor(t / schedule.fastIntervalMs) + 1) * schedule.fastIntervalMs;
  // At least half a fast interval: an answer that came late is not followed by a near-instant poll
  // (the wait loop also grows its back-off after a refusal from this delay).
  return Math.max(schedule.fastIntervalMs / 2, Math.min(nextFast, schedule.intervalMs) - t);
}
