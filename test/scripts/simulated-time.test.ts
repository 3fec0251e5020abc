import { startSimulator, type RunningSimulator } from "../../simulator";
import { realClock, type Clock } from "../../provider/vocabulary/time";
import { onSimulatedTime } from "../../scripts/lib/simulated-time";
import { SimulatorControl } from "../support/simulator-control";

let simulator: RunningSimulator;
let control: SimulatorControl;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  control = new SimulatorControl(simulator.baseUrl);
});
afterAll(async () => simulator?.close());

/** A clock of the test's own, so the provider's stays untouched here. */
const ownClock = (): Clock => ({ now: realClock.now, sleep: realClock.sleep });
const simulatorOffset = async () => ((await control.call("GET", "clock")) as { offsetMs: number }).offsetMs;

test("an hour's sleep ends in a jump that moves the simulator's clock by the same hour", async () => {
  const clock = ownClock();
  const before = await simulatorOffset();
  const { startedAt, endedAt, skippedMs } = await onSimulatedTime(
    control,
    async (time) => {
      const startedAt = clock.now();
      await clock.sleep(3_600_000);
      return { startedAt, endedAt: clock.now(), skippedMs: time.skippedMs };
    },
    clock,
  );
  expect(endedAt - startedAt).toBeGreaterThanOrEqual(3_600_000);
  expect(skippedMs).toBeGreaterThan(3_500_000);
  expect((await simulatorOffset()) - before).toBe(skippedMs);
});

test("ten concurrent sleeps of a minute move time by one minute, not ten", async () => {
  const clock = ownClock();
  const before = await simulatorOffset();
  const skippedMs = await onSimulatedTime(
    control,
    async (time) => {
      await Promise.all(Array.from({ length: 10 }, () => clock.sleep(60_000)));
      return time.skippedMs;
    },
    clock,
  );
  expect(skippedMs).toBeGreaterThan(0);
  expect(skippedMs).toBeLessThanOrEqual(60_000);
  expect((await simulatorOffset()) - before).toBe(skippedMs);
});

test("sleepers wake in the order of their wake-up times, each at or after it", async () => {
  const clock = ownClock();
  const woke = await onSimulatedTime(
    control,
    async () => {
      const startedAt = clock.now();
      const order: { ms: number; late: boolean }[] = [];
      await Promise.all(
        [30_000, 10_000, 20_000].map(async (ms) => {
          await clock.sleep(ms);
          order.push({ ms, late: clock.now() - startedAt >= ms });
        }),
      );
      return order;
    },
    clock,
  );
  expect(woke).toEqual([
    { ms: 10_000, late: true },
    { ms: 20_000, late: true },
    { ms: 30_000, late: true },
  ]);
});

test("the clock gets its real time back afterwards", async () => {
  const clock = ownClock();
  const { now, sleep } = clock;
  await onSimulatedTime(control, async () => clock.sleep(1_000), clock);
  expect(clock.now).toBe(now);
  expect(clock.sleep).toBe(sleep);
});
