import { AtlasTestClient, fetchToken } from "./helpers/atlas-client";
import { vpceId } from "./helpers/ids";
import { FAST, useSimulator } from "./helpers/simulator-harness";

// The default token lifetime (an hour): no token expires mid-test on a slow machine; the expiry test
// moves the simulator's clock past it.
const h = useSimulator(FAST);
const TOKEN_TTL_MS = 3600 * 1000;

function tokenRequest(authorization: string | undefined, body = "grant_type=client_credentials") {
  return fetch(`${h.sim.baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(authorization ? { Authorization: authorization } : {}) },
    body,
  });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describe("OAuth service accounts", () => {
  it("issues a Bearer token for client credentials", async () => {
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const response = await tokenRequest(basic(clientId, clientSecret));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
  });

  it("answers 401 invalid_client for a wrong secret and 400 for another grant type", async () => {
    const { clientId } = h.sim.seed.serviceAccount;
    const wrong = await tokenRequest(basic(clientId, "nope"));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).error).toBe("invalid_client");
    const grant = await tokenRequest(basic(clientId, h.sim.seed.serviceAccount.clientSecret), "grant_type=password");
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as any).error).toBe("unsupported_grant_type");
  });

  it("accepts Bearer tokens on Atlas routes, for reads and writes", async () => {
    const client = await h.bearer();
    expect((await client.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
    expect((await client.post(h.endpointPath("AWS"), { id: vpceId() })).status).toBe(200);
    const log = await h.control("GET", "requests");
    expect(log.requests.at(-1).auth).toBe("bearer");
  });

  it("gives the read-only service account 403 on create", async () => {
    const client = await h.bearer(true);
    const response = await client.post(h.endpointPath("AWS"), { id: vpceId() });
    expect(response.status).toBe(403);
    expect(response.body.errorCode).toBe("USER_UNAUTHORIZED");
  });

  it("rejects a token after it expires", async () => {
    const client = await h.bearer();
    expect((await client.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
    await h.control("POST", "clock", { advanceMs: TOKEN_TTL_MS });
    const expired = await client.get(`${h.groupPath}/AWS/endpointService`);
    expect(expired.status).toBe(401);
    expect(expired.body.errorCode).toBe("UNEXPECTED_ERROR");
    expect(expired.headers.get("www-authenticate")).toBeNull();
  });

  it("rejects a token after it is revoked", async () => {
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const token = await fetchToken(h.sim.baseUrl, clientId, clientSecret);
    const client = new AtlasTestClient(h.sim.baseUrl, { kind: "bearer", token });
    expect((await client.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
    const revoke = await fetch(`${h.sim.baseUrl}/api/oauth/revoke`, {
      method: "POST",
      headers: { Authorization: basic(clientId, clientSecret), "Content-Type": "application/x-www-form-urlencoded" },
      body: `token=${encodeURIComponent(token)}`,
    });
    expect(revoke.status).toBe(200);
    expect((await client.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(401);
  });

  it("keeps tokens and client secrets out of the request log", async () => {
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const token = await fetchToken(h.sim.baseUrl, clientId, clientSecret);
    await new AtlasTestClient(h.sim.baseUrl, { kind: "bearer", token }).get(`${h.groupPath}/AWS/endpointService`);
    const log = JSON.stringify(await h.control("GET", "requests"));
    expect(log).toContain('"auth":"bearer"');
    expect(log).not.toContain(token);
    expect(log).not.toContain(clientSecret);
  });
});
