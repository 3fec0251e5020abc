import type { RateLimitOptions } from "../options";

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/** A token bucket refilled continuously on the wall clock (rate limits are not time-scaled). */
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

  take(): RateDecision {
    const now = this.now();
    const { capacity, refillPerSecond } = this.options;
    this.tokens = Math.min(capacity, this.tokens + ((now - this.updatedAt) / 1000) * refillPerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, limit: capacity, remaining: Math.floor(this.tokens), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = refillPerSecond > 0 ? Math.max(1, Math.ceil((1 - this.tokens) / refillPerSecond)) : 60;
    return { allowed: false, limit: capacity, remaining: 0, retryAfterSeconds };
  }
}
