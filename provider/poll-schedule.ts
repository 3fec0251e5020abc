/**
 * How often to GET an endpoint while waiting. Atlas often moves within seconds of a create,
 * then can take minutes (AWS acceptance, GCP forwarding rules), so: poll fast at first, then
 * back off geometrically to a cap. A status change restarts a short fast phase because the next
 * status often follows soon (AWS PENDING_ACCEPTANCE -> PENDING -> AVAILABLE).
 *
 * Pure and unscaled: callers multiply by the time scale (see time-scale.ts).
 */
export const POLL_SCHEDULE = {
  /** Delay between polls during a fast phase. */
  fastIntervalMs: 1_500,
  /** Length of the fast phase at the start of a wait. */
  initialFastPhaseMs: 8_000,
  /** Length of the fast phase after a status change. */
  afterStatusChangeFastPhaseMs: 4_500,
  /** Each delay after a fast phase is this factor times the previous one. */
  growthFactor: 1.5,
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
