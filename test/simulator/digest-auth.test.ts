import { sendRaw, type AtlasResponse } from "./helpers/atlas-client";
import { digestAuthorization, parseChallenge, type DigestChallenge } from "./helpers/digest";
import { FAST, useSimulator } from "./helpers/simulator-harness";

// The default nonce TTL (5 min): no nonce expires mid-test on a slow machine; the expiry test moves
// the simulator's clock past it.
const h = useSimulator(FAST);
const NONCE_TTL_MS = 300_000;
const ACCEPT = { Accept: "application/vnd.atlas.2023-01-01+json" };

async function challengeFor(target: string): Promise<DigestChallenge> {
  const response = await sendRaw(h.sim.baseUrl, "GET", target, ACCEPT);
  expect(response.status).toBe(401);
  return parseChallenge(response.headers.get("www-authenticate"))!;
}

function signedGet(
  target: string,
  challenge: DigestChallenge,
  nc: number,
  options: { uri?: string; key?: { publicKey: string; privateKey: string } } = {},
): Promise<AtlasResponse> {
  const key = options.key ?? h.sim.seed.apiKey;
  const authorization = digestAuthorization("GET", challenge, key.privateKey, { username: key.publicKey, uri: options.uri ?? target, nc });
  return sendRaw(h.sim.baseUrl, "GET", target, { ...ACCEPT, Authorization: authorization });
}

const listPath = () => `${h.groupPath}/AWS/endpointService`;

describe("HTTP digest authentication", () => {
  it("challenges an unauthenticated request with Atlas's exact WWW-Authenticate header", async () => {
    const response = await sendRaw(h.sim.baseUrl, "GET", listPath(), ACCEPT);
    expect(response.status).toBe(401);
    expect(response.body.errorCode).toBe("UNEXPECTED_ERROR");
    expect(response.headers.get("www-authenticate")).toMatch(
      /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/,
    );
  });

  it("accepts a correct digest and the same nonce again with a higher nc", async () => {
    const challenge = await challengeFor(listPath());
    expect((await signedGet(listPath(), challenge, 1)).status).toBe(200);
    expect((await signedGet(listPath(), challenge, 2)).status).toBe(200);
    expect((await signedGet(listPath(), challenge, 7)).status).toBe(200);
  });

  it("rejects a replayed nc for the same nonce", async () => {
    const challenge = await challengeFor(listPath());
    expect((await signedGet(listPath(), challenge, 1)).status).toBe(200);
    const replay = await signedGet(listPath(), challenge, 1);
    expect(replay.status).toBe(401);
    expect(replay.headers.get("www-authenticate")).toContain("stale=false");
    expect((await signedGet(listPath(), challenge, 2)).status).toBe(200);
  });

  it("requires the query string in uri: signing only the path is rejected", async () => {
    const target = `${listPath()}?pretty=true`;
    const challenge = await challengeFor(target);
    const pathOnly = await signedGet(target, challenge, 1, { uri: listPath() });
    expect(pathOnly.status).toBe(401);
    expect(pathOnly.body.detail).toContain("uri");
    expect((await signedGet(target, challenge, 2)).status).toBe(200);
  });

  it("answers stale=true once a nonce expires, and the new nonce works", async () => {
    const challenge = await challengeFor(listPath());
    expect((await signedGet(listPath(), challenge, 1)).status).toBe(200);
    await h.control("POST", "clock", { advanceMs: NONCE_TTL_MS + 1 });
    const expired = await signedGet(listPath(), challenge, 2);
    expect(expired.status).toBe(401);
    const fresh = parseChallenge(expired.headers.get("www-authenticate"))!;
    expect(fresh.stale).toBe(true);
    expect(fresh.nonce).not.toBe(challenge.nonce);
    expect((await signedGet(listPath(), fresh, 1)).status).toBe(200);
  });

  it("rejects a wrong private key and an unknown public key without stale", async () => {
    const challenge = await challengeFor(listPath());
    const wrongSecret = await signedGet(listPath(), challenge, 1, { key: { publicKey: h.sim.seed.apiKey.publicKey, privateKey: "wrong" } });
    expect(wrongSecret.status).toBe(401);
    expect(parseChallenge(wrongSecret.headers.get("www-authenticate"))!.stale).toBe(false);
    const unknown = await signedGet(listPath(), challenge, 2, { key: { publicKey: "nobody", privateKey: "x" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errorCode).toBe("UNEXPECTED_ERROR");
  });

  it("signs over the method: a digest made for GET does not authorize DELETE", async () => {
    const target = `${h.endpointPath("AWS")}/vpce-0123456789abcdef1`;
    const challenge = await challengeFor(target);
    const key = h.sim.seed.apiKey;
    const authorization = digestAuthorization("GET", challenge, key.privateKey, { username: key.publicKey, uri: target, nc: 1 });
    const response = await sendRaw(h.sim.baseUrl, "DELETE", target, { ...ACCEPT, Authorization: authorization });
    expect(response.status).toBe(401);
  });

  it("gives the read-only key 403 USER_UNAUTHORIZED on create and delete but answers its reads", async () => {
    expect((await h.readOnly.get(listPath())).status).toBe(200);
    const create = await h.readOnly.post(h.endpointPath("AWS"), { id: "vpce-0123456789abcdef2" });
    expect(create.status).toBe(403);
    expect(create.body.errorCode).toBe("USER_UNAUTHORIZED");
    const remove = await h.readOnly.delete(`${h.endpointPath("AWS")}/vpce-0123456789abcdef2`);
    expect(remove.status).toBe(403);
    const { endpoints } = await h.control("GET", "endpoints");
    expect(endpoints.some((e: any) => e.endpointId === "vpce-0123456789abcdef2")).toBe(false);
  });

  it("never echoes credentials or digest fields into responses or the request log", async () => {
    await h.atlas.get(listPath());
    await h.readOnly.post(h.endpointPath("AWS"), { id: "vpce-0123456789abcdef3" });
    const log = JSON.stringify(await h.control("GET", "requests"));
    const secrets = [h.sim.seed.apiKey.privateKey, h.sim.seed.readOnlyApiKey.privateKey, "response=", "cnonce"];
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
