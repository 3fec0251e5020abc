import { AZURE_SUBSCRIPTION, GCP_PROJECT, MISSING_VPCE, azureId, gcpName, vpceId } from "./helpers/ids";
import { HELD, stepUntil, useSimulator } from "./helpers/simulator-harness";

// Phases of 3-15 s wall time; every wait steps the simulator's clock 1 s per look, so each phase is
// seen on at least two looks however slow the machine.
const h = useSimulator(HELD);
const STEP_MS = 1000;
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, STEP_MS);

const statusOf = (body: any) => body.connectionStatus ?? body.status;

describe("AWS interface endpoints", () => {
  it("answers PENDING_ACCEPTANCE at once, then moves through PENDING to AVAILABLE", async () => {
    const id = vpceId();
    const created = await h.atlas.post(h.endpointPath("AWS"), { id });
    expect(created.status).toBe(200);
    expect(created.headers.get("content-type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    expect(created.body).toEqual({
      cloudProvider: "AWS",
      connectionStatus: "PENDING_ACCEPTANCE",
      deleteRequested: false,
      errorMessage: null,
      interfaceEndpointId: id,
    });

    const seen = new Set<string>();
    await until(
      async () => (await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).body,
      (body) => {
        seen.add(statusOf(body));
        return statusOf(body) === "AVAILABLE";
      },
    );
    expect([...seen]).toEqual(expect.arrayContaining(["PENDING", "AVAILABLE"]));
  });

  it("reports the exact moment an endpoint became AVAILABLE in the control listing", async () => {
    const id = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id });
    const { endpoints } = await until(
      () => h.control("GET", "endpoints"),
      (body: any) => body.endpoints.some((e: any) => e.endpointId === id && e.availableAt !== null),
    );
    const endpoint = endpoints.find((e: any) => e.endpointId === id);
    // HELD: 3000 + 10000 ms at time scale 1, no jitter.
    expect(endpoint.availableAt - endpoint.createdAt).toBe(13_000);
    expect(endpoint).toMatchObject({ cloudProvider: "AWS", status: "AVAILABLE", deleteRequested: false, groupId: h.sim.seed.groupId });
  });

  it("accepts a vpce id that does not exist on AWS, then REJECTS it with an errorMessage", async () => {
    const created = await h.atlas.post(h.endpointPath("AWS"), { id: MISSING_VPCE });
    expect(created.status).toBe(200);
    expect(created.body.connectionStatus).toBe("PENDING_ACCEPTANCE");
    const final = await until(
      async () => (await h.atlas.get(`${h.endpointPath("AWS")}/${MISSING_VPCE}`)).body,
      (body) => body.connectionStatus === "REJECTED",
    );
    expect(final.errorMessage).toBe(`Interface endpoint ${MISSING_VPCE} was not found.`);
  });

  it("answers 409 PRIVATE_ENDPOINT_ALREADY_EXISTS for a duplicate create and keeps a single endpoint", async () => {
    const id = vpceId();
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(200);
    const again = await h.atlas.post(h.endpointPath("AWS"), { id });
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe("PRIVATE_ENDPOINT_ALREADY_EXISTS");
    const { endpoints } = await h.control("GET", "endpoints");
    expect(endpoints.filter((e: any) => e.endpointId === id)).toHaveLength(1);
  });

  it("deletes with 204, shows deleteRequested and DELETING, then answers 404", async () => {
    const id = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id });
    const deleted = await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const during = await h.atlas.get(`${h.endpointPath("AWS")}/${id}`);
    expect(during.body).toMatchObject({ connectionStatus: "DELETING", deleteRequested: true });
    const gone = await until(
      () => h.atlas.get(`${h.endpointPath("AWS")}/${id}`),
      (r) => r.status === 404,
    );
    expect(gone.body.errorCode).toBe("PRIVATE_ENDPOINT_NOT_FOUND");
    const { endpoints } = await h.control("GET", "endpoints");
    expect(endpoints.some((e: any) => e.endpointId === id)).toBe(false);
  });

  it("lists the endpoint's vpce id on its endpoint service", async () => {
    const id = vpceId();
    await h.atlas.post(h.endpointPath("AWS"), { id });
    const service = await h.atlas.get(`${h.groupPath}/AWS/endpointService/${h.sim.seed.endpointServices.AWS}`);
    expect(service.body.interfaceEndpoints).toContain(id);
  });
});

