import { DEFAULT_RETRY } from "../../provider/client/options";
import { backoffDelayMs, decideRetry, parseRetryAfterMs } from "../../provider/client/retry-timing";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfterMs", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs("0", NOW)).toBe(0);
    expect(parseRetryAfterMs(" 7 ", NOW)).toBe(7000);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", NOW)).toBe(5000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", NOW)).toBe(0);
  });

  it("ignores a missing or unreadable value", () => {
    for (const value of [undefined, "", "soon", "-1", "1.5", "Thu, 99 Foo"]) expect(parseRetryAfterMs(value, NOW)).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles the cap per retry and stays below it (full jitter)", () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, options, almostOne))).toEqual([99, 199, 399, 799]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(200);
  });

  it("never exceeds maxDelayMs, even after many retries", () => {
    expect(backoffDelayMs(5, options, () => 0.999999)).toBe(999);
    expect(backoffDelayMs(1000, options, () => 0.999999)).toBe(999);
  });
});

describe("decideRetry", () => {
  const options = { ...DEFAULT_RETRY, maxAttempts: 4, maxElapsedMs: 10_000, baseDelayMs: 100, maxDelayMs: 5_000 };
  const half = () => 0.5;

  it("backs off while attempts and time remain", () => {
    expect(decideRetry({ attemptsMade: 1, elapsedMs: 0, options, random: half })).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry({ attemptsMade: 3, elapsedMs: 500, options, random: half })).toEqual({ retry: true, delayMs: 200 });
  });

  it("stops after maxAttempts attempts", () => {
    expect(decideRetry({ attemptsMade: 4, elapsedMs: 0, options, random: half })).toEqual({ retry: false, reason: "attempts" });
  });

  it("stops once maxElapsedMs is spent, and never sleeps past it", () => {
    expect(decideRetry({ attemptsMade: 1, elapsedMs: 10_000, options, random: half })).toEqual({ retry: false, reason: "elapsed" });
    expect(decideRetry({ attemptsMade: 3, elapsedMs: 9_990, options, random: () => 0.999 })).toEqual({ retry: true, delayMs: 10 });
  });

  it("waits exactly Retry-After, beyond maxDelayMs and without jitter", () => {
    expect(decideRetry({ attemptsMade: 1, elapsedMs: 0, retryAfterMs: 7_000, options, random: half })).toEqual({
      retry: true,
      delayMs: 7_000,
    });
  });

  it("gives up at once when Retry-After is beyond the remaining budget", () => {
    expect(decideRetry({ attemptsMade: 1, elapsedMs: 5_000, retryAfterMs: 6_000, options, random: half })).toEqual({
      retry: false,
      reason: "retry-after-beyond-budget",
    });
  });
});
