import { nextPollDelayMs } from "../../../provider/waiting/poll-schedule";
import { currentPollSchedule, withPollSchedule } from "../../../provider/waiting/wait";
import { UNTIL_READY, type Observation } from "../../../provider/waiting/status-table";
import { waitFor } from "../../../provider/waiting/wait";
import { fakeClock } from "../../support/fake-clock";

const pending: Observation = { phase: "pending", label: "PENDING" };
const ready: Observation = { phase: "ready", label: "AVAILABLE" };

async function sleepsOfOneWait(): Promise<number[]> {
  const clock = fakeClock();
  const answers = [pending, pending, ready];
  await waitFor({
    spec: UNTIL_READY,
    initial: { value: 0, observation: pending },
    poll: async () => ({ value: 0, observation: answers.shift()! }),
    timeoutMs: 600_000,
    clock,
    timeScale: 1,
  });
  return clock.sleeps;
}

describe("withPollSchedule", () => {
  test("waits started inside it poll on the given schedule, scaled like the default", async () => {
    const sleeps = await withPollSchedule(() => 10_000, sleepsOfOneWait);
    expect(sleeps).toEqual([10_000, 10_000, 10_000]);
  });

  test("waits outside it, and after it, keep POLL_SCHEDULE", async () => {
    await withPollSchedule(
      () => 10_000,
      async () => undefined,
    );
    const sleeps = await sleepsOfOneWait();
    expect(sleeps[0]).toBe(nextPollDelayMs({ elapsedMs: 0, sinceStatusChangeMs: 0 }));
    expect(sleeps).not.toContain(10_000);
  });

  test("concurrent contexts keep their own schedules", async () => {
    const [a, b] = await Promise.all([withPollSchedule(() => 1_000, sleepsOfOneWait), withPollSchedule(() => 7_000, sleepsOfOneWait)]);
    expect(a).toEqual([1_000, 1_000, 1_000]);
    expect(b).toEqual([7_000, 7_000, 7_000]);
    expect(currentPollSchedule()({ elapsedMs: 0, sinceStatusChangeMs: 0 })).toBe(nextPollDelayMs({ elapsedMs: 0, sinceStatusChangeMs: 0 }));
  });
});
