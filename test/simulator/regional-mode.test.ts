import { vpceId } from "./helpers/ids";
import { HELD, stepUntil, useSimulator } from "./helpers/simulator-harness";

const CLUSTERS_ACCEPT = "application/vnd.atlas.2024-08-05+json";
// Held phases (time scale 1: an endpoint's 3-15 s, UPDATING 30 s): every wait steps the simulator's clock 1 s per
// look, so UPDATING is seen on many looks however slow the machine.
const h = useSimulator({ ...HELD, delays: { ...HELD.delays, clusterUpdateMs: 30_000 } });
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, 1000);

type Region = "US_EAST_1" | "US_WEST_2";
const sharded = () => h.sim.seed.shardedProject;
const modePath = (groupId = sharded().groupId) => `/api/atlas/v2/groups/${groupId}/privateEndpoint/regionalMode`;
const endpointPath = (region: Region) =>
  `/api/atlas/v2/groups/${sharded().groupId}/privateEndpoint/AWS/endpointService/${sharded().endpointServices[region]}/endpoint`;
const cluster = async (name: string) =>
  (await h.atlas.get(`/api/atlas/v2/groups/${sharded().groupId}/clusters/${name}`, { accept: CLUSTERS_ACCEPT })).body;
const strings = (described: any): any[] => described.connectionStrings.privateEndpoint;
const endpointIds = (entry: any) => entry.endpoints.map((endpoint: any) => `${endpoint.region}:${endpoint.endpointId}`);

async function addEndpoint(region: Region): Promise<string> {
  const id = vpceId();
  expect((await h.atlas.post(endpointPath(region), { id })).status).toBe(200);
  return id;
}

/** Deletes the endpoints and waits (on the simulator's clock) until Atlas has forgotten them. */
async function removeEndpoints(endpoints: [Region, string][]): Promise<void> {
  for (const [region, id] of endpoints) expect((await h.atlas.delete(`${endpointPath(region)}/${id}`)).status).toBe(204);
  for (const [region, id] of endpoints) {
    await until(
      async () => (await h.atlas.get(`${endpointPath(region)}/${id}`)).status,
      (status) => status === 404,
    );
  }
}

