import { realClock, type Clock } from "../vocabulary/time";

/**
 * One read shared by every caller in this process that asks the same question of the same Atlas
 * with the same rights (single flight): a caller joins a read in flight (its answer comes after
 * the caller asked, so it is as fresh as one of its own), or takes an answer that arrived less
 * than `reuseMs` ago. Errors reach every caller of that flight and are never reused. Generic
 * over the read: the cluster watcher (cluster-waits.ts) is one use, keyed by project.
 */
export class SharedRead<T> {
  #inFlight: Promise<T> | undefined;
  #last: { value: T; answeredAt: number } | undefined;
  /** Reads actually sent (for tests and benchmarks). */
  reads = 0;

  constructor(private readonly clock: Clock = realClock) {}

  read(fetch: () => Promise<T>, reuseMs: number): Promise<T> {
    if (this.#inFlight) return this.#inFlight;
    const last = this.#last;
    if (last && this.clock.now() - last.answeredAt < reuseMs) return Promise.resolve(last.value);
    this.reads += 1;
    const flight = (async () => {
      try {
        const value = await fetch();
        this.#last = { value, answeredAt: this.clock.now() };
        return value;
      } finally {
        this.#inFlight = undefined;
      }
    })();
    this.#inFlight = flight;
    return flight;
  }
}

/** SharedReads by key (e.g. Atlas identity + project), created on first use; one map per kind of read. */
export class SharedReads<T> {
  readonly #reads = new Map<string, SharedRead<T>>();

  constructor(private readonly clock: Clock = realClock) {}

  for(key: string): SharedRead<T> {
    let shared = this.#reads.get(key);
    if (!shared) {
      shared = new SharedRead<T>(this.clock);
      this.#reads.set(key, shared);
    }
    return shared;
  }

  /** Tests: forget every answer. */
  clear(): void {
    this.#reads.clear();
  }
}
