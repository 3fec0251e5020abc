import { ATLAS_ACCEPT, AtlasTestClient, fetchToken } from "./helpers/atlas-client";
import { azureId, vpceId } from "./helpers/ids";
import { FAST, useSimulator, waitFor } from "./helpers/simulator-harness";

const h = useSimulator();

afterEach(async () => {
  await h.control("DELETE", "faults");
  await h.control("POST", "config", { rateLimit: null, jitter: 0, timeScale: 0.01 });
});

describe("faults", () => {
  it("answers the next count matching requests with the injected status, then recovers", async () => {
    const added = await h.control("POST", "faults", { method: "POST", pathPattern: "/endpoint$", status: 503, count: 2 });
    expect(added.id).toEqual(expect.any(Number));
    const first = await h.atlas.post(h.endpointPath("AWS"), { id: vpceId() });
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ error: 503, errorCode: "SERVICE_UNAVAILABLE" });
    // A GET does not match the method, so it does not consume the fault.
    expect((await h.atlas.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
    expect((await h.atlas.post(h.endpointPath("AWS"), { id: vpceId() })).status).toBe(503);
    expect((await h.atlas.post(h.endpointPath("AWS"), { id: vpceId() })).status).toBe(200);
  });

  it("injects a fault only after authentication, so a digest handshake does not use it up", async () => {
    await h.control("POST", "faults", { status: 500, count: 1 });
    await h.control("DELETE", "requests");
    const fresh = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", ...h.sim.seed.apiKey });
    const response = await fresh.get(`${h.groupPath}/AWS/endpointService`);
    expect(response.status).toBe(500);
    expect(response.body.errorCode).toBe("UNEXPECTED_ERROR");
    const { requests } = await h.control("GET", "requests");
    expect(requests.map((r: any) => [r.status, r.auth])).toEqual([
      [401, "challenge"],
      [500, "digest"],
    ]);
  });

  it("can drop the connection without an answer", async () => {
    await h.control("POST", "faults", { dropConnection: true, count: 1 });
    await expect(h.atlas.get(`${h.groupPath}/AWS/endpointService`)).rejects.toThrow();
    expect((await h.atlas.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
  });

  it("can delay a request and then answer it normally", async () => {
    await h.control("POST", "faults", { delayMs: 150, count: 1 });
    const started = Date.now();
    const response = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("holds a delayed request on its own clock and carries it out after the client gave up, counting it in flight until then", async () => {
    // An hour of simulated time: only the advance below lets go of it, however slow the machine.
    await h.control("POST", "faults", { method: "POST", pathPattern: "/endpoint$", delayMs: 3_600_000, count: 1 });
    await h.control("DELETE", "requests");
    const id = vpceId();
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const token = await fetchToken(h.sim.baseUrl, clientId, clientSecret);
    const sent = fetch(`${h.sim.baseUrl}${h.endpointPath("AWS")}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: ATLAS_ACCEPT },
      body: JSON.stringify({ id }),
      signal: AbortSignal.timeout(50),
    });
    await expect(sent).rejects.toThrow();
    await waitFor(
      () => h.control("GET", "requests"),
      (log) => log.requests.some((r: any) => r.method === "POST" && r.path.endsWith("/endpoint")),
    );
    expect(await h.control("GET", "in-flight")).toEqual({ inFlight: 1 });
    const held = await h.control("GET", "endpoints");
    expect(held.endpoints.filter((e: any) => e.endpointId === id)).toEqual([]);

    await h.advance(3_600_000);
    await waitFor(
      () => h.control("GET", "in-flight"),
      (answer) => answer.inFlight === 0,
    );
    const { requests } = await h.control("GET", "requests");
    expect(requests.filter((r: any) => r.method === "POST" && r.path.endsWith("/endpoint")).map((r: any) => r.status)).toEqual([200]);
    const after = await h.control("GET", "endpoints");
    expect(after.endpoints.filter((e: any) => e.endpointId === id)).toHaveLength(1);
    await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`);
  });

  it("sends Retry-After with an injected 429", async () => {
    await h.control("POST", "faults", { status: 429, retryAfterSeconds: 2, count: 1 });
    const response = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
  });

  it("refuses a fault without a count, naming the field", async () => {
    const response = await fetch(`${h.sim.baseUrl}/__simulator/faults`, { method: "POST", body: JSON.stringify({ status: 500 }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).detail).toContain("count");
  });
});

describe("rate limiting", () => {
  it("answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After and RateLimit headers once the bucket is empty", async () => {
    // A token back per hour: no refill lands between the three requests however slow the machine;
    // the clock jump at the end brings one back.
    await h.control("POST", "config", { rateLimit: { capacity: 2, refillRate: 2, refillIntervalSeconds: 7200 } });
    const first = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    const limited = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(limited.status).toBe(429);
    expect(limited.body.errorCode).toBe("RATE_LIMITED_TOKEN_BUCKET");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3500); // about an hour less what the test took
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.body.detail).toBe(`Please retry after ${retryAfter} seconds. Request capacity: 2. Refill rate: 2 per 7200 seconds.`);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    await h.advance(3_600_000);
    expect((await h.atlas.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
    expect((await h.atlas.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(429);
  });

  it("takes the bucket's shape per run and rejects a rate limit without a positive refill rate, naming the fields", async () => {
    const config = await h.control("POST", "config", { rateLimit: { capacity: 5, refillRate: 1, refillIntervalSeconds: 10 } });
    expect(config.rateLimit).toEqual({ capacity: 5, refillRate: 1, refillIntervalSeconds: 10 });
    const bad = await fetch(`${h.sim.baseUrl}/__simulator/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rateLimit: { capacity: 5, refillRate: 0 } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(
      /capacity: integer >= 1, refillRate: number > 0, refillIntervalSeconds/,
    );
    expect((await h.control("GET", "config")).rateLimit).toEqual({ capacity: 5, refillRate: 1, refillIntervalSeconds: 10 });
  });
});

describe("request log", () => {
  it("records method, raw percent-encoded path, query, status and how the caller authenticated", async () => {
    await h.control("DELETE", "requests");
    const id = azureId();
    const encoded = encodeURIComponent(id);
    // A fresh client has no nonce yet, so its first request meets a challenge.
    const atlas = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", ...h.sim.seed.apiKey });
    await atlas.post(h.endpointPath("AZURE"), { id, privateEndpointIPAddress: "10.0.0.4" });
    await atlas.get(`${h.endpointPath("AZURE")}/${encoded}?pretty=true`);
    const { requests } = await h.control("GET", "requests");
    expect(requests.map((r: any) => [r.method, r.status, r.auth])).toEqual([
      ["POST", 401, "challenge"],
      ["POST", 200, "digest"],
      ["GET", 200, "digest"],
    ]);
    expect(requests[2].path).toBe(`${h.endpointPath("AZURE")}/${encoded}`);
    expect(requests[2].path).toContain("%2F");
    expect(requests[2].query).toBe("pretty=true");
    expect(requests[2].at).toEqual(expect.any(Number));
  });

  it("records an unauthenticated request without a challenge as none, and clears on DELETE", async () => {
    await h.control("DELETE", "requests");
    await fetch(`${h.sim.baseUrl}/api/oauth/token`, { method: "POST", body: "grant_type=client_credentials" });
    const { requests } = await h.control("GET", "requests");
    expect(requests).toEqual([expect.objectContaining({ path: "/api/oauth/token", status: 401, auth: "none" })]);
    await h.control("DELETE", "requests");
    expect((await h.control("GET", "requests")).requests).toEqual([]);
  });
});

describe("config", () => {
  it("changes transition delays for endpoints created afterwards", async () => {
    await h.control("POST", "config", { delays: { awsPendingAcceptanceMs: 1000, awsPendingMs: 500 } });
    try {
      const id = vpceId();
      await h.atlas.post(h.endpointPath("AWS"), { id });
      const { endpoints } = await waitFor(
        () => h.control("GET", "endpoints"),
        (body: any) => body.endpoints.some((e: any) => e.endpointId === id && e.availableAt !== null),
      );
      const endpoint = endpoints.find((e: any) => e.endpointId === id);
      expect(endpoint.availableAt - endpoint.createdAt).toBe(15);
    } finally {
      await h.control("POST", "config", { delays: FAST.delays });
    }
  });

  it("randomizes each delay within ±jitter", async () => {
    await h.control("POST", "config", { jitter: 0.5, timeScale: 0.01 });
    const ids = Array.from({ length: 12 }, () => vpceId());
    for (const id of ids) await h.atlas.post(h.endpointPath("AWS"), { id });
    const { endpoints } = await waitFor(
      () => h.control("GET", "endpoints"),
      (body: any) => ids.every((id) => body.endpoints.find((e: any) => e.endpointId === id)?.availableAt !== null),
    );
    const lags = ids.map((id) => {
      const e = endpoints.find((candidate: any) => candidate.endpointId === id);
      return e.availableAt - e.createdAt;
    });
    // Nominal 30 + 100 ms; each part within ±50%.
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(64);
    for (const lag of lags) expect(lag).toBeLessThanOrEqual(196);
    expect(new Set(lags).size).toBeGreaterThan(1);
  });

  it("replays the phase lengths fixed for an endpoint id, unjittered, so two endpoints can meet the same transition", async () => {
    await h.control("POST", "config", { jitter: 0.5, timeScale: 0.01 });
    const ids = [vpceId(), vpceId()];
    const fixed = { awsPendingAcceptanceMs: 2000, awsPendingMs: 1000 };
    await h.control("POST", "config", { endpointDelays: Object.fromEntries(ids.map((id) => [id, fixed])) });
    try {
      for (const id of ids) await h.atlas.post(h.endpointPath("AWS"), { id });
      const { endpoints } = await waitFor(
        () => h.control("GET", "endpoints"),
        (body: any) => ids.every((id) => body.endpoints.find((e: any) => e.endpointId === id)?.availableAt !== null),
      );
      for (const id of ids) {
        const e = endpoints.find((candidate: any) => candidate.endpointId === id);
        expect(e.availableAt - e.createdAt).toBe(30);
      }
    } finally {
      await h.control("POST", "config", { endpointDelays: null });
    }
    expect((await h.control("GET", "config")).endpointDelays).toEqual({});
  });

  it("refuses an unknown delay name in endpointDelays", async () => {
    const response = await fetch(`${h.sim.baseUrl}/__simulator/config`, {
      method: "POST",
      body: JSON.stringify({ endpointDelays: { "vpce-0123456789abcdef0": { warpMs: 3 } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).detail).toContain("warpMs");
    expect((await h.control("GET", "config")).endpointDelays).toEqual({});
  });

  it("refuses an unknown delay name and changes nothing", async () => {
    const response = await fetch(`${h.sim.baseUrl}/__simulator/config`, {
      method: "POST",
      body: JSON.stringify({ timeScale: 5, delays: { awsPendingMs: 1, warpMs: 3 } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).detail).toContain("warpMs");
    const config = await h.control("GET", "config");
    expect(config.timeScale).toBe(0.01);
    expect(config.delays.awsPendingMs).toBe(FAST.delays.awsPendingMs);
  });

  it("moves simulated time forward on POST clock, ending a phase without a wait, and refuses a step back", async () => {
    const id = vpceId();
    await h.control("POST", "config", { endpointDelays: { [id]: { awsPendingAcceptanceMs: 360_000_000 } } }); // an hour at x0.01
    try {
      await h.atlas.post(h.endpointPath("AWS"), { id });
      const before = await h.control("GET", "clock");
      const moved = await h.control("POST", "clock", { advanceMs: 3_600_000 });
      expect(moved.offsetMs - before.offsetMs).toBe(3_600_000);
      expect(moved.now - before.now).toBeGreaterThanOrEqual(3_600_000);
      expect((await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).body.connectionStatus).not.toBe("PENDING_ACCEPTANCE");
      for (const body of [{ advanceMs: -1 }, { advanceMs: "1" }, { advanceMs: 1, warp: true }]) {
        const refused = await fetch(`${h.sim.baseUrl}/__simulator/clock`, { method: "POST", body: JSON.stringify(body) });
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as any).detail).toContain("advanceMs");
      }
      expect((await h.control("GET", "clock")).offsetMs).toBe(moved.offsetMs);
    } finally {
      await h.control("POST", "config", { endpointDelays: null });
    }
  });

  it("keeps control routes apart from Atlas routes: no auth, never logged", async () => {
    await h.control("DELETE", "requests");
    await h.control("GET", "endpoints");
    expect((await h.control("GET", "requests")).requests).toEqual([]);
    const atlasShaped = await fetch(`${h.sim.baseUrl}/api/atlas/v2/groups/${h.sim.seed.groupId}/privateEndpoint/AWS/endpointService`, {
      headers: { Accept: ATLAS_ACCEPT },
    });
    expect(atlasShaped.status).toBe(401);
  });
});
