import { AtlasClientError } from "./atlas-client-error";
import { formatSeconds } from "./atlas-api-error";

export interface AtlasNetworkErrorFields {
  method: string;
  path: string;
  /** HTTP attempts made, all failed without an answer. */
  attempts: number;
  elapsedMs: number;
  /** Node/axios error code of the last failure, e.g. ECONNRESET, ETIMEDOUT. */
  code?: string;
  /** Why no further attempt was made. */
  gaveUpBecause?: string;
  /** Some attempt may have reached Atlas and been carried out, its answer lost (not a refused connection). */
  mayHaveTakenEffect?: boolean;
}

/** No answer from Atlas (reset, refused, DNS, ...) after the retries the budget allowed. */
export class AtlasNetworkError extends AtlasClientError {
  override name = "AtlasNetworkError";
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly code?: string;
  readonly mayHaveTakenEffect: boolean;

  constructor(fields: AtlasNetworkErrorFields, what = "Could not reach Atlas") {
    super(
      `${what} for ${fields.method} ${fields.path}` +
        `${fields.code ? ` (${fields.code})` : ""}: ${fields.attempts} attempt${fields.attempts === 1 ? "" : "s"}` +
        ` over ${formatSeconds(fields.elapsedMs)}${fields.gaveUpBecause ? `, ${fields.gaveUpBecause}` : ""}`,
      fields,
    );
    this.attempts = fields.attempts;
    this.elapsedMs = fields.elapsedMs;
    this.code = fields.code;
    this.mayHaveTakenEffect = fields.mayHaveTakenEffect ?? true;
  }
}
