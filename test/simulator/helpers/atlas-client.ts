import { digestAuthorization, parseChallenge, type DigestChallenge } from "./digest";
import { record } from "./recorder";

export const ATLAS_ACCEPT = "application/vnd.atlas.2023-01-01+json";
/** The one version of the stream processing private link operations. */
export const STREAMS_ACCEPT = "application/vnd.atlas.2023-02-01+json";

export type AtlasResponse = { status: number; headers: Headers; body: any; text: string };

export type Credentials = { kind: "digest"; publicKey: string; privateKey: string } | { kind: "bearer"; token: string } | { kind: "none" };

export type RequestOptions = { body?: unknown; accept?: string | null; headers?: Record<string, string> };

/**
 * A small test client: answers digest challenges (reusing the nonce with a growing nc, as real
 * clients do), sends Bearer tokens, and records every response for the contract check.
 */
export class AtlasTestClient {
  private challenge: DigestChallenge | undefined;
  private nc = 0;

  constructor(
    readonly baseUrl: string,
    private readonly credentials: Credentials,
  ) {}

  async request(method: string, target: string, options: RequestOptions = {}): Promise<AtlasResponse> {
    let response = await this.send(method, target, options);
    // One retry for a fresh challenge, one more if the nonce turned out stale.
    for (let attempt = 0; attempt < 2 && response.status === 401 && this.credentials.kind === "digest"; attempt++) {
      const challenge = parseChallenge(response.headers.get("www-authenticate"));
      if (!challenge) break;
      this.challenge = challenge;
      this.nc = 0;
      response = await this.send(method, target, options);
    }
    return response;
  }

  get = (target: string, options?: RequestOptions) => this.request("GET", target, options);
  post = (target: string, body: unknown, options?: RequestOptions) => this.request("POST", target, { ...options, body });
  patch = (target: string, body: unknown, options?: RequestOptions) => this.request("PATCH", target, { ...options, body });
  delete = (target: string, options?: RequestOptions) => this.request("DELETE", target, options);

  private async send(method: string, target: string, options: RequestOptions): Promise<AtlasResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.accept !== null) headers.Accept = options.accept ?? ATLAS_ACCEPT;
    // A body is sent in the version it is asked to be answered in, as the SDKs do.
    if (options.body !== undefined) headers["Content-Type"] = options.accept ?? ATLAS_ACCEPT;
    if (this.credentials.kind === "bearer") headers.Authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials.kind === "digest" && this.challenge) {
      this.nc += 1;
      headers.Authorization = digestAuthorization(method, this.challenge, this.credentials.privateKey, {
        username: this.credentials.publicKey,
        uri: target,
        nc: this.nc,
      });
    }
    return sendRaw(this.baseUrl, method, target, headers, options.body);
  }
}

/** One HTTP exchange, recorded for the contract check. */
export async function sendRaw(
  baseUrl: string,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<AtlasResponse> {
  const response = await fetch(baseUrl + target, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  record({
    method,
    target,
    status: response.status,
    contentType: response.headers.get("content-type"),
    text,
    requestBody: body,
    requestContentType: headers["Content-Type"],
    injectedFault: response.headers.get("x-simulator-fault") === "injected",
    variedDialect: response.headers.get("x-simulator-dialect") === "varied",
  });
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function fetchToken(baseUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