describe("Azure private endpoints", () => {
  it("answers INITIATING, then AVAILABLE, with the connection name and IP address", async () => {
    const id = azureId();
    const created = await h.atlas.post(h.endpointPath("AZURE"), { id, privateEndpointIPAddress: "10.0.0.4" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      cloudProvider: "AZURE",
      status: "INITIATING",
      privateEndpointResourceId: id,
      privateEndpointIPAddress: "10.0.0.4",
    });
    expect(created.body.privateEndpointConnectionName).toMatch(new RegExp(`^${AZURE_SUBSCRIPTION}%2F`));
    const final = await until(
      async () => (await h.atlas.get(`${h.endpointPath("AZURE")}/${encodeURIComponent(id)}`)).body,
      (body) => body.status === "AVAILABLE",
    );
    expect(final.errorMessage).toBeNull();
  });

  it("treats resourceGroups and resourcegroups as the same endpoint", async () => {
    const name = `pe-case-${Date.now()}`;
    await h.atlas.post(h.endpointPath("AZURE"), { id: azureId(name, "resourceGroups"), privateEndpointIPAddress: "10.0.0.5" });
    const lower = await h.atlas.get(`${h.endpointPath("AZURE")}/${encodeURIComponent(azureId(name, "resourcegroups"))}`);
    expect(lower.status).toBe(200);
    const duplicate = await h.atlas.post(h.endpointPath("AZURE"), {
      id: azureId(name, "resourcegroups"),
      privateEndpointIPAddress: "10.0.0.5",
    });
    expect(duplicate.status).toBe(409);
  });

  it("answers 404 for an unencoded id and 400 VALIDATION_ERROR for a double-encoded one", async () => {
    const id = azureId();
    await h.atlas.post(h.endpointPath("AZURE"), { id, privateEndpointIPAddress: "10.0.0.6" });
    const unencoded = await h.atlas.get(`${h.endpointPath("AZURE")}${id}`);
    expect(unencoded.status).toBe(404);
    expect(unencoded.body.errorCode).toBe("RESOURCE_NOT_FOUND");
    const twice = await h.atlas.get(`${h.endpointPath("AZURE")}/${encodeURIComponent(encodeURIComponent(id))}`);
    expect(twice.status).toBe(400);
    expect(twice.body.errorCode).toBe("VALIDATION_ERROR");
    expect(twice.body.detail).toContain("endpointId");
    const once = await h.atlas.delete(`${h.endpointPath("AZURE")}/${encodeURIComponent(id)}`);
    expect(once.status).toBe(204);
  });

  it("accepts a private endpoint missing on Azure, then FAILS it with an errorMessage", async () => {
    const id = azureId("pe-missing-one");
    await h.atlas.post(h.endpointPath("AZURE"), { id, privateEndpointIPAddress: "10.0.0.7" });
    const final = await until(
      async () => (await h.atlas.get(`${h.endpointPath("AZURE")}/${encodeURIComponent(id)}`)).body,
      (body) => body.status === "FAILED",
    );
    expect(final.errorMessage).toBe(`Private endpoint ${id} was not found.`);
  });
});

