/**
 * What is retried: an explicit allow-list. Anything else (other 4xx, unknown failures) is final.
 * Retrying a POST is safe here: a create that reached Atlas before the connection broke answers
 * 409 on the retry, and operations/create.ts treats 409 as "already exists" and adopts it.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET", // includes "socket hang up"
  "ECONNREFUSED",
  "ETIMEDOUT", // per-request timeout (clarifyTimeoutError) or TCP connect timeout
  "ECONNABORTED",
  "EPIPE",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "EAI_AGAIN", // temporary DNS failure; ENOTFOUND is a wrong host and is not retried
  "ERR_NETWORK",
]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export function isRetryableNetworkCode(code: string): boolean {
  return RETRYABLE_NETWORK_CODES.has(code);
}

/**
 * Failures that happen before a request reaches Atlas: the request cannot have taken effect.
 * Anything else that gets no answer (reset, timeout) may have been carried out with its answer lost.
 */
const NEVER_SENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ENOTFOUND",
]);

export function mayHaveReachedAtlas(code: string): boolean {
  return !NEVER_SENT_NETWORK_CODES.has(code);
}

/** A 5xx may come after Atlas did the work (a gateway lost the answer); 429 and 4xx mean it was refused. */
export function mayHaveTakenEffect(status: number): boolean {
  return status >= 500;
}
