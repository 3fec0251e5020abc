import { nextPollDelayMs, POLL_SCHEDULE } from "../../../provider/waiting/poll-schedule";

/** The moments a wait would poll at, following the schedule from t=0 until `untilMs`, each answer taking `latencyMs`. */
function pollTimes(untilMs: number, latencyMs = 0, changeAtMs?: number): number[] {
  const times: number[] = [];
  let t = 0;
  while (t < untilMs) {
    const sinceChange = changeAtMs !== undefined && t >= changeAtMs ? t - changeAtMs : t;
    t += nextPollDelayMs({ elapsedMs: t, sinceStatusChangeMs: sinceChange });
    times.push(t);
    t += latencyMs;
  }
  return times;
}

/** Terraform's Atlas provider: first GET after 10 s, then 10 s after each answer. */
function terraformPollTimes(untilMs: number, latencyMs = 0): number[] {
  const times: number[] = [];
  for (let t = 10_000; times.at(-1) === undefined || times.at(-1)! < untilMs; t += 10_000 + latencyMs) times.push(t);
  return times;
}

const seenAt = (times: number[], readyAt: number) => times.find((t) => t >= readyAt)!;

describe("nextPollDelayMs", () => {
  test("polls at 2, 4, 6, 8 and 10 s, then every 10 s", () => {
    expect(pollTimes(40_000)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000, 20_000, 30_000, 40_000]);
  });

  test("the fast polls are on the clock, so slow answers do not move the 10 s poll; after it, 10 s after each answer as Terraform", () => {
    expect(nextPollDelayMs({ elapsedMs: 2_400, sinceStatusChangeMs: 2_400 })).toBe(1_600);
    expect(nextPollDelayMs({ elapsedMs: 9_000, sinceStatusChangeMs: 9_000 })).toBe(1_000);
    expect(nextPollDelayMs({ elapsedMs: 10_300, sinceStatusChangeMs: 10_300 })).toBe(10_000);
    expect(pollTimes(40_000, 300)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000, 20_300, 30_600, 40_900]);
    expect(pollTimes(40_000, 300).slice(4)).toEqual(terraformPollTimes(40_000, 300));
  });

  test("never waits longer than Terraform's 10 s, however long the wait has run", () => {
    for (let t = 0; t < 3_600_000; t += 1_234) {
      const delay = nextPollDelayMs({ elapsedMs: t, sinceStatusChangeMs: t });
      expect(delay).toBeGreaterThanOrEqual(POLL_SCHEDULE.fastIntervalMs / 2);
      expect(delay).toBeLessThanOrEqual(POLL_SCHEDULE.intervalMs);
    }
  });

  test("a very late answer is not followed at once by another poll: at least half the fast interval", () => {
    expect(nextPollDelayMs({ elapsedMs: 9_900, sinceStatusChangeMs: 9_900 })).toBe(1_000);
    expect(nextPollDelayMs({ elapsedMs: 3_800, sinceStatusChangeMs: 3_800 })).toBe(1_000);
  });

  test("a status change does not restart fast polling (it says nothing about when AVAILABLE comes)", () => {
    expect(nextPollDelayMs({ elapsedMs: 120_000, sinceStatusChangeMs: 0 })).toBe(10_000);
    expect(pollTimes(60_000, 0, 30_000)).toEqual(pollTimes(60_000));
  });

  test("a wait ready within 8 s is seen within 2 s of becoming ready", () => {
    const times = pollTimes(8_000);
    for (let readyAt = 0; readyAt <= 8_000; readyAt += 250) {
      expect(seenAt(times, readyAt) - readyAt).toBeLessThanOrEqual(POLL_SCHEDULE.fastIntervalMs);
    }
  });

  test("sees AVAILABLE no later than Terraform would, for any ready time up to 10 minutes, with answers as fast as Terraform's", () => {
    for (const latencyMs of [0, 50, 400]) {
      const ours = pollTimes(620_000, latencyMs);
      const terraform = terraformPollTimes(620_000, latencyMs);
      for (let readyAt = 0; readyAt <= 600_000; readyAt += 777) {
        expect(seenAt(ours, readyAt)).toBeLessThanOrEqual(seenAt(terraform, readyAt));
      }
    }
  });

  test("waits of 5 s, 1 minute and 10 minutes cost at most 4 GETs more than Terraform's", () => {
    for (const untilMs of [5_000, 60_000, 600_000]) {
      expect(pollTimes(untilMs).length).toBeLessThanOrEqual(terraformPollTimes(untilMs).length + 4);
    }
  });
});
