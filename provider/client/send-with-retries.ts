import { realClock, type Clock } from "../vocabulary/time";
import { AtlasNetworkError } from "./errors/atlas-network-error";
import { AtlasTimeoutError } from "./errors/atlas-timeout-error";
import type { NormalizedOptions } from "./options";
import type { Pacer } from "./pacing/pacer";
import { isRetryableNetworkCode, isRetryableStatus, mayHaveReachedAtlas, mayHaveTakenEffect } from "./retry-policy";
import { decideRetry, parseRetryAfterMs, type RetryDecision } from "./retry-timing";
import { TransportFailure, type HttpResponse } from "./transport";

/** What the retry loop needs to see of an answer. */
export type Answer = Pick<HttpResponse, "status" | "headers">;

export interface RetriedResponse<R extends Answer> {
  response: R;
  attempts: number;
  elapsedMs: number;
  /** An attempt before the answered one may have been carried out by Atlas with its answer lost. */
  earlierAttemptMayHaveTakenEffect: boolean;
}

export interface RetryContext {
  method: string;
  /** For messages: path only, no query. */
  path: string;
  options: Pick<NormalizedOptions, "retry" | "requestTimeoutMs" | "log">;
  /** Injected in tests; defaults to real time. */
  clock?: Clock;
  random?: () => number;
  /** Shared by every request to this Atlas: each attempt waits for its turn and reports the answer. */
  pacer?: Pacer;
  /**
   * How long 429s may be waited out beyond the attempt budget (the resource's deadline): Atlas did
   * not process a refused request, so repeating it is safe. Undefined: 429s count like other failures.
   */
  waitOutRateLimitsForMs?: number;
}

/**
 * Runs `attempt` until it yields a non-retryable answer or the budget runs out. Returns the last
 * answer (a retryable status too, once the budget is spent: the caller turns it into an
 * AtlasApiError); throws AtlasNetworkError when the last attempt got no answer at all.
 */
export async function sendWithRetries<R extends Answer>(context: RetryContext, attempt: () => Promise<R>): Promise<RetriedResponse<R>> {
  const clock = context.clock ?? realClock;
  const random = context.random ?? Math.random;
  const { retry, log, requestTimeoutMs } = context.options;
  const startedAt = clock.now();
  // 429s waited out under waitOutRateLimitsForMs spend neither attempts nor the elapsed budget.
  let rateLimitedAttempts = 0;
  let rateLimitedMs = 0;
  let earlierAttemptMayHaveTakenEffect = false;
  for (let attempts = 1; ; attempts++) {
    let response: R | undefined;
    let failure: TransportFailure | undefined;
    const sentAt = context.pacer ? await context.pacer.turn() : 0;
    try {
      response = await attempt();
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      failure = error;
    }
    const retryAfterMs = response ? parseRetryAfterMs(response.headers["retry-after"], clock.now()) : undefined;
    if (response && context.pacer)
      context.pacer.record(sentAt, { status: response.status, retryAfterMs, ...rateLimitHeaders(response.headers) });
    const elapsedMs = clock.now() - startedAt;
    if (response && !isRetryableStatus(response.status)) return { response, attempts, elapsedMs, earlierAttemptMayHaveTakenEffect };
    const thisMayHaveTakenEffect = response ? mayHaveTakenEffect(response.status) : mayHaveReachedAtlas(failure!.code);
    if (failure && !isRetryableNetworkCode(failure.code)) {
      throw networkError(
        context,
        failure,
        attempts,
        elapsedMs,
        requestTimeoutMs,
        `${failure.code} is not retried`,
        earlierAttemptMayHaveTakenEffect || thisMayHaveTakenEffect,
      );
    }

    if (response?.status === 429 && context.waitOutRateLimitsForMs !== undefined) {
      rateLimitedAttempts += 1;
      // At least Retry-After, growing while refusals continue; the pacer holds every other request too.
      const backoffMs = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(rateLimitedAttempts - 1, 30));
      const delayMs = Math.max(retryAfterMs ?? 0, backoffMs);
      if (elapsedMs + delayMs <= context.waitOutRateLimitsForMs) {
        if (!context.pacer) log(`${context.method} ${context.path} answered 429; waiting ${Math.round(delayMs)} ms before trying again`);
        await clock.sleep(delayMs);
        rateLimitedMs += clock.now() - startedAt - elapsedMs;
        continue;
      }
    }

    const budgetAttempts = attempts - rateLimitedAttempts;
    const decision: RetryDecision = decideRetry({
      attemptsMade: budgetAttempts,
      elapsedMs: elapsedMs - rateLimitedMs,
      retryAfterMs,
      options: retry,
      random,
    });
    const what = response ? `answered ${response.status}` : `failed (${failure!.code})`;
    if (!decision.retry) {
      const why = giveUpReason(decision.reason, retry, retryAfterMs);
      log(`${context.method} ${context.path} ${what}; giving up: ${why}`);
      if (response) return { response, attempts, elapsedMs, earlierAttemptMayHaveTakenEffect };
      throw networkError(
        context,
        failure!,
        attempts,
        elapsedMs,
        requestTimeoutMs,
        why,
        earlierAttemptMayHaveTakenEffect || thisMayHaveTakenEffect,
      );
    }
    earlierAttemptMayHaveTakenEffect ||= thisMayHaveTakenEffect;
    // With a pacer, refusals are reported once per change of pace, not once per request.
    if (!(context.pacer && response?.status === 429)) {
      log(
        `${context.method} ${context.path} ${what}; retrying in ${Math.round(decision.delayMs)} ms` +
          `${retryAfterMs !== undefined ? " (Retry-After)" : ""} (attempt ${budgetAttempts + 1} of ${retry.maxAttempts})`,
      );
    }
    await clock.sleep(decision.delayMs);
  }
}

function rateLimitHeaders(headers: Answer["headers"]): { limit?: number; remaining?: number } {
  const read = (value: string | undefined) => (value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined);
  const limit = read(headers["ratelimit-limit"]);
  const remaining = read(headers["ratelimit-remaining"]);
  return limit !== undefined && remaining !== undefined ? { limit, remaining } : {};
}

function giveUpReason(
  reason: Extract<RetryDecision, { retry: false }>["reason"],
  retry: NormalizedOptions["retry"],
  retryAfterMs?: number,
): string {
  switch (reason) {
    case "attempts":
      return `all ${retry.maxAttempts} attempts used`;
    case "elapsed":
      return `retry budget of ${retry.maxElapsedMs} ms spent`;
    case "retry-after-beyond-budget":
      return `Retry-After of ${retryAfterMs} ms exceeds the remaining retry budget`;
    default:
      return reason satisfies never;
  }
}

function networkError(
  context: RetryContext,
  failure: TransportFailure,
  attempts: number,
  elapsedMs: number,
  requestTimeoutMs: number,
  why: string,
  mayHaveTakenEffect: boolean,
): AtlasNetworkError {
  const fields = {
    method: context.method,
    path: context.path,
    attempts,
    elapsedMs,
    code: failure.code,
    gaveUpBecause: why,
    mayHaveTakenEffect,
  };
  return failure.timedOut ? new AtlasTimeoutError({ ...fields, requestTimeoutMs }) : new AtlasNetworkError(fields);
}
