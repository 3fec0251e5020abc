import { AtlasNetworkError } from "./errors/atlas-network-error";
import { AtlasTimeoutError } from "./errors/atlas-timeout-error";
import type { NormalizedOptions } from "./options";
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
  clock?: { now(): number; sleep(ms: number): Promise<void> };
  random?: () => number;
}

const realClock = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

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
  let earlierAttemptMayHaveTakenEffect = false;
  for (let attempts = 1; ; attempts++) {
    let response: R | undefined;
    let failure: TransportFailure | undefined;
    try {
      response = await attempt();
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      failure = error;
    }
    const elapsedMs = clock.now() - startedAt;
    if (response && !isRetryableStatus(response.status)) return { response, attempts, elapsedMs, earlierAttemptMayHaveTakenEffect };
    const thisMayHaveTakenEffect = response ? mayHaveTakenEffect(response.status) : mayHaveReachedAtlas(failure!.code);
    if (failure && !isRetryableNetworkCode(failure.code)) {
      throw networkError(context, failure, attempts, elapsedMs, requestTimeoutMs, `${failure.code} is not retried`, earlierAttemptMayHaveTakenEffect || thisMayHaveTakenEffect);
    }

    const retryAfterMs = response ? parseRetryAfterMs(response.headers["retry-after"], Date.now()) : undefined;
    const decision: RetryDecision = decideRetry({ attemptsMade: attempts, elapsedMs, retryAfterMs, options: retry, random });
    const what = response ? `answered ${response.status}` : `failed (${failure!.code})`;
    if (!decision.retry) {
      const why = giveUpReason(decision.reason, retry, retryAfterMs);
      log(`${context.method} ${context.path} ${what}; giving up: ${why}`);
      if (response) return { response, attempts, elapsedMs, earlierAttemptMayHaveTakenEffect };
      throw networkError(context, failure!, attempts, elapsedMs, requestTimeoutMs, why, earlierAttemptMayHaveTakenEffect || thisMayHaveTakenEffect);
    }
    earlierAttemptMayHaveTakenEffect ||= thisMayHaveTakenEffect;
    log(
      `${context.method} ${context.path} ${what}; retrying in ${Math.round(decision.delayMs)} ms` +
        `${retryAfterMs !== undefined ? " (Retry-After)" : ""} (attempt ${attempts + 1} of ${retry.maxAttempts})`,
    );
    await clock.sleep(decision.delayMs);
  }
}

function giveUpReason(reason: Extract<RetryDecision, { retry: false }>["reason"], retry: NormalizedOptions["retry"], retryAfterMs?: number): string {
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
  const fields = { method: context.method, path: context.path, attempts, elapsedMs, code: failure.code, gaveUpBecause: why, mayHaveTakenEffect };
  return failure.timedOut ? new AtlasTimeoutError({ ...fields, requestTimeoutMs }) : new AtlasNetworkError(fields);
}
