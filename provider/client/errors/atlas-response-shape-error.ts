import { AtlasClientError } from "./atlas-client-error";

/**
 * The request succeeded but the body is not what the 2023-01-01 API promises. Not retried: the
 * same bytes would come back. Issues name fields and expectations, not the body's values.
 */
export class AtlasResponseShapeError extends AtlasClientError {
  override name = "AtlasResponseShapeError";
  readonly status: number;
  readonly issues: string;

  constructor(fields: { method: string; path: string; status: number; issues: string }) {
    super(`Atlas answered ${fields.status} for ${fields.method} ${fields.path} with an unexpected body: ${fields.issues}`, fields);
    this.status = fields.status;
    this.issues = fields.issues;
  }
}
