import { nextPollDelayMs, POLL_SCHEDULE, type PollSchedule } from "../provider/waiting/poll-schedule";
import type { PollScheduleFunction } from "../provider/waiting/wait";

export interface NamedSchedule {
  name: string;
  description: string;
  schedule: PollScheduleFunction;
  /** The schedule the provider ships; the goals are checked against it. */
  shipped?: true;
  /** The baseline the goals compare against. */
  baseline?: true;
}

const describe = (s: PollSchedule) =>
  `${s.fastIntervalMs / 1000} s polls for ${s.initialFastPhaseMs / 1000} s` +
  (s.afterStatusChangeFastPhaseMs > 0 ? ` (and ${s.afterStatusChangeFastPhaseMs / 1000} s after a status change)` : ", restarted at a status change") +
  `, then x${s.growthFactor} per poll up to ${s.maxIntervalMs / 1000} s`;

const parametric = (name: string, s: PollSchedule, extra: Partial<NamedSchedule> = {}): NamedSchedule => ({
  name,
  description: describe(s),
  schedule: (moment) => nextPollDelayMs(moment, s),
  ...extra,
});

/** The schedule before this benchmark tuned it: fast and generous, but over the GET budget at 60 s and 600 s. */
export const PREVIOUS_SCHEDULE: PollSchedule = {
  fastIntervalMs: 1_500,
  initialFastPhaseMs: 8_000,
  afterStatusChangeFastPhaseMs: 4_500,
  growthFactor: 1.5,
  maxIntervalMs: 10_000,
};

export const SCHEDULES: NamedSchedule[] = [
  parametric("shipped", POLL_SCHEDULE, { shipped: true }),
  {
    name: "terraform",
    description: "first GET after 10 s, then every 10 s (Terraform's Atlas provider)",
    schedule: () => 10_000,
    baseline: true,
  },
  parametric("previous", PREVIOUS_SCHEDULE),
  parametric("cap-7s", { ...POLL_SCHEDULE, maxIntervalMs: 7_000 }),
];
