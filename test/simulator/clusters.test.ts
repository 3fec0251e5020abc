import { SEEDED_REGIONS } from "../../simulator/seed";
import { vpceId } from "./helpers/ids";
import { recorded } from "./helpers/recorder";
import { HELD, clusterContract, stepUntil, useSimulator } from "./helpers/simulator-harness";

const CLUSTERS_ACCEPT = "application/vnd.atlas.2024-08-05+json";
// Held phases (time scale 1: UPDATING 30 s, the endpoint's 3-15 s): every wait steps the simulator's
// clock 1 s per look, so UPDATING is seen on many looks however slow the machine.
const h = useSimulator({ ...HELD, delays: { ...HELD.delays, clusterUpdateMs: 30_000 } });
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, 1000);

const clustersPath = () => `/api/atlas/v2/groups/${h.sim.seed.groupId}/clusters`;
const list = async () => (await h.atlas.get(clustersPath(), { accept: CLUSTERS_ACCEPT })).body.results as any[];
const get = async (name: string) => (await h.atlas.get(`${clustersPath()}/${name}`, { accept: CLUSTERS_ACCEPT })).body;
const listing = (cluster: any, endpointId: string) =>
  (cluster.connectionStrings?.privateEndpoint ?? []).filter((entry: any) => entry.endpoints.some((e: any) => e.endpointId === endpointId));

describe("seeded clusters", () => {
  it("the default project has two clusters in the AWS service's region and one where no service is", async () => {
    const clusters = await list();
    const regionOf = (cluster: any) => cluster.replicationSpecs[0].regionConfigs.map((c: any) => `${c.providerName}:${c.regionName}`);
    const inAwsRegion = clusters.filter((c) => regionOf(c).includes(`AWS:${SEEDED_REGIONS.AWS}`));
    expect(inAwsRegion.map((c) => c.name).sort()).toEqual(["analytics", "orders"]);
    const serviceRegions = Object.entries(SEEDED_REGIONS).map(([cloud, region]) => `${cloud.replace("_PORT_MAPPED", "")}:${region}`);
    expect(clusters.some((c) => regionOf(c).every((r: string) => !serviceRegions.includes(r)))).toBe(true);
    expect(clusters.every((c) => c.stateName === "IDLE")).toBe(true);
    expect(h.sim.seed.clusters.map((c) => c.name)).toEqual(clusters.map((c) => c.name));
  });

  it("answers a cluster that does not exist with 404 CLUSTER_NOT_FOUND and an older API version with 406", async () => {
    const missing = await h.atlas.get(`${clustersPath()}/nope`, { accept: CLUSTERS_ACCEPT });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe("CLUSTER_NOT_FOUND");
    const old = await h.atlas.get(clustersPath(), { accept: "application/vnd.atlas.2023-01-01+json" });
    expect(old.status).toBe(406);
    expect(old.body.detail).toContain(CLUSTERS_ACCEPT);
  });
});

