import type { Clock } from "../../provider/vocabulary/time";

/** A clock that only moves when the code under test sleeps; `sleeps` lists every sleep in order. */
export function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
