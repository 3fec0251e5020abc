import { nextPollDelayMs, POLL_SCHEDULE } from "../../../provider/waiting/poll-schedule";

/** The moments a wait would poll at, following the schedule from t=0 with no status change. */
function pollTimes(untilMs: number, changeAtMs?: number): number[] {
  const times: number[] = [];
  let t = 0;
  while (t < untilMs) {
    const sinceChange = changeAtMs !== undefined && t >= changeAtMs ? t - changeAtMs : t;
    t += nextPollDelayMs({ elapsedMs: t, sinceStatusChangeMs: sinceChange });
    times.push(t);
  }
  return times;
}

describe("nextPollDelayMs", () => {
  test("polls every 2 s during the first 6 s", () => {
    const early = pollTimes(6_000).filter((t) => t <= 6_000);
    expect(early).toEqual([2_000, 4_000, 6_000]);
  });

  test("then multiplies each delay by 3 until the 10 s cap", () => {
    const delays: number[] = [];
    let t = POLL_SCHEDULE.initialFastPhaseMs;
    for (let i = 0; i < 5; i += 1) {
      const delay = nextPollDelayMs({ elapsedMs: t, sinceStatusChangeMs: t });
      delays.push(delay);
      t += delay;
    }
    expect(delays).toEqual([2_000, 6_000, 10_000, 10_000, 10_000]);
  });

  test("never waits longer than the cap, however long the wait has run", () => {
    expect(nextPollDelayMs({ elapsedMs: 3_600_000, sinceStatusChangeMs: 3_600_000 })).toBe(POLL_SCHEDULE.maxIntervalMs);
  });

  test("a status change restarts the back-off from the fast interval", () => {
    expect(nextPollDelayMs({ elapsedMs: 120_000, sinceStatusChangeMs: 0 })).toBe(POLL_SCHEDULE.fastIntervalMs);
    expect(nextPollDelayMs({ elapsedMs: 122_000, sinceStatusChangeMs: 2_000 })).toBe(6_000);
    expect(nextPollDelayMs({ elapsedMs: 128_000, sinceStatusChangeMs: 8_000 })).toBe(POLL_SCHEDULE.maxIntervalMs);
  });

  test("a wait ready within 7.5 s is seen within 2 s of becoming ready", () => {
    const times = pollTimes(7_500);
    for (let readyAt = 0; readyAt <= 7_500; readyAt += 250) {
      const seenAt = times.find((t) => t >= readyAt)!;
      expect(seenAt - readyAt).toBeLessThanOrEqual(POLL_SCHEDULE.fastIntervalMs);
    }
  });

  test("waits of 1 and 10 minutes cost at most 5 GETs more than Terraform's fixed 10 s polling, with a status change halfway", () => {
    for (const untilMs of [60_000, 600_000]) {
      const polls = pollTimes(untilMs, untilMs / 2).length;
      expect(polls).toBeLessThanOrEqual(Math.ceil(untilMs / 10_000) + 5);
    }
  });
});
