import { nextPollDelayMs, POLL_SCHEDULE, type PollMoment } from "../provider/waiting/poll-schedule";
import type { PollScheduleFunction } from "../provider/waiting/wait";

export interface NamedSchedule {
  name: string;
  description: string;
  schedule: PollScheduleFunction;
  /** The schedule the provider ships; the goals are checked against it. */
  shipped?: true;
  /** The baseline the goals compare against. */
  baseline?: true;
  /**
   * An identical copy of the baseline (an A/A control): its paired differences are pure answer-time
   * noise, the floor below which a difference from the baseline means nothing.
   */
  control?: true;
}

/** The geometric back-off shipped before the paired bench (kept here to compare against). */
interface BackOff {
  fastIntervalMs: number;
  initialFastPhaseMs: number;
  afterStatusChangeFastPhaseMs: number;
  growthFactor: number;
  maxIntervalMs: number;
}

function backOffDelayMs(moment: PollMoment, s: BackOff): number {
  const sinceFastPhase = Math.min(moment.elapsedMs - s.initialFastPhaseMs, moment.sinceStatusChangeMs - s.afterStatusChangeFastPhaseMs);
  if (sinceFastPhase < 0) return s.fastIntervalMs;
  return Math.min(s.maxIntervalMs, s.fastIntervalMs + (s.growthFactor - 1) * sinceFastPhase);
}

export const PREVIOUS_SCHEDULE: BackOff = {
  fastIntervalMs: 2_000,
  initialFastPhaseMs: 6_000,
  afterStatusChangeFastPhaseMs: 0,
  growthFactor: 3,
  maxIntervalMs: 10_000,
};

const s = (ms: number) => `${ms / 1000} s`;

export const SCHEDULES: NamedSchedule[] = [
  {
    name: "shipped",
    description: `polls at ${s(POLL_SCHEDULE.fastIntervalMs)} steps on the clock up to ${s(POLL_SCHEDULE.intervalMs)}, then ${s(POLL_SCHEDULE.intervalMs)} after each answer`,
    schedule: (moment) => nextPollDelayMs(moment),
    shipped: true,
  },
  {
    name: "terraform",
    description: "first GET after 10 s, then 10 s after each answer (Terraform's Atlas provider)",
    schedule: () => 10_000,
    baseline: true,
  },
  {
    name: "terraform-again",
    description: "the baseline once more, on the same transitions: its differences from `terraform` are the measurement's noise",
    schedule: () => 10_000,
    control: true,
  },
  {
    name: "previous",
    description: "shipped before this run: 2 s polls for 6 s, then x3 per poll up to 10 s, the back-off restarted at each status change",
    schedule: (moment) => backOffDelayMs(moment, PREVIOUS_SCHEDULE),
  },
  {
    name: "every-5s",
    description: "as shipped, but 5 s after each answer past 10 s: the price of beating Terraform's lag on long waits",
    schedule: (moment) => (moment.elapsedMs < POLL_SCHEDULE.intervalMs ? nextPollDelayMs(moment) : 5_000),
  },
];
