import {
  AtlasApiError,
  type AtlasClient,
  AtlasNetworkError,
  AtlasTimeoutError,
  type AtlasClientOptions,
  type EndpointRef,
  type ServiceRef,
} from "../../provider/client";
import { DEFAULT_RETRY } from "../../provider/client/options";
import { sendWithRetries } from "../../provider/client/send-with-retries";
import { TransportFailure, type HttpResponse } from "../../provider/client/transport";
import { SecretScan } from "../support/secret-scan";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";
import { fakeClock } from "../support/fake-clock";

let atlas: TestAtlas;
const scan = new SecretScan();

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());
beforeEach(async () => {
  await atlas.clearFaults();
  await atlas.clearRequests();
});

function client(overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  return testClient(atlas, scan.log, {
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 6, maxElapsedMs: 5_000 },
    requestTimeoutMs: 2_000,
    // The retry loop on its own; the shared pacer has its own tests (pacer.test.ts, rate-limits.test.ts).
    pacing: false,
    ...overrides,
  });
}

const awsService = (): ServiceRef => ({
  groupId: atlas.seed.groupId,
  cloudProvider: "AWS",
  endpointServiceId: atlas.seed.endpointServices.AWS,
});
const ENDPOINTS = "^/api/atlas/v2/groups/[0-9a-f]+/privateEndpoint/AWS/endpointService/[0-9a-f]+/endpoint";
let vpceCounter = 0x5000;
const nextVpce = () => `vpce-${(vpceCounter++).toString(16).padStart(17, "0")}`;

/** Statuses of Atlas API requests that carried credentials (challenges left out). */
async function signedStatuses(): Promise<number[]> {
  return apiRequests(await atlas.requests())
    .filter((e) => e.auth !== "challenge")
    .map((e) => e.status);
}

