import type { RetryOptions } from "./options";

/**
 * Pure retry timing: no clock, no randomness of its own, no I/O. The client passes `now`, the
 * elapsed time and a random source, so tests pin every decision.
 */

/** `Retry-After` as a wait in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only the HTTP-date forms have letters; a bare "1.5" or "-1" is not valid Retry-After.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/**
 * Exponential backoff with full jitter (a uniform wait in [0, cap]) so that many clients hit by
 * the same outage do not retry in lockstep. `retryNumber` is 1 for the first retry.
 */
export function backoffDelayMs(
  retryNumber: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(retryNumber - 1, 0), 30);
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * cap);
}

export interface RetryDecisionInput {
  /** Attempts made so far, the failed one included (1 after the first failure). */
  attemptsMade: number;
  /** Time since the first attempt started. */
  elapsedMs: number;
  /** Parsed Retry-After, if the answer carried one. */
  retryAfterMs?: number;
  options: RetryOptions;
  random: () => number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: "attempts" | "elapsed" | "retry-after-beyond-budget" };

/** Whether to try again after a retryable failure, and after how long. */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { attemptsMade, elapsedMs, retryAfterMs, options } = input;
  if (attemptsMade >= options.maxAttempts) return { retry: false, reason: "attempts" };
  const remainingMs = options.maxElapsedMs - elapsedMs;
  if (remainingMs <= 0) return { retry: false, reason: "elapsed" };
  if (retryAfterMs !== undefined) {
    // Retry-After is authoritative when present: no jitter, no cap, but no point waiting past the budget.
    if (retryAfterMs > remainingMs) return { retry: false, reason: "retry-after-beyond-budget" };
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: Math.min(backoffDelayMs(attemptsMade, options, input.random), remainingMs) };
}
