import { realClock, type Clock } from "../../provider/vocabulary/time";

/** What simulated time needs of a simulator: its control API's in-flight count and clock (SimulatorControl, SimulatorProcess). */
export interface SimulatorClock {
  /** Atlas requests the simulator is still handling. */
  inFlight(): Promise<number>;
  /** Moves the simulator's clock forward by `ms`. */
  advance(ms: number): Promise<unknown>;
}

/** Event-loop turns with nothing new (no sleep begun or ended) before the time counts as idle. */
const QUIET_TURNS = 3;

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
const nap = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Sleeper {
  at: number;
  wake: () => void;
  timer: NodeJS.Timeout;
}

export interface SimulatedTime {
  /**
   * How often the clocks jumped, and the simulated milliseconds the jumps (and pass) skipped in all: the
   * simulator's clock is the wall clock plus this, when nothing else moves it.
   */
  readonly jumps: number;
  readonly skippedMs: number;
  /** Lets `ms` of simulated time pass for everyone at once, without waiting for it. */
  pass(ms: number): Promise<void>;
  /** Puts another copy of the provider's clock on this time (a provider loaded in a module registry of its own). */
  adopt(clock: Clock): void;
  /** Gives the clocks back their real time (sleeps still pending end in real time) and ends the driver. */
  stop(): Promise<void>;
}

/**
 * Runs the provider and the simulator on one simulated time, so waits that take minutes of Atlas time
 * (a token bucket's refill, Retry-After, pacing turns, poll delays) take milliseconds, for any number
 * of concurrent waits.
 *
 * The provider reads time only through its one clock (`realClock`, provider/vocabulary/time.ts); its
 * `now` and `sleep` are replaced for the test. Time is the wall clock plus the simulated jumps, as the
 * simulator's own is (`POST /__simulator/clock`). Whenever everything waits (no sleep began or ended
 * for a few event-loop turns and the simulator handles no request), both clocks jump together to the
 * earliest wake-up, as a discrete-event simulation does. While a request is in flight, or something
 * keeps the event loop busy, real time goes on and a sleep ends on its own real timer: so a jump never
 * decides an outcome, it only skips time nobody was using. A request held by a delay fault keeps
 * real time going until the test lets it go; a test that acts mid-wait in real time (holds a phase,
 * revokes a token) must not use this: the provider's time would run ahead of it.
 */
export function simulateTime(control: SimulatorClock, ...clocks: Clock[]): SimulatedTime {
  const base = { now: realClock.now, sleep: realClock.sleep };
  const patched: { clock: Clock; now: Clock["now"]; sleep: Clock["sleep"] }[] = [];
  const sleepers: Sleeper[] = [];
  let offset = 0;
  let events = 0;
  let stopped = false;
  let jumps = 0;
  let skippedMs = 0;
  let kick: (() => void) | undefined;

  const now = () => base.now() + offset;
  const wakeDue = () => {
    const due = sleepers.filter((sleeper) => sleeper.at <= now());
    if (due.length === 0) return;
    for (const sleeper of due) {
      sleepers.splice(sleepers.indexOf(sleeper), 1);
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    events += 1;
  };
  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      const at = now() + Math.max(0, ms);
      // Real time ends it too: a jump only ever makes it end sooner.
      sleepers.push({ at, wake, timer: setTimeout(wakeDue, Math.max(0, ms)) });
      events += 1;
      kick?.();
    });

  const drive = async () => {
    // While requests stay in flight, look less often: each look is a request too, to a simulator that may share
    // this process and its CPU with the requests it is answering.
    let busyLooks = 0;
    while (!stopped) {
      if (sleepers.length === 0) {
        await new Promise<void>((resolve) => (kick = resolve));
        kick = undefined;
        continue;
      }
      const seen = events;
      for (let turn = 0; turn < QUIET_TURNS; turn++) await immediate();
      if (events !== seen || sleepers.length === 0 || stopped) continue;
      if ((await control.inFlight()) > 0 || events !== seen) {
        busyLooks += 1;
        await nap(Math.min(2 * busyLooks, 20));
        continue;
      }
      busyLooks = 0;
      const delta = Math.min(...sleepers.map((sleeper) => sleeper.at)) - now();
      if (delta > 0) await jump(delta);
      wakeDue();
    }
  };

  const jump = async (delta: number) => {
    await control.advance(delta);
    offset += delta;
    jumps += 1;
    skippedMs += delta;
  };

  const adopt = (clock: Clock) => {
    patched.push({ clock, now: clock.now, sleep: clock.sleep });
    clock.now = now;
    clock.sleep = sleep;
  };
  for (const clock of clocks.length > 0 ? clocks : [realClock]) adopt(clock);
  const driving = drive();

  return {
    get jumps() {
      return jumps;
    },
    get skippedMs() {
      return skippedMs;
    },
    adopt,
    async pass(ms) {
      if (ms > 0) await jump(ms);
      wakeDue();
    },
    async stop() {
      for (const { clock, now: realNow, sleep: realSleep } of patched.splice(0)) {
        clock.now = realNow;
        clock.sleep = realSleep;
      }
      stopped = true;
      kick?.();
      await driving;
    },
  };
}

/** Runs `body` on simulated time (see simulateTime), giving the clocks back afterwards whatever happens. */
export async function onSimulatedTime<T>(
  control: SimulatorClock,
  body: (time: SimulatedTime) => Promise<T>,
  ...clocks: Clock[]
): Promise<T> {
  const time = simulateTime(control, ...clocks);
  try {
    return await body(time);
  } finally {
    await time.stop();
  }
}
