import type { RateLimitOptions } from "../options";

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/**
 * Atlas's token bucket: `capacity` tokens, `refillRate` tokens added every `refillIntervalSeconds`
 * (spread evenly, so a token is back after interval / rate), one token per authenticated request.
 * Runs on the wall clock: rate limits are not time-scaled.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = options.capacity;
    this.updatedAt = now();
  }

  /** Tokens per second. */
  get perSecond(): number {
    return this.options.refillRate / this.options.refillIntervalSeconds;
  }

  take(): RateDecision {
    this.refill();
    const { capacity } = this.options;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, limit: capacity, remaining: Math.floor(this.tokens), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = this.perSecond > 0 ? Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) : 60;
    return { allowed: false, limit: capacity, remaining: 0, retryAfterSeconds };
  }

  /** What the RateLimit-Limit / RateLimit-Remaining headers say right now; takes no token. */
  headerValues(): { limit: number; remaining: number } {
    this.refill();
    return { limit: this.options.capacity, remaining: Math.floor(this.tokens) };
  }

  /** Atlas's 429 detail, word for word in its shape. */
  refusalDetail(retryAfterSeconds: number): string {
    const { capacity, refillRate, refillIntervalSeconds } = this.options;
    return `Please retry after ${retryAfterSeconds} seconds. Request capacity: ${capacity}. Refill rate: ${refillRate} per ${refillIntervalSeconds} seconds.`;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.options.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}

/**
 * Reads a rate limit as given to the control API or the CLI: `{capacity, refillRate,
 * refillIntervalSeconds}` (interval defaults to 1), or the older `{capacity, refillPerSecond}`.
 * Returns an error sentence naming what is allowed.
 */
export function parseRateLimit(value: unknown): RateLimitOptions | { error: string } {
  const allowed =
    "rateLimit must be null or {capacity: integer >= 1, refillRate: number > 0, refillIntervalSeconds: number > 0 (default 1)}";
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: allowed };
  const v = value as Record<string, unknown>;
  const known = ["capacity", "refillRate", "refillIntervalSeconds", "refillPerSecond"];
  const unknown = Object.keys(v).find((key) => !known.includes(key));
  if (unknown) return { error: `${allowed}; unknown field ${unknown}` };
  const positive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;
  const refillRate = v.refillRate ?? v.refillPerSecond;
  const refillIntervalSeconds = v.refillIntervalSeconds ?? 1;
  if (!(Number.isInteger(v.capacity) && (v.capacity as number) >= 1 && positive(refillRate) && positive(refillIntervalSeconds))) {
    return { error: `${allowed}, got ${JSON.stringify(value)}` };
  }
  return { capacity: v.capacity as number, refillRate, refillIntervalSeconds };
}
