import type { TokenStore } from "../auth/tokens";

export type OAuthResult = { status: number; body: unknown; headers?: Record<string, string> };

/** client_id:client_secret from `Authorization: Basic ...`, per RFC 6749 section 2.3.1. */
export function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

const invalidClient: OAuthResult = {
  status: 401,
  body: { error: "invalid_client", error_description: "Client authentication failed." },
  headers: { "WWW-Authenticate": 'Basic realm="Atlas OAuth"' },
};

/** POST /api/oauth/token: client-credentials grant for service accounts. */
export function issueToken(tokens: TokenStore, authorization: string | undefined, body: Buffer): OAuthResult {
  const form = new URLSearchParams(body.toString("utf8"));
  const grantType = form.get("grant_type");
  if (grantType !== "client_credentials") {
    return {
      status: 400,
      body: {
        error: "unsupported_grant_type",
        error_description: `grant_type must be client_credentials, got ${JSON.stringify(grantType)}.`,
      },
    };
  }
  const client = basicCredentials(authorization);
  const issued = client && tokens.issue(client.id, client.secret);
  if (!issued) return invalidClient;
  return {
    status: 200,
    body: { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn },
    headers: { "Cache-Control": "no-store" },
  };
}

/** POST /api/oauth/revoke: RFC 7009; unknown tokens are not an error. */
export function revokeToken(tokens: TokenStore, authorization: string | undefined, body: Buffer): OAuthResult {
  const client = basicCredentials(authorization);
  if (!client || !tokens.authenticates(client.id, client.secret)) return invalidClient;
  const token = new URLSearchParams(body.toString("utf8")).get("token");
  if (!token) return { status: 400, body: { error: "invalid_request", error_description: "token is required." } };
  tokens.revoke(token);
  return { status: 200, body: {} };
}