describe("retries against the simulator", () => {
  it("waits Retry-After on a 429 and then succeeds", async () => {
    await client().getEndpointService(awsService()); // settle the digest challenge first
    await atlas.clearRequests();
    await atlas.fault({ pathPattern: "/endpointService/", status: 429, retryAfterSeconds: 1, count: 1 });
    const clock = fakeClock();
    await expect(client({ clock }).getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    // The client's one sleep is Retry-After's second, on its clock (not a wall-clock lower bound).
    expect(clock.sleeps).toEqual([1000]);
    expect(await signedStatuses()).toEqual([429, 200]);
    expect(scan.logLines.some((line) => /answered 429; retrying in 1000 ms \(Retry-After\) \(attempt 2 of 6\)/.test(line))).toBe(true);
  });

  it("rides through the simulator's token-bucket rate limit", async () => {
    // A token back per minute, so no refill lands between the requests however slow the machine; the
    // client's waits move the simulator's clock (one shared fake time), so waiting out a refusal works.
    await atlas.config({ rateLimit: { capacity: 2, refillRate: 1, refillIntervalSeconds: 60 } });
    try {
      const clock = fakeClock((ms) => atlas.advance(ms));
      const atlasClient = client({ clock, retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 6, maxElapsedMs: 600_000 } });
      for (let i = 0; i < 4; i++) await atlasClient.getEndpointService(awsService());
      const statuses = await signedStatuses();
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      expect(clock.sleeps.filter((ms) => ms >= 1000).length).toBeGreaterThanOrEqual(2);
    } finally {
      await atlas.config({ rateLimit: null });
    }
  });

  it("rides through a burst of 503s on create, with exponential backoff", async () => {
    await atlas.fault({ method: "POST", pathPattern: ENDPOINTS, status: 503, count: 4 });
    const id = nextVpce();
    await expect(client().createPrivateEndpoint(awsService(), { cloudProvider: "AWS", id })).resolves.toMatchObject({
      interfaceEndpointId: id,
    });
    expect(await signedStatuses()).toEqual([503, 503, 503, 503, 200]);
  });

  it("retries 500, 502 and 504 too", async () => {
    for (const status of [500, 502, 504]) await atlas.fault({ pathPattern: "/endpointService/", status, count: 1 });
    await expect(client().getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    expect(await signedStatuses()).toEqual([500, 502, 504, 200]);
  });

  it("rides through a dropped connection, resending the POST", async () => {
    await atlas.fault({ method: "POST", pathPattern: ENDPOINTS, dropConnection: true, count: 2 });
    const id = nextVpce();
    await expect(client().createPrivateEndpoint(awsService(), { cloudProvider: "AWS", id })).resolves.toMatchObject({
      interfaceEndpointId: id,
    });
    expect(await signedStatuses()).toEqual([0, 0, 200]);
    expect(scan.logLines.some((line) => /POST \/api\/\S+ failed \((ECONNRESET|ERR_NETWORK|EPIPE)\); retrying in \d+ ms/.test(line))).toBe(
      true,
    );
  });

  it("retries a request that exceeds requestTimeoutMs", async () => {
    // The held answer outlasts the timeout by seconds (timer order decides, not machine speed); the
    // timeout leaves the un-held retry, a local round trip, room on a loaded core.
    await atlas.fault({ pathPattern: "/endpointService/", delayMs: 6_000, count: 1 });
    await expect(client({ requestTimeoutMs: 1_500 }).getEndpointService(awsService())).resolves.toMatchObject({ cloudProvider: "AWS" });
    const statuses = await signedStatuses();
    expect(statuses).toHaveLength(2); // the held request, then the retry that was answered
    expect(statuses[1]).toBe(200);
    expect(scan.logLines.some((line) => /failed \(ETIMEDOUT\); retrying/.test(line))).toBe(true);
  });

  it("ends a burst longer than the attempt budget with AtlasApiError 503 that says how long it tried", async () => {
    await atlas.fault({ pathPattern: "/endpointService/", status: 503, count: 10 });
    const error = (await scan.rejection(
      client({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }).getEndpointService(awsService()),
    )) as AtlasApiError;
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status: 503, errorCode: "SERVICE_UNAVAILABLE", attempts: 3 });
    expect(error.message).toMatch(
      /^Atlas answered 503 SERVICE_UNAVAILABLE for GET \/api\/atlas\/v2\/\S+: Injected fault: 503 SERVICE_UNAVAILABLE\. \(after 3 attempts over \d+\.\d s\)$/,
    );
    expect(await signedStatuses()).toEqual([503, 503, 503]);
    expect(scan.logLines.some((line) => /giving up: all 3 attempts used/.test(line))).toBe(true);
  });

  it("stops at maxElapsedMs even when attempts remain", async () => {
    await atlas.fault({ pathPattern: "/endpointService/", status: 503, count: 50 });
    // Time passes only on the client's clock: 100 ms per back-off, against a 400 ms budget.
    const clock = fakeClock();
    const error = (await scan.rejection(
      client({ clock, retry: { maxAttempts: 50, maxElapsedMs: 400, baseDelayMs: 100, maxDelayMs: 100 } }).getEndpointService(awsService()),
    )) as AtlasApiError;
    expect(error.status).toBe(503);
    expect(error.attempts).toBeGreaterThan(1);
    expect(error.attempts).toBeLessThan(50);
    expect(clock.now()).toBeLessThanOrEqual(400);
    expect(await signedStatuses()).toHaveLength(error.attempts!);
  });

  it("gives up at once when Retry-After is longer than the remaining budget", async () => {
    await atlas.fault({ pathPattern: "/endpointService/", status: 429, retryAfterSeconds: 60, count: 1 });
    const clock = fakeClock();
    const error = (await scan.rejection(
      client({ clock, retry: { maxElapsedMs: 5_000 } }).getEndpointService(awsService()),
    )) as AtlasApiError;
    expect(error.status).toBe(429);
    // At once: not one sleep on the client's clock.
    expect(clock.sleeps).toEqual([]);
    expect(scan.logLines.some((line) => /giving up: Retry-After of 60000 ms exceeds the remaining retry budget/.test(line))).toBe(true);
  });

  it("ends repeated dropped connections with AtlasNetworkError naming attempts and time", async () => {
    await atlas.fault({ pathPattern: "/endpointService/", dropConnection: true, count: 10 });
    const error = (await scan.rejection(
      client({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }).getEndpointService(awsService()),
    )) as AtlasNetworkError;
    expect(error).toBeInstanceOf(AtlasNetworkError);
    expect(error).toMatchObject({ name: "AtlasNetworkError", attempts: 3, method: "GET" });
    expect(error.message).toMatch(
      /^Could not reach Atlas for GET \/api\/atlas\/v2\/\S+ \(\w+\): 3 attempts over \d+\.\d s, all 3 attempts used$/,
    );
  });

  it("ends repeated timeouts with AtlasTimeoutError", async () => {
    await atlas.fault({ pathPattern: "/endpointService/", delayMs: 500, count: 2 });
    const error = (await scan.rejection(
      client({ requestTimeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).getEndpointService(awsService()),
    )) as AtlasTimeoutError;
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error).toBeInstanceOf(AtlasNetworkError);
    expect(error.message).toMatch(/^Atlas did not answer within 100 ms for GET \S+ \(ETIMEDOUT\): 2 attempts over/);
  });

  it("retries a refused connection, then reports it", async () => {
    const closed = await startTestAtlas();
    const baseUrl = closed.simulator.baseUrl;
    await closed.close();
    const error = (await scan.rejection(
      client({ baseUrl, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).getEndpointService(awsService()),
    )) as AtlasNetworkError;
    expect(error).toMatchObject({ name: "AtlasNetworkError", code: "ECONNREFUSED", attempts: 2 });
  });

  it("does not retry a 404", async () => {
    const ref: EndpointRef = { ...awsService(), endpointId: nextVpce() };
    await scan.rejection(client().getPrivateEndpoint(ref));
    expect(await signedStatuses()).toEqual([404]);
  });

  it("puts no key or digest response in any error or log line of this file", () => {
    expect(scan.errorCount).toBeGreaterThanOrEqual(7);
    scan.expectClean([atlas.seed.apiKey.publicKey, atlas.seed.apiKey.privateKey, ...atlas.proxy.secrets()]);
  });
});