describe("GCP endpoint groups", () => {
  it("moves INITIATING -> VERIFIED -> AVAILABLE, each forwarding rule with its own status", async () => {
    const name = gcpName();
    const endpoints = [0, 1, 2].map((index) => ({ endpointName: `${name}-rule-${index}`, ipAddress: `10.1.0.${index + 2}` }));
    const created = await h.atlas.post(h.endpointPath("GCP"), { endpointGroupName: name, gcpProjectId: GCP_PROJECT, endpoints });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      cloudProvider: "GCP",
      status: "INITIATING",
      endpointGroupName: name,
      gcpProjectId: GCP_PROJECT,
      portMappingEnabled: false,
    });
    expect(created.body.endpoints.map((rule: any) => rule.status)).toEqual(["INITIATING", "INITIATING", "INITIATING"]);

    const groupStatuses = new Set<string>();
    let mixed = false;
    await until(
      async () => (await h.atlas.get(`${h.endpointPath("GCP")}/${name}`)).body,
      (body) => {
        groupStatuses.add(body.status);
        const ruleStatuses = new Set(body.endpoints.map((rule: any) => rule.status));
        if (ruleStatuses.has("AVAILABLE") && ruleStatuses.has("INITIATING")) mixed = true;
        return body.status === "AVAILABLE";
      },
    );
    expect(groupStatuses).toContain("VERIFIED");
    expect(mixed).toBe(true);
    const final = await h.atlas.get(`${h.endpointPath("GCP")}/${name}`);
    expect(final.body.endpoints.every((rule: any) => rule.status === "AVAILABLE")).toBe(true);
  });

  it("fails the group and the missing forwarding rule when a rule does not exist on GCP", async () => {
    const name = gcpName();
    const endpoints = [
      { endpointName: `${name}-ok`, ipAddress: "10.2.0.2" },
      { endpointName: `${name}-missing`, ipAddress: "10.2.0.3" },
    ];
    await h.atlas.post(h.endpointPath("GCP"), { endpointGroupName: name, gcpProjectId: GCP_PROJECT, endpoints });
    const final = await until(
      async () => (await h.atlas.get(`${h.endpointPath("GCP")}/${name}`)).body,
      (body) => body.status === "FAILED",
    );
    expect(final.endpoints.map((rule: any) => rule.status)).toEqual(["AVAILABLE", "FAILED"]);
    expect(final.errorMessage).toContain(`${name}-missing`);
  });

  it("lets a port-mapped service take exactly one forwarding rule per endpoint", async () => {
    const service = h.sim.seed.endpointServices.GCP_PORT_MAPPED;
    const two = await h.atlas.post(h.endpointPath("GCP", service), {
      endpointGroupName: gcpName(),
      gcpProjectId: GCP_PROJECT,
      endpoints: [
        { endpointName: gcpName("a"), ipAddress: "10.3.0.2" },
        { endpointName: gcpName("b"), ipAddress: "10.3.0.3" },
      ],
    });
    expect(two.status).toBe(400);
    expect(two.body.errorCode).toBe("INVALID_ATTRIBUTE");
    expect(two.body.detail).toContain("exactly one");
    const one = await h.atlas.post(h.endpointPath("GCP", service), {
      endpointGroupName: gcpName(),
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: gcpName("c"), ipAddress: "10.3.0.4" }],
    });
    expect(one.status).toBe(200);
    expect(one.body.portMappingEnabled).toBe(true);
  });
});

describe("eventual consistency", () => {
  afterEach(() => h.control("POST", "config", { eventualConsistencyMs: 0 }));

  it("answers 404 to a GET right after a create while the window is open, then the endpoint", async () => {
    // An hour at time scale 1, far longer than the test takes however slow; the clock jump ends it.
    await h.control("POST", "config", { eventualConsistencyMs: 3_600_000 });
    const id = vpceId();
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(200);
    const early = await h.atlas.get(`${h.endpointPath("AWS")}/${id}`);
    expect(early.status).toBe(404);
    expect((await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).status).toBe(404);
    await h.advance(3_600_000);
    expect((await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).status).toBe(200);
  });
});
