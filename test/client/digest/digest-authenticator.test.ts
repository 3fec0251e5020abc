import { AtlasApiError, type AtlasClient, type AtlasClientOptions, type ServiceRef } from "../../../provider/client";
import { SecretScan } from "../../support/secret-scan";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../../support/test-atlas";

let atlas: TestAtlas;
const scan = new SecretScan();

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

function client(overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  return testClient(atlas, scan.log, overrides);
}

/** The simulator's default nonce lifetime (5 min): the stale-nonce tests move its clock past it. */
const NONCE_TTL_MS = 300_000;

const awsService = (): ServiceRef => ({
  groupId: atlas.seed.groupId,
  cloudProvider: "AWS",
  endpointServiceId: atlas.seed.endpointServices.AWS,
});

describe("digest authentication against the simulator", () => {
  it("costs at most 1.1 HTTP requests per call over 20 calls: the first pays the challenge, the rest reuse the nonce", async () => {
    await atlas.clearRequests();
    const atlasClient = client();
    for (let i = 0; i < 20; i++) await atlasClient.getEndpointService(awsService());
    const log = apiRequests(await atlas.requests());
    expect(log.length / 20).toBeLessThanOrEqual(1.1);
    expect(log.map((e) => e.auth)).toEqual(["challenge", ...Array(20).fill("digest")]);
    expect(log.every((e) => (e.auth === "challenge" ? e.status === 401 : e.status === 200))).toBe(true);
  });

  it("shares the challenge with a new client for the same key, so its first call is one round trip", async () => {
    await atlas.clearRequests();
    await client().getEndpointService(awsService());
    expect(apiRequests(await atlas.requests()).map((e) => `${e.auth} ${e.status}`)).toEqual(["digest 200"]);
  });

  it("resends a POST body intact after a challenge", async () => {
    // A key not used yet in this process: its first request goes without Authorization.
    const readOnly = client({ credentials: { kind: "apiKey", ...atlas.seed.readOnlyApiKey } });
    await atlas.clearRequests();
    const error = (await scan.rejection(
      readOnly.createPrivateEndpoint(awsService(), { cloudProvider: "AWS", id: "vpce-0123456789abcdef0" }),
    )) as AtlasApiError;
    // 403 (not 400 for a missing or mangled body) proves the simulator read a whole, valid body after the challenge.
    expect(error.status).toBe(403);
    expect(apiRequests(await atlas.requests()).map((e) => `${e.method} ${e.auth} ${e.status}`)).toEqual([
      "POST challenge 401",
      "POST digest 403",
    ]);
  });

  it("recovers from a stale nonce transparently with one extra round trip", async () => {
    const atlasClient = client();
    await atlasClient.getEndpointService(awsService());
    // Expire the shared nonce by moving the simulator's clock past its TTL (once: the fresh nonce
    // cannot expire before the re-send, however slow), and have the simulator forget it (its next
    // challenge sweeps expired nonces).
    await atlas.advance(NONCE_TTL_MS + 1);
    expect(
      (await fetch(`${atlas.simulator.baseUrl}/api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AWS/endpointService`)).status,
    ).toBe(401);
    await atlas.clearRequests();
    await expect(atlasClient.getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    expect(apiRequests(await atlas.requests()).map((e) => `${e.auth} ${e.status}`)).toEqual(["challenge 401", "digest 200"]);
    expect(scan.logLines.some((line) => /answered 401; retrying once with the new digest challenge/.test(line))).toBe(true);
  });

  it("signs the query string into the digest uri (envelope and pretty)", async () => {
    await atlas.clearRequests();
    await client({ envelope: true, pretty: true }).getEndpointService(awsService());
    expect(apiRequests(await atlas.requests()).map((e) => `${e.auth} ${e.status} ${e.query}`)).toEqual([
      "digest 200 envelope=true&pretty=true",
    ]);
  });

  it("keeps 300 concurrent calls correct when the shared nonce goes stale: each retry signs with its own fresh nonce", async () => {
    const atlasClient = client();
    await atlasClient.getEndpointService(awsService());
    // The shared nonce expires (the simulator's clock moves past its TTL once), and the next
    // challenge the simulator issues forgets it; only the shared nonce is stale, not the fresh ones
    // the retries get, however slowly a loaded machine sends them.
    await atlas.advance(NONCE_TTL_MS + 1);
    expect(
      (await fetch(`${atlas.simulator.baseUrl}/api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AWS/endpointService`)).status,
    ).toBe(401);
    await atlas.clearRequests();
    const results = await Promise.allSettled(Array.from({ length: 300 }, () => atlasClient.getEndpointService(awsService())));
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    // The stale nonce did fire: every call met a 401 before its 200.
    const log = apiRequests(await atlas.requests());
    expect(log.filter((e) => e.status === 401).length).toBeGreaterThanOrEqual(300);
    expect(log.filter((e) => e.status === 200)).toHaveLength(300);
  });

  it("keeps 10 concurrent calls correct, re-challenging at most once each when nc arrives out of order", async () => {
    await atlas.clearRequests();
    const atlasClient = client();
    const results = await Promise.all(Array.from({ length: 10 }, () => atlasClient.getEndpointService(awsService())));
    expect(results.every((r) => r.cloudProvider === "AWS")).toBe(true);
    const log = apiRequests(await atlas.requests());
    expect(log.filter((e) => e.status === 200)).toHaveLength(10);
    expect(log.length).toBeLessThanOrEqual(20);
  });

  it("fails a wrong private key with AtlasApiError 401 after exactly one re-challenge", async () => {
    const wrong = client({
      credentials: { kind: "apiKey", publicKey: atlas.seed.apiKey.publicKey, privateKey: "wrong-private-key-123456" },
    });
    await atlas.clearRequests();
    const error = (await scan.rejection(wrong.getEndpointService(awsService()))) as AtlasApiError;
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(
      /^Atlas answered 401 \w+ for GET \/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/privateEndpoint\/AWS\/endpointService\/[0-9a-f]{24}/,
    );
    // The shared challenge is reused (1), re-challenged once (2), and not again.
    expect(apiRequests(await atlas.requests()).map((e) => e.status)).toEqual([401, 401]);
    // The right key still works afterwards: the wrong one did not poison the cache for good.
    await expect(client().getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
  });

  it("fails an unknown public key with 401 after the challenge, one signed attempt and one re-signed with the fresh challenge, and no more", async () => {
    // Atlas always says stale=false, so a signed 401 may be a stale nonce: one re-sign is the price.
    const unknown = client({ credentials: { kind: "apiKey", publicKey: "nosuchkey", privateKey: "whatever-secret-0000" } });
    await atlas.clearRequests();
    const digestResponses = () => atlas.proxy.secrets().filter((secret) => /^[0-9a-f]{32}$/.test(secret));
    const before = digestResponses().length;
    const error = (await scan.rejection(unknown.getEndpointService(awsService()))) as AtlasApiError;
    expect(error.status).toBe(401);
    expect(apiRequests(await atlas.requests()).map((e) => `${e.auth} ${e.status}`)).toEqual([
      "challenge 401",
      "challenge 401",
      "challenge 401",
    ]);
    // The first request went unsigned; the other two carried a digest response each, a different one.
    expect(digestResponses().length - before).toBe(2);
  });

  it("puts no key or digest response in any error or log line of this file", () => {
    expect(scan.errorCount).toBeGreaterThanOrEqual(3);
    scan.expectClean([
      atlas.seed.apiKey.publicKey,
      atlas.seed.apiKey.privateKey,
      atlas.seed.readOnlyApiKey.publicKey,
      atlas.seed.readOnlyApiKey.privateKey,
      "wrong-private-key-123456",
      "whatever-secret-0000",
      "nosuchkey",
      ...atlas.proxy.secrets(),
    ]);
  });
});
