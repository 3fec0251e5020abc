import { nextPollDelayMs, POLL_SCHEDULE } from "../../provider/poll-schedule";

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
  test("polls every 1.5 s during the first 8 s", () => {
    const early = pollTimes(8_000).filter((t) => t <= 8_000);
    expect(early.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < early.length; i += 1) expect(early[i]! - early[i - 1]!).toBe(POLL_SCHEDULE.fastIntervalMs);
  });

  test("then multiplies each delay by 1.5 until the 10 s cap", () => {
    const delays: number[] = [];
    let t = POLL_SCHEDULE.initialFastPhaseMs;
    for (let i = 0; i < 8; i += 1) {
      const delay = nextPollDelayMs({ elapsedMs: t, sinceStatusChangeMs: t });
      delays.push(delay);
      t += delay;
    }
    expect(delays[0]).toBe(1_500);
    expect(delays[1]).toBeCloseTo(2_250);
    expect(delays[2]).toBeCloseTo(3_375);
    expect(delays[3]).toBeCloseTo(5_062.5);
    expect(delays[4]).toBeCloseTo(7_593.75);
    expect(delays.slice(5)).toEqual([10_000, 10_000, 10_000]);
  });

  test("never waits longer than the cap, however long the wait has run", () => {
    expect(nextPollDelayMs({ elapsedMs: 3_600_000, sinceStatusChangeMs: 3_600_000 })).toBe(POLL_SCHEDULE.maxIntervalMs);
  });

  test("a status change restarts fast polling briefly, then backs off again", () => {
    expect(nextPollDelayMs({ elapsedMs: 120_000, sinceStatusChangeMs: 0 })).toBe(POLL_SCHEDULE.fastIntervalMs);
    expect(nextPollDelayMs({ elapsedMs: 120_000, sinceStatusChangeMs: 4_000 })).toBe(POLL_SCHEDULE.fastIntervalMs);
    const after = nextPollDelayMs({ elapsedMs: 130_000, sinceStatusChangeMs: 14_500 });
    expect(after).toBeGreaterThan(POLL_SCHEDULE.fastIntervalMs);
    expect(after).toBeLessThanOrEqual(POLL_SCHEDULE.maxIntervalMs);
  });

  test("a five-minute wait costs far fewer polls than fixed 1.5 s polling and no more than fixed 10 s polling plus the fast start", () => {
    const polls = pollTimes(300_000).length;
    expect(polls).toBeLessThan(300_000 / POLL_SCHEDULE.fastIntervalMs / 4);
    expect(polls).toBeLessThanOrEqual(300_000 / POLL_SCHEDULE.maxIntervalMs + 12);
  });
});
