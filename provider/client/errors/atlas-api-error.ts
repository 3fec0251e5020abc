import { AtlasClientError } from "./atlas-client-error";

export interface AtlasApiErrorFields {
  method: string;
  path: string;
  status: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  /** Present when retries were spent on this answer (429, 5xx). */
  attempts?: number;
  elapsedMs?: number;
  /** Atlas's Retry-After on this answer, in ms. */
  retryAfterMs?: number;
  /** This call (an earlier attempt, or this 5xx) may have been carried out by Atlas. */
  mayHaveTakenEffect?: boolean;
  /** The body was an Atlas error (`error` and `errorCode`), not a proxy's or a wrong path's page. */
  fromAtlas?: boolean;
}

/** Atlas answered, and not with success: status plus the fields of its ApiError body. */
export class AtlasApiError extends AtlasClientError {
  override name = "AtlasApiError";
  readonly status: number;
  readonly errorCode?: string;
  readonly detail?: string;
  readonly reason?: string;
  readonly parameters?: unknown[];
  readonly attempts?: number;
  readonly elapsedMs?: number;
  readonly retryAfterMs?: number;
  readonly mayHaveTakenEffect: boolean;
  readonly fromAtlas: boolean;

  constructor(fields: AtlasApiErrorFields) {
    super(describe(fields), fields);
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.detail = fields.detail;
    this.reason = fields.reason;
    this.parameters = fields.parameters;
    this.attempts = fields.attempts;
    this.elapsedMs = fields.elapsedMs;
    this.retryAfterMs = fields.retryAfterMs;
    this.mayHaveTakenEffect = fields.mayHaveTakenEffect ?? fields.status >= 500;
    this.fromAtlas = fields.fromAtlas ?? false;
  }
}

/**
 * A refusal to answer now (429 rate limited, 503 unavailable): Atlas did not act on the request,
 * so a wait may keep waiting. Returns Atlas's Retry-After when it gave one.
 */
export function refusalOf(error: unknown): { status: number; retryAfterMs?: number } | undefined {
  if (!(error instanceof AtlasApiError) || (error.status !== 429 && error.status !== 503)) return undefined;
  return error.retryAfterMs === undefined ? { status: error.status } : { status: error.status, retryAfterMs: error.retryAfterMs };
}

function describe(f: AtlasApiErrorFields): string {
  const code = f.errorCode ?? f.reason;
  let message = `Atlas answered ${f.status}${code ? ` ${code}` : ""} for ${f.method} ${f.path}`;
  const explanation = f.detail ?? (f.errorCode && f.reason ? f.reason : undefined);
  if (explanation) message += `: ${explanation}`;
  if (f.attempts !== undefined && f.attempts > 1 && f.elapsedMs !== undefined) {
    message += ` (after ${f.attempts} attempts over ${formatSeconds(f.elapsedMs)})`;
  }
  return message;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** True for an AtlasApiError with status 404: the resource (or its parent) is gone. */
export function isAtlasNotFound(error: unknown): error is AtlasApiError {
  return error instanceof AtlasApiError && error.status === 404;
}
