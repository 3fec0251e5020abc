import type { Clock } from "../../provider/vocabulary/time";

/**
 * A clock that only moves when the code under test sleeps; `sleeps` lists every sleep in order.
 * `alsoMove` moves another clock by each sleep too (a simulator's: `(ms) => atlas.advance(ms)`), so
 * the code under test and the simulator it talks to share one time that no wall clock drives.
 */
export function fakeClock(alsoMove?: (ms: number) => Promise<unknown>): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      await alsoMove?.(ms);
    },
  };
}
