/**
 * Base of every error this client throws on purpose. Each carries the request's method and path
 * (never the query, headers or body), so `pulumi up` output says which call failed without
 * exposing a credential.
 */
export class AtlasClientError extends Error {
  override name = "AtlasClientError";
  readonly method: string;
  readonly path: string;

  constructor(message: string, request: { method: string; path: string }) {
    super(message);
    this.method = request.method;
    this.path = request.path;
  }
}