describe("the regionalized private endpoint setting", () => {
  it("is off in a project, and a toggle answers 202 with the setting, which GET then reads", async () => {
    expect((await h.atlas.get(modePath())).body).toEqual({ enabled: false });
    const enabled = await h.atlas.patch(modePath(), { enabled: true });
    expect(enabled.status).toBe(202);
    expect(enabled.body).toEqual({ enabled: true });
    expect((await h.atlas.get(modePath())).body).toEqual({ enabled: true });
    expect(await h.controls.regionalModes()).toContainEqual({ groupId: sharded().groupId, enabled: true });
    expect((await h.atlas.patch(modePath(), { enabled: false })).body).toEqual({ enabled: false });
    // Toggling to the value it has is accepted and changes nothing.
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(202);
    expect((await h.atlas.get(modePath())).body).toEqual({ enabled: false });
  });

  it("refuses enabling in a project holding replica sets with 409, naming them, and leaves it off", async () => {
    const groupId = h.sim.seed.groupId;
    const refused = await h.atlas.patch(modePath(groupId), { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ errorCode: "CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS", parameters: [groupId] });
    expect(refused.headers.get("x-error-code")).toBe("CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS");
    expect(refused.body.detail).toContain("orders");
    expect((await h.atlas.get(modePath(groupId))).body).toEqual({ enabled: false });
  });

  it("refuses a body without a boolean enabled, or with other fields, naming the field; a read-only key may only read", async () => {
    const missing = await h.atlas.patch(modePath(), {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE", parameters: ["enabled"] });
    const notBoolean = await h.atlas.patch(modePath(), { enabled: "yes" });
    expect(notBoolean.body).toMatchObject({ errorCode: "INVALID_ATTRIBUTE", parameters: ["yes"] });
    const extra = await h.atlas.patch(modePath(), { enabled: true, regions: ["US_EAST_1"] });
    expect(extra.body.errorCode).toBe("INVALID_ATTRIBUTE");
    expect(extra.body.detail).toContain("regions");
    expect((await h.readOnly.patch(modePath(), { enabled: true })).body.errorCode).toBe("USER_UNAUTHORIZED");
    expect((await h.readOnly.get(modePath())).status).toBe(200);
    expect((await h.atlas.get(modePath("1".repeat(24)))).body.errorCode).toBe("GROUP_NOT_FOUND");
    expect((await h.atlas.get(modePath(), { accept: "application/vnd.atlas.2023-02-01+json" })).status).toBe(406);
    expect((await h.atlas.get(modePath())).body).toEqual({ enabled: false });
  });
});

describe("the clusters' private connection strings", () => {
  it("a multi-region cluster lists none until each region has an endpoint, then one string joining them", async () => {
    const east = await addEndpoint("US_EAST_1");
    const single = await until(
      () => cluster("metrics"),
      (c) => c.stateName === "IDLE" && strings(c).length === 1,
    );
    expect(endpointIds(strings(single)[0])).toEqual([`US_EAST_1:${east}`]);
    const events = await until(
      () => cluster("events"),
      (c) => c.stateName === "IDLE",
    );
    expect(strings(events)).toEqual([]);

    const west = await addEndpoint("US_WEST_2");
    const joined = await until(
      () => cluster("events"),
      (c) => c.stateName === "IDLE" && strings(c).length > 0,
    );
    expect(strings(joined)).toHaveLength(1);
    expect(endpointIds(strings(joined)[0])).toEqual([`US_EAST_1:${east}`, `US_WEST_2:${west}`]);
    expect(strings(joined)[0].type).toBe("MONGOS");
    await removeEndpoints([
      ["US_EAST_1", east],
      ["US_WEST_2", west],
    ]);
  });

  it("enabling re-lists multi-region and global sharded clusters through UPDATING, one region-specific string per endpoint, and disabling joins them again", async () => {
    const east = await addEndpoint("US_EAST_1");
    const west = await addEndpoint("US_WEST_2");
    const before = await until(
      () => cluster("events"),
      (c) => c.stateName === "IDLE" && strings(c).length === 1,
    );
    const singleBefore = await until(
      () => cluster("metrics"),
      (c) => c.stateName === "IDLE" && strings(c).length === 1,
    );

    expect((await h.atlas.patch(modePath(), { enabled: true })).status).toBe(202);
    const applying = await cluster("events");
    expect(applying.stateName).toBe("UPDATING");
    // Until it has applied the change, the cluster still lists the strings it had.
    expect(strings(applying)).toEqual(strings(before));
    const singleNow = await cluster("metrics");
    expect(singleNow.stateName).toBe("IDLE");
    expect(strings(singleNow)).toEqual(strings(singleBefore));

    for (const name of ["events", "worldwide"]) {
      const regional = await until(
        () => cluster(name),
        (c) => c.stateName === "IDLE",
      );
      expect(strings(regional).map(endpointIds)).toEqual([[`US_EAST_1:${east}`], [`US_WEST_2:${west}`]]);
      expect(strings(regional)[0].srvConnectionString).toContain("-us-east-1.");
      expect(strings(regional)[1].srvConnectionString).toContain("-us-west-2.");
      expect(strings(regional).every((entry: any) => entry.type === "MONGOS")).toBe(true);
    }
    expect(strings(await cluster("events"))[0].srvConnectionString).not.toBe(strings(before)[0].srvConnectionString);
    expect(strings(await cluster("metrics"))).toEqual(strings(singleBefore));

    // One endpoint in each region: disabling is allowed.
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(202);
    expect((await cluster("events")).stateName).toBe("UPDATING");
    const joined = await until(
      () => cluster("events"),
      (c) => c.stateName === "IDLE",
    );
    expect(strings(joined)).toEqual(strings(before));
    await removeEndpoints([
      ["US_EAST_1", east],
      ["US_WEST_2", west],
    ]);
  });

  it("refuses disabling while one region has two endpoints and another has one, counting a DELETING one until it is gone", async () => {
    expect((await h.atlas.patch(modePath(), { enabled: true })).status).toBe(202);
    const east = [await addEndpoint("US_EAST_1"), await addEndpoint("US_EAST_1")];
    const west = await addEndpoint("US_WEST_2");
    const refused = await h.atlas.patch(modePath(), { enabled: false });
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe("CANNOT_DISABLE_REGIONALIZED_PRIVATELINK_WITH_MULTIPLE_ENDPOINTS");
    expect(refused.body.detail).toContain("AWS:US_EAST_1 has 2");
    expect((await h.atlas.get(modePath())).body).toEqual({ enabled: true });

    expect((await h.atlas.delete(`${endpointPath("US_WEST_2")}/${west}`)).status).toBe(204);
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(409);
    await until(
      async () => (await h.atlas.get(`${endpointPath("US_WEST_2")}/${west}`)).status,
      (status) => status === 404,
    );
    // Both endpoints in one region: allowed.
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(202);
    await removeEndpoints(east.map((id) => ["US_EAST_1", id] as [Region, string]));
  });

  it("a project in regional mode takes no new replica set, but a global cluster", async () => {
    expect((await h.atlas.patch(modePath(), { enabled: true })).status).toBe(202);
    const refused = await h.controls.send("POST", `clusters?groupId=${sharded().groupId}`, {
      name: "ledger",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "US_EAST_1" }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe("CANNOT_CREATE_REPLICA_SET_WITH_REGIONALIZED_PRIVATELINK");
    const global = await h.controls.addCluster(
      {
        name: "ledger",
        clusterType: "GEOSHARDED",
        regions: [
          { providerName: "AWS", regionName: "US_EAST_1" },
          { providerName: "AWS", regionName: "EU_WEST_1" },
        ],
      },
      sharded().groupId,
    );
    expect(global).toMatchObject({ clusterType: "GEOSHARDED", stateName: "IDLE" });
    await h.controls.removeCluster("ledger", sharded().groupId);
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(202);
  });
});

describe("the toggle meets the same faults as every Atlas route", () => {
  afterEach(async () => {
    await h.controls.clearFaults();
    await h.controls.dialect(null);
  });

  it("a service account reads and toggles it; an injected 503 answers and changes nothing, as the request log shows", async () => {
    const bearer = await h.bearer();
    await h.controls.fault({ method: "PATCH", pathPattern: "/regionalMode$", status: 503, count: 1 });
    await h.controls.clearRequests();
    const failed = await bearer.patch(modePath(), { enabled: true });
    expect(failed.status).toBe(503);
    expect(failed.body.errorCode).toBe("SERVICE_UNAVAILABLE");
    expect((await bearer.get(modePath())).body).toEqual({ enabled: false });
    expect((await bearer.patch(modePath(), { enabled: true })).status).toBe(202);
    const log = (await h.controls.requests()).map((r) => [r.method, r.status, r.auth]);
    expect(log).toEqual([
      ["PATCH", 503, "bearer"],
      ["GET", 200, "bearer"],
      ["PATCH", 202, "bearer"],
    ]);
    expect((await bearer.patch(modePath(), { enabled: false })).status).toBe(202);
  });

  it("with answers lost, the toggle is carried out and its answer lost once; the same toggle again is answered", async () => {
    await h.controls.dialect({ answerLost: "502" });
    await h.controls.clearRequests();
    const lost = await h.atlas.patch(modePath(), { enabled: true });
    expect(lost.status).toBe(502);
    expect(lost.headers.get("content-type")).toBe("text/plain");
    const retried = await h.atlas.patch(modePath(), { enabled: true });
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ enabled: true });
    const log = await h.controls.requests();
    expect(log.map((r) => [r.method, r.status, r.answerLost ?? false])).toEqual([
      ["PATCH", 502, true],
      ["PATCH", 202, false],
    ]);
    await h.controls.dialect(null);
    expect((await h.atlas.patch(modePath(), { enabled: false })).status).toBe(202);
  });
});
