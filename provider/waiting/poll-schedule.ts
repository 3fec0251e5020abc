/**
 * How often to GET an endpoint while waiting. Atlas often moves within seconds of a create,
 * then can take minutes (AWS acceptance, GCP forwarding rules), so: poll fast at first, then
 * back off geometrically to a cap. A status change restarts the back-off from the fast interval.
 *
 * Tuned with `npm run bench` (bench/RESULTS.md) against Terraform's fixed 10 s polling: the fast
 * start wins at ~5 s transitions (median lag about 1.2 s against about 5.5 s); from about 30 s on
 * both poll every 10 s, so lag is equal in expectation and the fast start costs about 4-5 extra
 * GETs per create. A longer fast phase, slower growth or a fast phase after each status change
 * buys no lag at 60 s or 600 s and costs more GETs (the previous 1.5 s / 8 s / x1.5 / +4.5 s
 * schedule: about +12 at 60 s); a lower cap wins lag at 600 s only by polling much more (7 s:
 * about +40 at 600 s).
 *
 * Pure and unscaled: callers multiply by the time scale (see time-scale.ts).
 */
export const POLL_SCHEDULE = {
  /** Delay between polls during a fast phase. */
  fastIntervalMs: 2_000,
  /** Length of the fast phase at the start of a wait. */
  initialFastPhaseMs: 6_000,
  /** Length of the fast phase after a status change (0: the back-off restarts from fastIntervalMs). */
  afterStatusChangeFastPhaseMs: 0,
  /** Each delay after a fast phase is this factor times the previous one. */
  growthFactor: 3,
  /** No delay is longer than this (Terraform's fixed interval, so never slower than it). */
  maxIntervalMs: 10_000,
} as const;

export type PollSchedule = { readonly [K in keyof typeof POLL_SCHEDULE]: number };

export interface PollMoment {
  /** Time since the wait began. */
  elapsedMs: number;
  /** Time since the status last changed (equals elapsedMs while it has not changed). */
  sinceStatusChangeMs: number;
}

export function nextPollDelayMs(moment: PollMoment, schedule: PollSchedule = POLL_SCHEDULE): number {
  const sinceInitialFastPhase = moment.elapsedMs - schedule.initialFastPhaseMs;
  const sinceChangeFastPhase = moment.sinceStatusChangeMs - schedule.afterStatusChangeFastPhaseMs;
  // Time since the most recent fast phase ended; negative while one is running.
  const sinceFastPhase = Math.min(sinceInitialFastPhase, sinceChangeFastPhase);
  if (sinceFastPhase < 0) return schedule.fastIntervalMs;
  // Polling at t and t + d(t) with d(t) = fast + (g - 1) * t multiplies each delay by g exactly,
  // so a pure function of time gives the geometric back-off without remembering past delays.
  const delay = schedule.fastIntervalMs + (schedule.growthFactor - 1) * sinceFastPhase;
  return Math.min(schedule.maxIntervalMs, delay);
}
