import type { PacerSettings } from "./pacing/pacer";
import type { Clock } from "../vocabulary/time";
import type { AtlasCredentials } from "./types";

export interface RetryOptions {
  /** Attempts per API call, the first included. Default 8. */
  maxAttempts: number;
  /** Give up once this much time has passed since the first attempt (waits included). Default 120 000 ms. */
  maxElapsedMs: number;
  /** Backoff cap for the first retry; doubles per attempt. Default 250 ms. */
  baseDelayMs: number;
  /** Upper bound of one backoff wait (Retry-After is not capped by it). Default 15 000 ms. */
  maxDelayMs: number;
}

export interface AtlasClientOptions {
  credentials: AtlasCredentials;
  /** Default "https://cloud.mongodb.com"; "https://cloud.mongodbgov.com" for Atlas for Government, or a simulator. */
  baseUrl?: string;
  retry?: Partial<RetryOptions>;
  /** Per HTTP request (not per call). Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Send `envelope=true` and unwrap `{status, content}`. */
  envelope?: boolean;
  /** Send `pretty=true`. */
  pretty?: boolean;
  /** Diagnostic lines (retries, re-authentication). Never given a secret. */
  log?: (line: string) => void;
  /**
   * Share one client-side pacer with every client of this process for the same base URL and
   * credential (see pacing/pacer.ts). Default true; false, or other settings for the pacer (used
   * when this process's pacer is first made), only for benchmarks' baselines.
   */
  pacing?: boolean | Partial<PacerSettings>;
  /**
   * Until when (epoch ms, the operation's deadline) 429s are waited out beyond the attempt budget.
   * Default: 429s count against the attempt budget like any other retryable failure.
   */
  waitOutRateLimitsUntil?: number;
  /**
   * What retry back-off sleeps on and what retry budgets and access-token ages are measured on (tests
   * inject a fake one); the pacer it shares with clients on the same clock times turns on it too.
   * Default: the real clock.
   */
  clock?: Clock;
}

export const DEFAULT_BASE_URL = "https://cloud.mongodb.com";

export const DEFAULT_RETRY: Readonly<RetryOptions> = {
  maxAttempts: 8,
  maxElapsedMs: 120_000,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface NormalizedOptions {
  credentials: AtlasCredentials;
  /** No trailing slash. */
  baseUrl: string;
  retry: RetryOptions;
  requestTimeoutMs: number;
  envelope: boolean;
  pretty: boolean;
  log: (line: string) => void;
  pacing: boolean | Partial<PacerSettings>;
  waitOutRateLimitsUntil: number | undefined;
  clock: Clock | undefined;
}

/** Fills defaults and rejects bad values up front, naming the field (and the value, unless it is a credential). */
export function normalizeOptions(options: AtlasClientOptions): NormalizedOptions {
  const retry = { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };
  requireInteger("retry.maxAttempts", retry.maxAttempts, 1);
  requireInteger("retry.maxElapsedMs", retry.maxElapsedMs, 0);
  requireInteger("retry.baseDelayMs", retry.baseDelayMs, 0);
  requireInteger("retry.maxDelayMs", retry.maxDelayMs, 0);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  requireInteger("requestTimeoutMs", requestTimeoutMs, 1);
  return {
    credentials: checkCredentials(options.credentials),
    baseUrl: checkHttpBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    retry,
    requestTimeoutMs,
    envelope: options.envelope ?? false,
    pretty: options.pretty ?? false,
    log: options.log ?? (() => undefined),
    pacing: options.pacing ?? true,
    waitOutRateLimitsUntil: options.waitOutRateLimitsUntil,
    clock: options.clock,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function requireInteger(field: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`AtlasClientOptions.${field} must be an integer >= ${min} (value=${JSON.stringify(value)})`);
  }
}

/**
 * The client's rule: any absolute http(s) URL with no user info, query or fragment (a simulator's,
 * a proxy's with a path prefix). The provider host asks for more (host/connection.ts checkAtlasOrigin).
 */
function checkHttpBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`AtlasClientOptions.baseUrl must be an absolute http(s) URL (value=${JSON.stringify(value)})`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`AtlasClientOptions.baseUrl must use http or https (value=${JSON.stringify(value)})`);
  }
  if (url.username || url.password || url.search || url.hash) {
    // Userinfo would be a credential in the URL; query and fragment would corrupt every path.
    throw new TypeError("AtlasClientOptions.baseUrl must not contain user info, a query or a fragment");
  }
  return url.href.replace(/\/+$/, "");
}

function checkCredentials(credentials: AtlasCredentials | undefined): AtlasCredentials {
  // Values are never echoed: these are secrets (or halves of them).
  const nonEmpty = (field: string, value: unknown) => {
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(`AtlasClientOptions.credentials.${field} must be a non-empty string`);
    }
  };
  switch (credentials?.kind) {
    case "apiKey":
      nonEmpty("publicKey", credentials.publicKey);
      nonEmpty("privateKey", credentials.privateKey);
      return credentials;
    case "serviceAccount":
      nonEmpty("clientId", credentials.clientId);
      nonEmpty("clientSecret", credentials.clientSecret);
      return credentials;
    case undefined:
      throw new TypeError('AtlasClientOptions.credentials is required: { kind: "apiKey" | "serviceAccount", ... }');
    default: {
      const kind: unknown = (credentials as { kind: unknown }).kind;
      throw new TypeError(`AtlasClientOptions.credentials.kind must be "apiKey" or "serviceAccount" (value=${JSON.stringify(kind)})`);
    }
  }
}
