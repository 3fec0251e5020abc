/**
 * The recorded dialect's headers and limits, and each variation Atlas may produce, switched per
 * test through POST /__simulator/dialect and seen in the request log or the simulator's state.
 */
import { ATLAS_ACCEPT, AtlasTestClient, sendRaw } from "./helpers/atlas-client";
import { GCP_PROJECT, gcpName, vpceId } from "./helpers/ids";
import { FAST, stepUntil, useSimulator } from "./helpers/simulator-harness";
import { startSimulator } from "../../simulator";

const h = useSimulator(FAST);

const statusOf = (body: any) => body?.connectionStatus ?? body?.status;

/** The log entries for requests whose raw path ends with `suffix`. */
async function logFor(suffix: string): Promise<any[]> {
  const { requests } = await h.control("GET", "requests");
  return requests.filter((entry: any) => entry.path.endsWith(suffix));
}

/**
 * Every distinct status a GET saw, in order, until `last` (or a 404 when last is 404), the simulator's
 * clock stepped STEP_MS between looks: a held phase (LONG_PHASE_MS) is seen on about ten looks.
 */
async function statusesUntil(path: string, last: string | 404): Promise<(string | number)[]> {
  const seen: (string | number)[] = [];
  await stepUntil(
    h,
    async () => {
      const response = await h.atlas.get(path);
      const status = response.status === 404 ? 404 : statusOf(response.body);
      if (seen[seen.length - 1] !== status) seen.push(status);
      return status;
    },
    (status) => status === last,
    STEP_MS,
  );
  return seen;
}

afterEach(async () => {
  await h.control("DELETE", "dialect");
  await h.control("POST", "config", { eventualConsistencyMs: 0, oauthTokensPerMinute: 50, endpointDelays: null, delays: FAST.delays });
});

/**
 * Phases of 30 s wall time for one endpoint (simulator-fixed, never jittered; 3,000,000 ms x 0.01),
 * far longer than a look takes on a loaded core: simulated time moves by the 3 s steps statusesUntil
 * makes, so no status can slip between two looks however busy the machine.
 */
const LONG_PHASE_MS = 3_000_000;
const STEP_MS = 3_000;
const LONG_PHASES = {
  awsPendingAcceptanceMs: LONG_PHASE_MS,
  awsPendingMs: LONG_PHASE_MS,
  gcpInitiatingMs: LONG_PHASE_MS,
  gcpVerifiedMs: LONG_PHASE_MS,
  deletingMs: LONG_PHASE_MS,
};
const holdPhases = (id: string) => h.control("POST", "config", { endpointDelays: { [id]: LONG_PHASES } });

describe("recorded dialect", () => {
  it("sends Ratelimit-Limit and Ratelimit-Remaining on authenticated answers, successes and errors, but not on a 401 or GROUP_NOT_FOUND", async () => {
    const ok = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    const missing = await h.atlas.get(`${h.endpointPath("AWS")}/${vpceId()}`);
    const noGroup = await h.atlas.get(`/api/atlas/v2/groups/111111111111111111111111/privateEndpoint/AWS/endpointService`);
    const anonymous = await sendRaw(h.sim.baseUrl, "GET", `${h.groupPath}/AWS/endpointService`, { Accept: ATLAS_ACCEPT });
    expect([ok.status, missing.status, noGroup.status, anonymous.status]).toEqual([200, 404, 404, 401]);
    for (const response of [ok, missing]) {
      expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
      expect(response.headers.get("ratelimit-remaining")).not.toBeNull();
    }
    for (const response of [noGroup, anonymous]) expect(response.headers.get("ratelimit-limit")).toBeNull();
    expect(missing.headers.get("content-type")).toBe("application/json");
    expect(missing.headers.get("x-error-code")).toBe(missing.body.errorCode);
  });

  it("answers the OAuth token endpoint 429 RATE_LIMITED with Retry-After past the per-client limit, leaving other clients alone", async () => {
    await h.control("POST", "config", { oauthTokensPerMinute: 3 });
    const { serviceAccount, readOnlyServiceAccount } = h.sim.seed;
    const ask = (account: { clientId: string; clientSecret: string }) =>
      fetch(`${h.sim.baseUrl}/api/oauth/token`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString("base64")}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
    for (let index = 0; index < 3; index++) expect((await ask(serviceAccount)).status).toBe(200);
    const limited = await ask(serviceAccount);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("x-error-code")).toBe("RATE_LIMITED");
    expect(await limited.json()).toMatchObject({ error: 429, errorCode: "RATE_LIMITED", parameters: [] });
    expect((await ask(readOnlyServiceAccount)).status).toBe(200);
    expect((await logFor("/api/oauth/token")).map((entry) => entry.status)).toEqual([200, 200, 200, 429, 200]);
  });

  it("defaults to 50 token requests per client per minute", async () => {
    // A simulator of its own: this file's afterEach sets 50 on the shared one, so reading it back there
    // could not fail. Here nothing set it: the 51st request within the minute is the first refused.
    const fresh = await startSimulator({ port: 0 });
    try {
      const { clientId, clientSecret } = fresh.seed.serviceAccount;
      const ask = () =>
        fetch(`${fresh.baseUrl}/api/oauth/token`, {
          method: "POST",
          headers: {
            Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: "grant_type=client_credentials",
        });
      const statuses: number[] = [];
      for (let index = 0; index < 51; index++) statuses.push((await ask()).status);
      expect(statuses.slice(0, 50).every((status) => status === 200)).toBe(true);
      expect(statuses[50]).toBe(429);
    } finally {
      await fresh.close();
    }
  });
});