describe("clusters follow the project's endpoints", () => {
  it("an AVAILABLE endpoint puts the clusters in its region through UPDATING to IDLE listing it; deleting it does the same to remove it", async () => {
    const id = vpceId();
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(200);
    const updating = await until(
      () => get("orders"),
      (c) => c.stateName === "UPDATING",
    );
    expect(listing(updating, id)).toEqual([]);
    const idle = await until(
      () => get("orders"),
      (c) => c.stateName === "IDLE",
    );
    const [entry] = listing(idle, id);
    expect(entry).toMatchObject({ type: "MONGOD", endpoints: [{ endpointId: id, providerName: "AWS", region: "US_EAST_1" }] });
    expect(entry.srvConnectionString).toMatch(/^mongodb\+srv:\/\//);
    expect(entry.connectionString).toMatch(/^mongodb:\/\//);
    const sharded = await until(
      () => get("analytics"),
      (c) => c.stateName === "IDLE" && listing(c, id).length === 1,
    );
    expect(listing(sharded, id)[0]).toMatchObject({
      type: "MONGOS",
      srvShardOptimizedConnectionString: expect.stringMatching(/^mongodb\+srv:\/\//),
    });
    for (const elsewhere of ["archive", "inventory"]) {
      const cluster = await get(elsewhere);
      expect(cluster.stateName).toBe("IDLE");
      expect(listing(cluster, id)).toEqual([]);
    }

    expect((await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`)).status).toBe(204);
    const removing = await get("orders");
    expect(removing.stateName).toBe("UPDATING");
    const removed = await until(
      () => get("orders"),
      (c) => c.stateName === "IDLE",
    );
    expect(listing(removed, id)).toEqual([]);
  });
});

describe("an endpoint registered again with the id of a deleted one", () => {
  it("is applied again: the clusters list it once they are IDLE", async () => {
    const id = vpceId();
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(200);
    await until(
      () => get("orders"),
      (c) => c.stateName === "IDLE" && listing(c, id).length === 1,
    );
    expect((await h.atlas.delete(`${h.endpointPath("AWS")}/${id}`)).status).toBe(204);
    await until(
      async () => (await h.atlas.get(`${h.endpointPath("AWS")}/${id}`)).status,
      (status) => status === 404,
    );
    await until(
      () => get("orders"),
      (c) => c.stateName === "IDLE" && listing(c, id).length === 0,
    );
    expect((await h.atlas.post(h.endpointPath("AWS"), { id })).status).toBe(200);
    const again = await until(
      () => get("orders"),
      (c) => c.stateName === "IDLE" && listing(c, id).length === 1,
    );
    expect(listing(again, id)).toHaveLength(1);
  });
});

describe("cluster control API", () => {
  it("adds a cluster, holds it busy and releases it, and removes it", async () => {
    await h.control("POST", "clusters", {
      name: "reports",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AZURE", regionName: "US_EAST_2" }],
    });
    expect((await get("reports")).stateName).toBe("IDLE");
    await h.control("POST", "clusters/reports/busy", { busy: true });
    expect((await get("reports")).stateName).toBe("UPDATING");
    await h.control("POST", "clusters/reports/busy", { busy: false });
    expect((await get("reports")).stateName).toBe("IDLE");
    await h.control("DELETE", "clusters/reports");
    expect((await h.atlas.get(`${clustersPath()}/reports`, { accept: CLUSTERS_ACCEPT })).status).toBe(404);
    expect((await h.control("POST", "clusters", { name: "-bad", regions: [] })).errorCode).toBe("INVALID_SIMULATOR_CONTROL");
  });
});

(clusterContract() ? describe : describe.skip)("the cluster reads against the extract", () => {
  it("list and get answer, success and error, in the shape the spec declares", async () => {
    const contract = clusterContract()!;
    const start = recorded.length;
    expect((await h.atlas.get(`${clustersPath()}?pretty=true`, { accept: CLUSTERS_ACCEPT })).status).toBe(200);
    expect((await h.atlas.get(`${clustersPath()}/orders?envelope=true`, { accept: CLUSTERS_ACCEPT })).status).toBe(200);
    expect((await h.atlas.get(`${clustersPath()}/nope`, { accept: CLUSTERS_ACCEPT })).status).toBe(404);
    expect((await h.atlas.get(`/api/atlas/v2/groups/${"0".repeat(24)}/clusters`, { accept: CLUSTERS_ACCEPT })).status).toBe(404);
    const exchanges = recorded.slice(start);
    expect(exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it("the contract check catches a cluster body that breaks the extract", () => {
    const contract = clusterContract()!;
    const schema = { $ref: "#/components/schemas/ClusterDescription20240805" };
    expect(
      contract.validateBody(schema, {
        name: "x",
        stateName: "IDLE",
        replicationSpecs: [{ regionConfigs: [{ providerName: "AWS", regionName: "US_EAST_1", priority: 7 }] }],
      }),
    ).toEqual([]);
    expect(contract.validateBody(schema, { name: "x", stateName: "SLEEPING" })).not.toEqual([]);
    expect(contract.validateBody(schema, { connectionStrings: { privateEndpoint: [{ type: "MONGOQ" }] } })).not.toEqual([]);
    expect(
      contract.validateBody(schema, {
        replicationSpecs: [{ regionConfigs: [{ providerName: "AWS", regionName: "NOWHERE_1", priority: 7 }] }],
      }),
    ).not.toEqual([]);
  });
});
