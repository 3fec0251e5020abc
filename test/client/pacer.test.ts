import { Pacer, REFUSAL_DRIVEN_PACER_SETTINGS } from "../../provider/client/pacing/pacer";
import { pacerFor, resetPacers } from "../../provider/client/pacing/registry";
import { realClock } from "../../provider/vocabulary/time";

/** A clock that only moves when the test says so; sleepers wake in time order. */
function manualClock() {
  let now = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock: { now: () => now, sleep: (ms: number) => new Promise<void>((wake) => void timers.push({ at: now + ms, wake })) },
    now: () => now,
    async advanceTo(target: number) {
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > target) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.wake();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

function setup(settings = {}) {
  const time = manualClock();
  const lines: string[] = [];
  const pacer = new Pacer({ name: "atlas.test", clock: time.clock, log: (line) => lines.push(line), settings });
  /** Starts n requests; their send times land in the returned array as turns come. */
  const start = (n: number) => {
    const sent: number[] = [];
    for (let i = 0; i < n; i++) void pacer.turn().then((at) => sent.push(at));
    return sent;
  };
  /** Atlas accepted `count` requests spread evenly over the `ms` before now. */
  const accepted = async (count: number, ms: number, headers: { limit?: number; remaining?: number } = {}) => {
    const from = time.now();
    for (let i = 1; i <= count; i++) {
      await time.advanceTo(from + (ms * i) / count);
      pacer.record(time.now(), { status: 200, ...headers });
    }
  };
  return { time, lines, pacer, start, accepted };
}

describe("pacer", () => {
  it("lets every request through at once while Atlas has not refused any", async () => {
    const { time, start, pacer } = setup();
    const sent = start(10);
    await time.advanceTo(0);
    expect(sent).toEqual(Array(10).fill(0));
    expect(pacer.rate).toBe(Infinity);
  });

  it("after a 429 holds every request until Retry-After, then sends at 0.7 of what Atlas accepted", async () => {
    const { time, start, pacer, accepted, lines } = setup();
    await accepted(20, 2_000); // 10 per second accepted
    pacer.record(time.now(), { status: 429, retryAfterMs: 3_000 });
    expect(pacer.rate).toBeCloseTo(7, 5);
    const sent = start(4);
    await time.advanceTo(2_000 + 2_999);
    expect(sent).toEqual([]);
    await time.advanceTo(2_000 + 3_000 + 1_000);
    expect(sent.map((at) => Math.round(at - 5_000))).toEqual([0, 143, 286, 429]);
    expect(lines).toEqual([
      "Atlas at atlas.test is rate limiting (429, Retry-After 3.0 s): every request to it waits 3.0 s, then goes at about 7.0 requests per second",
    ]);
  });

  it("cuts the rate once for a burst of refusals to requests sent before the cut, and says so once", async () => {
    const { time, pacer, accepted, lines } = setup();
    await accepted(20, 2_000);
    const inFlight = time.now() - 5;
    for (let i = 0; i < 8; i++) pacer.record(inFlight, { status: 429, retryAfterMs: 1_000 });
    expect(pacer.rate).toBeCloseTo(7, 5);
    expect(pacer.refusals).toBe(8);
    expect(lines).toHaveLength(1);
  });

  it("blocks a refusal without Retry-After with a back-off that doubles while refusals continue", async () => {
    const { time, start, pacer } = setup();
    pacer.record(0, { status: 429 });
    let sent = start(1);
    await time.advanceTo(999);
    expect(sent).toEqual([]);
    await time.advanceTo(1_000);
    expect(sent).toEqual([1_000]);
    pacer.record(1_000, { status: 429 });
    sent = start(1);
    await time.advanceTo(2_999);
    expect(sent).toEqual([]);
    await time.advanceTo(3_000);
    expect(sent).toEqual([3_000]);
  });

  it("grows the rate again while Atlas accepts, and lifts pacing after 30 s without pressure", async () => {
    const { time, pacer, accepted, lines } = setup();
    await accepted(20, 2_000);
    pacer.record(time.now(), { status: 429, retryAfterMs: 1_000 });
    const cut = pacer.rate;
    await time.advanceTo(time.now() + 1_000);
    await accepted(10, 10_000);
    // 10 s of 5 %/s plus 0.5/s per second: well above the cut, still paced.
    expect(pacer.rate).toBeGreaterThan(cut * 1.5 + 4);
    expect(Number.isFinite(pacer.rate)).toBe(true);
    await accepted(20, 20_000);
    expect(pacer.rate).toBe(Infinity);
    expect(lines[lines.length - 1]).toBe("Atlas at atlas.test has not refused a request for 30 s: requests to it go at full speed again");
  });

  it("paces before any refusal once RateLimit-Remaining shows the bucket a quarter full, and cuts once a second while it stays there", async () => {
    const { time, pacer, accepted, lines } = setup();
    await accepted(19, 1_900, { limit: 20, remaining: 6 });
    expect(pacer.rate).toBe(Infinity);
    await accepted(1, 100, { limit: 20, remaining: 5 });
    expect(pacer.rate).toBeCloseTo(10, 5);
    expect(lines).toEqual([
      "Atlas at atlas.test reports 5 of 20 requests left: pacing every request to it at about 10 requests per second",
    ]);
    // Still a quarter full a second later: cut by 0.8, once for every answer within that second.
    await time.advanceTo(time.now() + 1_000);
    pacer.record(time.now(), { status: 200, limit: 20, remaining: 3 });
    expect(pacer.rate).toBeCloseTo(8, 5);
    await time.advanceTo(time.now() + 500);
    pacer.record(time.now(), { status: 200, limit: 20, remaining: 0 });
    expect(pacer.rate).toBeCloseTo(8, 5);
  });

  it("holds the rate while the bucket is below half full, and grows it again at half or more", async () => {
    const { time, pacer, accepted } = setup();
    await accepted(20, 2_000, { limit: 20, remaining: 4 });
    const paced = pacer.rate;
    expect(Number.isFinite(paced)).toBe(true);
    await time.advanceTo(time.now() + 1_000);
    await accepted(10, 5_000, { limit: 20, remaining: 9 });
    expect(pacer.rate).toBe(paced);
    await accepted(2, 2_000, { limit: 20, remaining: 10 });
    expect(pacer.rate).toBeGreaterThan(paced);
  });

  it("with the refusal-driven settings (the benchmark's baseline) waits for a nearly empty bucket and keeps growing below half", async () => {
    const { time, pacer, accepted } = setup(REFUSAL_DRIVEN_PACER_SETTINGS);
    await accepted(20, 2_000, { limit: 20, remaining: 4 });
    expect(pacer.rate).toBe(Infinity);
    await accepted(1, 100, { limit: 20, remaining: 3 });
    const paced = pacer.rate;
    await time.advanceTo(time.now() + 1_000);
    await accepted(5, 2_500, { limit: 20, remaining: 9 });
    expect(pacer.rate).toBeGreaterThan(paced);
  });

  it("grows faster while RateLimit-Remaining shows the bucket at least half full", async () => {
    const slow = setup();
    const fast = setup();
    for (const { time, pacer, accepted } of [slow, fast]) {
      await accepted(20, 2_000);
      pacer.record(time.now(), { status: 429, retryAfterMs: 1_000 });
      await time.advanceTo(time.now() + 1_000);
    }
    await slow.accepted(4, 4_000);
    await fast.accepted(4, 4_000, { limit: 20, remaining: 15 });
    expect(fast.pacer.rate).toBeGreaterThan(slow.pacer.rate * 1.5);
  });

  it("re-queues requests already waiting when a new refusal moves every turn", async () => {
    const { time, start, pacer, accepted } = setup({ minRatePerSecond: 1 });
    await accepted(4, 2_000); // 2 per second accepted: cut to the 1 per second floor
    pacer.record(time.now(), { status: 429, retryAfterMs: 1_000 });
    const sent = start(3); // turns at +1000, +2000, +3000
    await time.advanceTo(time.now() + 1_500);
    expect(sent).toHaveLength(1);
    pacer.record(sent[0]!, { status: 429, retryAfterMs: 4_000 });
    await time.advanceTo(time.now() + 3_999);
    expect(sent).toHaveLength(1);
    await time.advanceTo(time.now() + 2);
    expect(sent).toHaveLength(2);
  });
});

describe("the process's pacers (pacerFor)", () => {
  const apiKey = { kind: "apiKey" as const, publicKey: "abcdefgh", privateKey: "00000000-0000-0000-0000-000000000000" };
  const log = () => undefined;
  afterEach(() => resetPacers());

  test("one pacer per Atlas, credential and clock: clients on one clock share it, a client on another clock never does", () => {
    const fake = manualClock().clock;
    const shared = pacerFor("https://cloud.mongodb.com", apiKey, log);
    expect(pacerFor("https://cloud.mongodb.com", apiKey, log)).toBe(shared);
    expect(pacerFor("https://cloud.mongodb.com", apiKey, log, undefined, realClock)).toBe(shared);
    expect(pacerFor("https://cloud.mongodbgov.com", apiKey, log)).not.toBe(shared);
    expect(pacerFor("https://cloud.mongodb.com", { ...apiKey, publicKey: "ijklmnop" }, log)).not.toBe(shared);
    const onFake = pacerFor("https://cloud.mongodb.com", apiKey, log, undefined, fake);
    expect(onFake).not.toBe(shared);
    expect(pacerFor("https://cloud.mongodb.com", apiKey, log, undefined, fake)).toBe(onFake);
  });
});