describe("dialect variations", () => {
  it("answers endpoint create 201 and delete 202 with {} when switched, and 200/204 by default", async () => {
    const first = vpceId();
    const second = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id: first });
    await h.atlas.delete(`${h.endpointPath("AWS")}/${first}`);
    await h.control("POST", "dialect", { endpointCreateStatus: 201, endpointDeleteStatus: 202 });
    await h.atlas.post(h.endpointPath("AWS"), { id: second });
    const deleted = await h.atlas.delete(`${h.endpointPath("AWS")}/${second}`);
    expect(deleted.body).toEqual({});
    const writes = [...(await logFor("/endpoint")), ...(await logFor(first)), ...(await logFor(second))].filter(
      (entry) => entry.method !== "GET" && entry.auth !== "challenge",
    );
    expect(writes.map((entry) => [entry.method, entry.status]).sort()).toEqual([
      ["DELETE", 202],
      ["DELETE", 204],
      ["POST", 200],
      ["POST", 201],
    ]);
  });

  it("inserts a status unknown to clients into one cloud's sequence, and only that cloud's", async () => {
    await h.control("POST", "dialect", { extraStatus: { cloud: "AWS", status: "PENDING_SECURITY_REVIEW", lastsMs: LONG_PHASE_MS } });
    const id = vpceId();
    await holdPhases(id);
    await h.atlas.post(h.endpointPath("AWS"), { id });
    expect(await statusesUntil(`${h.endpointPath("AWS")}/${id}`, "AVAILABLE")).toEqual([
      "PENDING_ACCEPTANCE",
      "PENDING_SECURITY_REVIEW",
      "PENDING",
      "AVAILABLE",
    ]);
    const group = gcpName();
    await h.atlas.post(h.endpointPath("GCP"), {
      endpointGroupName: group,
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: `${group}-0`, ipAddress: "10.1.0.2" }],
    });
    expect(await statusesUntil(`${h.endpointPath("GCP")}/${group}`, "AVAILABLE")).not.toContain("PENDING_SECURITY_REVIEW");
  });

  it("leaves the status field out of the create answer only", async () => {
    await h.control("POST", "dialect", { omitCreateStatus: true });
    const id = vpceId();
    const created = await h.atlas.post(h.endpointPath("AWS"), { id });
    expect(created.body).not.toHaveProperty("connectionStatus");
    expect(created.body.interfaceEndpointId).toBe(id);
    expect(statusOf((await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).body)).toEqual(expect.any(String));
  });

  it("adds unknown fields to every object of every body, successes and errors", async () => {
    await h.control("POST", "dialect", { extraFields: true });
    const group = gcpName();
    const created = await h.atlas.post(h.endpointPath("GCP"), {
      endpointGroupName: group,
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: `${group}-0`, ipAddress: "10.1.0.2" }],
    });
    const list = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    const missing = await h.atlas.get(`${h.endpointPath("AWS")}/${vpceId()}`);
    for (const object of [created.body, created.body.endpoints[0], list.body[0], missing.body]) {
      expect(object).toMatchObject({
        simulatorFutureField: "added-later",
        simulatorFutureNull: null,
        simulatorFutureObject: { nested: true },
      });
    }
  });

  it("answers 404 to GETs of a just-created endpoint during the eventual-consistency window", async () => {
    // A window of 30 s wall time that the clock steps end, not the wall clock: the first GET is
    // inside it however slow the machine.
    await h.control("POST", "config", { eventualConsistencyMs: LONG_PHASE_MS });
    const id = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id });
    await stepUntil(
      h,
      () => h.atlas.get(`${h.endpointPath("AWS")}/${id}`),
      (response) => response.status === 200,
      STEP_MS,
    );
    const gets = (await logFor(id)).filter((entry) => entry.auth === "digest");
    expect(gets[0].status).toBe(404);
    expect(gets[gets.length - 1].status).toBe(200);
  });

  it("creates the endpoint, then drops the connection (answer lost); the retried create meets 409", async () => {
    await h.control("POST", "dialect", { answerLost: "drop" });
    const id = vpceId();
    await expect(h.atlas.post(h.endpointPath("AWS"), { id })).rejects.toThrow();
    const { endpoints } = await h.control("GET", "endpoints");
    expect(endpoints.filter((endpoint: any) => endpoint.endpointId === id)).toHaveLength(1);
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(409);
    const posts = (await logFor("/endpoint")).filter((entry) => entry.method === "POST" && entry.auth === "digest");
    expect(posts.slice(-2).map((entry) => [entry.status, entry.answerLost ?? false])).toEqual([
      [0, true],
      [409, false],
    ]);
  });

  it("deletes the endpoint, then answers 502 as a load balancer would (answer lost); the repeated delete is answered", async () => {
    const id = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id });
    await h.control("POST", "dialect", { answerLost: "502" });
    const lost = await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`);
    expect(lost.status).toBe(502);
    const { endpoints } = await h.control("GET", "endpoints");
    expect(endpoints.find((endpoint: any) => endpoint.endpointId === id)).toMatchObject({ deleteRequested: true });
    expect((await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`)).status).toBe(204);
    expect(
      (await logFor(id))
        .filter((entry) => entry.method === "DELETE" && entry.auth === "digest")
        .map((entry) => [entry.status, entry.answerLost ?? false]),
    ).toEqual([
      [502, true],
      [204, false],
    ]);
  });

  it("answers a deleted GCP group DELETED for a while before the 404", async () => {
    await h.control("POST", "dialect", { gcpDeletedBeforeGone: true });
    const group = gcpName();
    await holdPhases(group);
    // Per-endpoint delays cover the create only; a deletion takes the simulator-wide deletingMs.
    await h.control("POST", "config", { delays: { deletingMs: LONG_PHASE_MS } });
    await h.atlas.post(h.endpointPath("GCP"), {
      endpointGroupName: group,
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: `${group}-0`, ipAddress: "10.1.0.2" }],
    });
    await h.atlas.delete(`${h.endpointPath("GCP")}/${group}`);
    expect(await statusesUntil(`${h.endpointPath("GCP")}/${group}`, 404)).toEqual(["DELETING", "DELETED", 404]);
  });

  it("answers a port-mapped GCP group with the group's own name as its forwarding rule's name", async () => {
    await h.control("POST", "dialect", { portMappedEndpointName: true });
    const group = gcpName();
    const created = await h.atlas.post(h.endpointPath("GCP", h.sim.seed.endpointServices.GCP_PORT_MAPPED), {
      endpointGroupName: group,
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: `${group}-rule`, ipAddress: "10.1.0.2" }],
    });
    expect(created.body.endpoints).toEqual([{ endpointName: group, ipAddress: "10.1.0.2", status: "INITIATING" }]);
  });

  it("wraps errors in {status, content} with envelope=true when switched, and not by default", async () => {
    const target = `${h.endpointPath("AWS")}/${vpceId()}?envelope=true`;
    expect((await h.atlas.get(target)).status).toBe(404);
    await h.control("POST", "dialect", { envelopeErrors: true });
    const wrapped = await h.atlas.get(target);
    expect(wrapped.status).toBe(200);
    expect(wrapped.body).toMatchObject({ status: 404, content: { error: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND" } });
  });

  it("refuses a bad dialect field, naming it, and changes nothing", async () => {
    const before = await h.control("GET", "dialect");
    const refused = await h.control("POST", "dialect", { endpointCreateStatus: 201, endpointDeleteStatus: 200 });
    expect(refused).toMatchObject({ error: 400, errorCode: "INVALID_SIMULATOR_CONTROL" });
    expect(refused.detail).toContain("endpointDeleteStatus must be 204 or 202");
    expect(await h.control("GET", "dialect")).toEqual(before);
    expect((await h.control("POST", "dialect", { unknownThing: true })).detail).toContain("unknown dialect field unknownThing");
  });
});

describe("fresh digest clients", () => {
  it("see the recorded challenge on their first request", async () => {
    const client = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", ...h.sim.seed.apiKey });
    expect((await client.get(`${h.groupPath}/AWS/endpointService`)).status).toBe(200);
  });
});