describe("sendWithRetries budget (simulated clock)", () => {
  const ok: HttpResponse = { status: 200, headers: {}, bodyText: "" };
  const unavailable: HttpResponse = { status: 503, headers: {}, bodyText: "" };

  const context = (retry: Partial<typeof DEFAULT_RETRY>, clock: ReturnType<typeof fakeClock>) => ({
    method: "GET",
    path: "/x",
    options: { retry: { ...DEFAULT_RETRY, ...retry }, requestTimeoutMs: 1_000, log: () => undefined },
    clock,
    random: () => 0.999,
  });

  it("sleeps with growing, capped backoff and never past maxElapsedMs", async () => {
    const clock = fakeClock();
    const { sleeps } = clock;
    const result = await sendWithRetries(
      context({ maxAttempts: 100, maxElapsedMs: 10_000, baseDelayMs: 250, maxDelayMs: 2_000 }, clock),
      async () => unavailable,
    );
    expect(result.response.status).toBe(503);
    expect(sleeps.slice(0, 5)).toEqual([249, 499, 999, 1998, 1998]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect(result.elapsedMs).toBe(10_000);
  });

  it("returns the first non-retryable answer", async () => {
    const clock = fakeClock();
    const answers = [unavailable, ok];
    const result = await sendWithRetries(context({}, clock), async () => answers.shift()!);
    expect(result).toMatchObject({ attempts: 2, response: { status: 200 } });
  });

  it("does not retry a network failure outside the allow-list", async () => {
    const clock = fakeClock();
    let calls = 0;
    const attempt = async (): Promise<HttpResponse> => {
      calls++;
      throw new TransportFailure("ENOTFOUND", false);
    };
    await expect(sendWithRetries(context({}, clock), attempt)).rejects.toThrow(
      "Could not reach Atlas for GET /x (ENOTFOUND): 1 attempt over 0.0 s, ENOTFOUND is not retried",
    );
    expect(calls).toBe(1);
  });

  it("rethrows an unknown error (a bug) at once", async () => {
    const clock = fakeClock();
    const bug = new TypeError("boom");
    await expect(sendWithRetries(context({}, clock), async () => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe("sendWithRetries waits out 429s until the operation's deadline (simulated clock)", () => {
  const ok: HttpResponse = { status: 200, headers: {}, bodyText: "" };
  const limited = (retryAfter?: string): HttpResponse => ({
    status: 429,
    headers: retryAfter === undefined ? {} : { "retry-after": retryAfter },
    bodyText: "",
  });
  const unavailable: HttpResponse = { status: 503, headers: {}, bodyText: "" };

  const retry = { ...DEFAULT_RETRY, maxAttempts: 3, maxElapsedMs: 5_000, baseDelayMs: 250, maxDelayMs: 4_000 };
  const context = (clock: ReturnType<typeof fakeClock>, waitOutRateLimitsForMs?: number) => ({
    method: "POST",
    path: "/x",
    options: { retry, requestTimeoutMs: 1_000, log: () => undefined },
    clock,
    random: () => 0.999,
    waitOutRateLimitsForMs,
  });

  it("repeats a refused request past the attempt budget, each wait at least Retry-After and growing while refusals continue", async () => {
    const clock = fakeClock();
    const { sleeps } = clock;
    const answers = [limited("1"), limited("1"), limited("1"), limited("1"), limited(), limited("2"), ok];
    const result = await sendWithRetries(context(clock, 60_000), async () => answers.shift()!);
    expect(result).toMatchObject({ attempts: 7, response: { status: 200 } });
    // Retry-After 1 s rules until the doubling back-off (250, 500, 1000, 2000, 4000 cap) passes it.
    expect(sleeps).toEqual([1000, 1000, 1000, 2000, 4000, 4000]);
  });

  it("gives the 429 back once waiting longer would pass the deadline", async () => {
    const clock = fakeClock();
    const { sleeps } = clock;
    const result = await sendWithRetries(context(clock, 2_500), async () => limited("1"));
    expect(result.response.status).toBe(429);
    // Two waits out (1 s each), then the ordinary budget: 3 attempts, of which one is left.
    expect(sleeps.slice(0, 2)).toEqual([1000, 1000]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000 + retry.maxElapsedMs);
  });

  it("keeps the attempt budget for other failures, not counting the refusals waited out", async () => {
    const clock = fakeClock();
    const answers = [limited("1"), limited("1"), limited("1"), unavailable, unavailable, unavailable, ok];
    const result = await sendWithRetries(context(clock, 60_000), async () => answers.shift()!);
    // 3 refusals waited out, then 3 x 503 spend the 3 attempts of the budget.
    expect(result).toMatchObject({ attempts: 6, response: { status: 503 } });
  });

  it("without a deadline counts a 429 like any other retryable answer", async () => {
    const clock = fakeClock();
    const result = await sendWithRetries(context(clock), async () => limited("1"));
    expect(result).toMatchObject({ attempts: 3, response: { status: 429 } });
  });
});
