import { AsyncLocalStorage } from "node:async_hooks";
import { nextPollDelayMs, type PollMoment } from "./poll-schedule";

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
