import { AtlasApiError, type AtlasClient, type AtlasClientOptions, type ServiceRef } from "../../../provider/client";
import { clearTokenCache, REFRESH_MARGIN_MS } from "../../../provider/client/oauth/token-source";
import { fakeClock } from "../../support/fake-clock";
import { SecretScan } from "../../support/secret-scan";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../../support/test-atlas";

let atlas: TestAtlas;
const scan = new SecretScan();

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

function client(overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  return testClient(atlas, scan.log, { credentials: { kind: "serviceAccount", ...atlas.seed.serviceAccount }, ...overrides });
}

const awsService = (): ServiceRef => ({
  groupId: atlas.seed.groupId,
  cloudProvider: "AWS",
  endpointServiceId: atlas.seed.endpointServices.AWS,
});
const tokenRequests = async () => (await atlas.requests()).filter((e) => e.path === "/api/oauth/token");

describe("OAuth service accounts against the simulator", () => {
  it("fetches one token for concurrent first calls and reuses it: one round trip per call after that", async () => {
    await atlas.clearRequests();
    const atlasClient = client();
    await Promise.all(Array.from({ length: 5 }, () => atlasClient.getEndpointService(awsService())));
    for (let i = 0; i < 15; i++) await atlasClient.getEndpointService(awsService());
    expect(await tokenRequests()).toHaveLength(1);
    const api = apiRequests(await atlas.requests());
    expect(api).toHaveLength(20);
    expect(api.every((e) => e.auth === "bearer" && e.status === 200)).toBe(true);
  });

  it("shares the cached token with a new client for the same account", async () => {
    await atlas.clearRequests();
    await client().getEndpointService(awsService());
    expect(await tokenRequests()).toHaveLength(0);
  });

  it("fetches a new token before the old one expires, with no 401 on the way", async () => {
    const REFRESH_AT_MS = 3600_000 - REFRESH_MARGIN_MS;
    // The simulator's hour-long token is refreshed a minute early: at 59 min on the client's clock, which is fake here, so the test decides on that clock, not on a sleep. The
    // simulator's clock is real, so the old token is still valid there (for the hour) when the new one
    // is fetched, however slow the machine: before expiry, not after.
    clearTokenCache();
    const clock = fakeClock();
    const atlasClient = client({ credentials: { kind: "serviceAccount", ...atlas.seed.readOnlyServiceAccount }, clock });
    await atlas.clearRequests();
    await atlasClient.getEndpointService(awsService());
    await clock.sleep(REFRESH_AT_MS - 1);
    await atlasClient.getEndpointService(awsService());
    await clock.sleep(1);
    await atlasClient.getEndpointService(awsService());
    const log = await atlas.requests();
    expect(log.map((e) => `${e.path === "/api/oauth/token" ? "token" : "api"} ${e.status}`)).toEqual([
      "token 200",
      "api 200",
      "api 200",
      "token 200",
      "api 200",
    ]);
  });

  it("recovers transparently when Atlas rejects a token it still believes valid: one refresh, one retry", async () => {
    const atlasClient = client();
    await atlasClient.getEndpointService(awsService());
    await atlas.clearRequests();
    // Atlas-side invalidation (expiry under clock skew, revocation): the next API call answers 401.
    await atlas.fault({ pathPattern: "^/api/atlas/", status: 401, errorCode: "UNAUTHORIZED", count: 1 });
    await expect(atlasClient.getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    const log = await atlas.requests();
    expect(log.map((e) => `${e.path === "/api/oauth/token" ? "token" : "api"} ${e.status}`)).toEqual(["api 401", "token 200", "api 200"]);
    expect(scan.logLines.some((line) => /answered 401; retrying once with a new access token/.test(line))).toBe(true);
  });

  it("gives up after one refresh when Atlas keeps answering 401", async () => {
    const atlasClient = client();
    await atlasClient.getEndpointService(awsService());
    await atlas.clearRequests();
    await atlas.fault({ pathPattern: "^/api/atlas/", status: 401, errorCode: "UNAUTHORIZED", count: 2 });
    const error = (await scan.rejection(atlasClient.getEndpointService(awsService()))) as AtlasApiError;
    expect(error).toMatchObject({ status: 401, errorCode: "UNAUTHORIZED" });
    expect((await atlas.requests()).map((e) => e.status)).toEqual([401, 200, 401]);
  });

  it("reports a wrong client secret as AtlasApiError 401 invalid_client from the token endpoint, not retried", async () => {
    await atlas.clearRequests();
    const wrong = client({
      credentials: { kind: "serviceAccount", clientId: atlas.seed.serviceAccount.clientId, clientSecret: "mdb_sa_sk_wrongwrongwrong" },
    });
    const error = (await scan.rejection(wrong.getEndpointService(awsService()))) as AtlasApiError;
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error.message).toBe("Atlas answered 401 invalid_client for POST /api/oauth/token: Client authentication failed.");
    expect(await tokenRequests()).toHaveLength(1);
    expect(apiRequests(await atlas.requests())).toHaveLength(0);
  });

  it("rides through a 503 from the token endpoint", async () => {
    // Same server under another name: a base URL with no cached token yet.
    const fresh = client({ baseUrl: atlas.baseUrl.replace("127.0.0.1", "localhost") });
    await atlas.clearRequests();
    await atlas.fault({ pathPattern: "^/api/oauth/token$", status: 503, count: 2 });
    await expect(fresh.getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    expect((await tokenRequests()).map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it("gets 403 with the read-only service account on delete", async () => {
    const readOnly = client({ credentials: { kind: "serviceAccount", ...atlas.seed.readOnlyServiceAccount } });
    const error = (await scan.rejection(
      readOnly.deletePrivateEndpoint({ ...awsService(), endpointId: "vpce-0123456789abcdef0" }),
    )) as AtlasApiError;
    expect(error.status).toBe(403);
  });

  it("puts no client secret or token in any error or log line of this file", () => {
    expect(scan.errorCount).toBeGreaterThanOrEqual(3);
    const secrets = [
      atlas.seed.serviceAccount.clientId,
      atlas.seed.serviceAccount.clientSecret,
      atlas.seed.readOnlyServiceAccount.clientId,
      atlas.seed.readOnlyServiceAccount.clientSecret,
      "mdb_sa_sk_wrongwrongwrong",
      ...atlas.proxy.secrets(),
    ];
    // Tokens the client really used were recorded on the wire.
    expect(atlas.proxy.secrets().filter((s) => /^[A-Za-z0-9_-]{43}$/.test(s)).length).toBeGreaterThanOrEqual(3);
    scan.expectClean(secrets);
  });
});
