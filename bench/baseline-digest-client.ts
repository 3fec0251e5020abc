import { selectDigestChallenge } from "../provider/client/digest/challenge";
import { signDigest } from "../provider/client/digest/sign";
import { endpointPath, endpointsPath } from "../provider/client/paths";
import { ATLAS_MEDIA_TYPE, type CreateEndpointRequest, type EndpointRef, type ServiceRef } from "../provider/client";

/**
 * The baseline for API cost: digest auth the way Atlas's Go SDK does it (and most digest
 * libraries), with a fresh challenge for every call: an unauthenticated send, the 401, then the
 * signed send with nc=1. Same signer as the project's client; only the challenge reuse differs.
 */
export class FreshChallengeDigestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly publicKey: string,
    private readonly privateKey: string,
  ) {}

  createPrivateEndpoint(service: ServiceRef, request: CreateEndpointRequest): Promise<Answer> {
    const { cloudProvider: _cloud, ...body } = request;
    return this.call("POST", endpointsPath(service), JSON.stringify(body));
  }

  getPrivateEndpoint(ref: EndpointRef): Promise<Answer> {
    return this.call("GET", endpointPath(ref));
  }

  deletePrivateEndpoint(ref: EndpointRef): Promise<Answer> {
    return this.call("DELETE", endpointPath(ref));
  }

  private async call(method: string, path: string, body?: string): Promise<Answer> {
    const url = new URL(this.baseUrl + path);
    const uri = url.pathname + url.search;
    const headers: Record<string, string> = {
      Accept: ATLAS_MEDIA_TYPE,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    };
    const challenged = await fetch(url, { method, headers, body });
    await challenged.arrayBuffer();
    const challenge = selectDigestChallenge(challenged.headers.get("www-authenticate") ?? undefined);
    if (challenged.status !== 401 || !challenge)
      throw new Error(`${method} ${path}: expected a digest challenge, got ${challenged.status}`);
    const { authorization } = signDigest({ challenge, nc: 1, username: this.publicKey, password: this.privateKey, method, uri });
    const response = await fetch(url, { method, headers: { ...headers, Authorization: authorization }, body });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  }
}

export interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
}
