import { AtlasNetworkError, type AtlasNetworkErrorFields } from "./atlas-network-error";

/** The last attempt got no answer within `requestTimeoutMs`; a kind of network error. */
export class AtlasTimeoutError extends AtlasNetworkError {
  override name = "AtlasTimeoutError";
  readonly requestTimeoutMs: number;

  constructor(fields: AtlasNetworkErrorFields & { requestTimeoutMs: number }) {
    super(fields, `Atlas did not answer within ${fields.requestTimeoutMs} ms`);
    this.requestTimeoutMs = fields.requestTimeoutMs;
  }
}
