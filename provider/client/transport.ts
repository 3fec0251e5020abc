import axios, { type AxiosInstance } from "axios";

/**
 * One HTTP exchange over axios, nothing more: no auth, no retries, no interpretation of status.
 * AxiosError never leaves this file; it carries the request config, Authorization header included.
 */

export interface HttpRequest {
  method: string;
  /** Absolute URL, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  bodyText: string;
}

/** No answer came back. `code` is Node's or axios's (ECONNRESET, ETIMEDOUT, ...), the message is built here. */
export class TransportFailure extends Error {
  override name = "TransportFailure";
  constructor(
    readonly code: string,
    readonly timedOut: boolean,
  ) {
    super(`HTTP request failed (${code})`);
  }
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export function createAxiosTransport(instance: AxiosInstance = createAxiosInstance()): Transport {
  return async (request) => {
    try {
      const response = await instance.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        timeout: request.timeoutMs,
      });
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (value === undefined || value === null) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      }
      return { status: response.status, headers, bodyText: typeof response.data === "string" ? response.data : "" };
    } catch (error) {
      if (axios.isAxiosError(error)) {
        const code = error.code ?? "ERR_UNKNOWN";
        throw new TransportFailure(code, code === "ETIMEDOUT" || code === "ECONNABORTED");
      }
      throw error; // not an HTTP failure: a bug, surfaced as is
    }
  };
}

function createAxiosInstance(): AxiosInstance {
  return axios.create({
    // Every status is an answer to interpret, not an exception.
    validateStatus: () => true,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    // A redirect would need re-signing and could carry the Authorization header to another host.
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
}
