import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { PROVIDER_TEXT, serviceProvider, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();

const SERVICES = /\/privateEndpoint\/(AWS|AZURE|GCP)\/endpointService$/;
const CREATE = /\/privateEndpoint\/endpointService$/;

async function servicesIn(cloud: "AWS" | "AZURE" | "GCP", regionName: string) {
  const services = await connectToAtlas().listEndpointServices({ groupId: harness.seed.groupId, cloudProvider: cloud });
  return services.filter((service) => service.regionName === regionName);
}

async function create(args: Record<string, unknown>) {
  return harness.observe(serviceProvider.create(await harness.checkedService({ groupId: harness.seed.groupId, ...args })));
}

const writes = async () =>
  (await harness.requests()).filter((entry) => entry.method !== "GET").map((entry) => `${entry.method} ${entry.path}`);

describe("creating an endpoint service", () => {
  test("creates an AWS service, waits until AVAILABLE and outputs the name a VPC endpoint connects to", async () => {
    await harness.clearRequests();
    const { id, outs } = await create({ region: "eu-west-3" });
    expect(outs).toMatchObject({ cloudProvider: "AWS", region: "eu-west-3", regionName: "EU_WEST_3", status: "AVAILABLE", adopted: false });
    expect(outs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-3\.vpce-svc-[0-9a-f]{17}$/);
    expect(id).toBe(`${harness.seed.groupId}:AWS:${outs.endpointServiceId}`);
    expect(await writes()).toEqual([`POST /api/atlas/v2/groups/${harness.seed.groupId}/privateEndpoint/endpointService`]);
    expect(harness.progress.some((line) => line.includes("INITIATING, waiting for AVAILABLE"))).toBe(true);
  });

  test("takes Azure's own region spelling and records Atlas's beside it", async () => {
    const { outs } = await create({ cloudProvider: "AZURE", region: "westeurope" });
    expect(outs).toMatchObject({ region: "westeurope", regionName: "EUROPE_WEST", status: "AVAILABLE" });
    expect(outs.privateLinkServiceResourceId).toMatch(/^\/subscriptions\/.+\/privateLinkServices\/pls_/);
    expect(outs.privateLinkServiceName).toBe(`pls_${outs.endpointServiceId}`);
  });

  test("creates a port-mapped GCP service with one service attachment beside the region's legacy one", async () => {
    await create({ cloudProvider: "GCP", region: "us-east4" });
    const { outs } = await create({ cloudProvider: "GCP", region: "US_EAST_4", portMappingEnabled: true });
    expect(outs).toMatchObject({ portMappingEnabled: true, adopted: false, status: "AVAILABLE" });
    expect(outs.serviceAttachmentNames).toHaveLength(1);
    expect(await servicesIn("GCP", "US_EAST_4")).toHaveLength(2);
  });

  test("sends supportedRemoteRegions with an AWS create", async () => {
    const { outs } = await create({ region: "us-west-1", supportedRemoteRegions: ["us-west-2"] });
    expect(outs.supportedRemoteRegions).toEqual(["us-west-2"]);
    expect((await servicesIn("AWS", "US_WEST_1"))[0]).toMatchObject({ supportedRemoteRegions: ["us-west-2"] });
  });
});

describe("one service per cloud and region, shared by stacks", () => {
  test("adopts the region's existing service without a POST and records adopted: true", async () => {
    const first = await create({ region: "ap-south-1" });
    await harness.clearRequests();
    const second = await create({ region: "AP_SOUTH_1" });
    expect(second.id).toBe(first.id);
    expect(second.outs).toMatchObject({ adopted: true, status: "AVAILABLE" });
    expect(await writes()).toEqual([]);
    expect(harness.progress.some((line) => line.includes("adopting it because adoptExisting is true"))).toBe(true);
  });

  test("with adoptExisting false refuses the region's service and says how to share it", async () => {
    await create({ region: "ap-south-2" });
    const error = await harness.failure(
      serviceProvider.create(await harness.checkedService({ groupId: harness.seed.groupId, region: "ap-south-2", adoptExisting: false })),
    );
    expect(error.message).toContain("Atlas already has an endpoint service for AWS region AP_SOUTH_2");
    expect(error.message).toContain("set adoptExisting: true");
    expect(await servicesIn("AWS", "AP_SOUTH_2")).toHaveLength(1);
  });

  test("refuses to adopt a service whose supportedRemoteRegions differ, naming both", async () => {
    await create({ region: "ca-central-1", supportedRemoteRegions: ["us-east-1"] });
    const error = await harness.failure(
      serviceProvider.create(
        await harness.checkedService({ groupId: harness.seed.groupId, region: "ca-central-1", supportedRemoteRegions: ["us-east-2"] }),
      ),
    );
    expect(error.message).toContain('supportedRemoteRegions is ["US_EAST_1"] in Atlas, ["US_EAST_2"] in the inputs');
  });

  describe("when another stack creates the region's service between the list and the POST", () => {
    const proxy = useRewritingProxy(harness);

    test("meets Atlas's 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION and adopts that service", async () => {
      const other = await create({ region: "sa-east-1" });
      proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "body", change: () => [] }, count: 1 });
      process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
      try {
        const { outs } = await create({ region: "sa-east-1" });
        expect(outs).toMatchObject({ adopted: true, endpointServiceId: other.outs.endpointServiceId });
      } finally {
        process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
      }
      expect(
        proxy.log
          .filter((entry) => entry.status !== 401)
          .map((entry) => `${entry.method} ${entry.action} ${entry.status}`)
          .slice(0, 2),
      ).toEqual(["GET body 200", "POST forwarded 409"]);
    });
  });
});

describe("after Atlas may have said yes", () => {
  const proxy = useRewritingProxy(harness);

  test("a POST whose answer is lost after Atlas created the service ends with that service, created by this resource", async () => {
    proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThenDrop" }, count: 1 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { outs } = await create({ region: "eu-north-1" });
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop")).toHaveLength(1);
    expect(outs).toMatchObject({ adopted: false, status: "AVAILABLE" });
    const inAtlas = await servicesIn("AWS", "EU_NORTH_1");
    expect(inAtlas.map((service) => service.id)).toEqual([outs.endpointServiceId]);
  });

  test("when the region cannot be listed after a lost answer, the service is recorded as unconfirmed and the next up finishes it", async () => {
    proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThen502" }, count: 1 });
    proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "answer", status: 500 }, count: 1_000 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    // The first list (before the POST) must succeed: let it through by consuming nothing until the POST is lost.
    proxy.rules.unshift({ method: "GET", path: SERVICES, rewrite: { kind: "body", change: (body) => body }, count: 1 });
    const inputs = await harness.checkedService({ groupId: harness.seed.groupId, region: "eu-south-1" });
    const error = await harness.failure(serviceProvider.create(inputs));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.id).toBe(`${harness.seed.groupId}:AWS:region:EU_SOUTH_1`);
    expect(error.message).toContain("recorded in the stack as unconfirmed");
    expect(proxy.log.filter((entry) => entry.action === "forwardThen502")).toHaveLength(1);
    proxy.rules.length = 0;
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    expect(await servicesIn("AWS", "EU_SOUTH_1")).toHaveLength(1);

    const recorded = (error as unknown as ResourceInitError).properties;
    const { outs } = await harness.observe(serviceProvider.update(String(error.id), recorded, inputs));
    const [service] = await servicesIn("AWS", "EU_SOUTH_1");
    expect(outs).toMatchObject({ adopted: false, status: "AVAILABLE", endpointServiceId: service?.id });
    expect(recorded.__provider).toBe(PROVIDER_TEXT);
  });

  test("a service that fails is recorded with Atlas's errorMessage", async () => {
    proxy.rules.push({
      method: "GET",
      path: /\/privateEndpoint\/AWS\/endpointService\/[0-9a-f]{24}$/,
      rewrite: { kind: "body", change: (body) => ({ ...body, status: "FAILED", errorMessage: "Capacity exhausted in this region" }) },
    });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const error = await harness.failure(
      serviceProvider.create(await harness.checkedService({ groupId: harness.seed.groupId, region: "me-south-1" })),
    );
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toContain("did not become AVAILABLE: Capacity exhausted in this region (status FAILED)");
    expect(String(error.id)).toMatch(new RegExp(`^${harness.seed.groupId}:AWS:[0-9a-f]{24}$`));
  });
});

describe("after a lost answer, with other stacks in the same region", () => {
  const proxy = useRewritingProxy(harness);
  const destroy = (id: string, outs: Record<string, unknown>) =>
    harness.observe(serviceProvider.delete(id, { ...outs, __provider: PROVIDER_TEXT }));

  test("a GCP create asked for a legacy service takes its own, not the port-mapped one another stack made meanwhile, and destroy leaves only that one", async () => {
    // Another stack's port-mapped service appears after this create listed the region (the list hides it, as it would have).
    const other = await create({ cloudProvider: "GCP", region: "asia-southeast1", portMappingEnabled: true });
    proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "body", change: () => [] }, count: 1 });
    proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThenDrop" }, count: 1 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { id, outs } = await create({ cloudProvider: "GCP", region: "asia-southeast1" });
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    expect(proxy.log.map((entry) => entry.action)).toEqual(expect.arrayContaining(["body", "forwardThenDrop"]));
    const inAtlas = await servicesIn("GCP", "SOUTHEASTERN_ASIA_PACIFIC");
    const legacy = inAtlas.find((service) => service.cloudProvider === "GCP" && service.portMappingEnabled !== true);
    expect(legacy?.id).toBeDefined();
    expect(outs).toMatchObject({ endpointServiceId: legacy?.id, portMappingEnabled: false, adopted: false });
    await destroy(id, outs);
    expect((await servicesIn("GCP", "SOUTHEASTERN_ASIA_PACIFIC")).map((service) => service.id)).toEqual([other.outs.endpointServiceId]);
  });

  test("two stacks racing: one whose POST met the other's 409 with the answer lost adopts the other's service, and only the other's destroy deletes it", async () => {
    // Stack B creates the region's service; a little later (on Atlas's clock) stack A, which listed the
    // region before B's service existed, POSTs: Atlas answers 409, and A never sees that answer.
    const b = await create({ region: "ap-northeast-3" });
    await harness.control.advance(2_000);
    proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "body", change: () => [] }, count: 1 });
    proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThenDrop", anyStatus: true }, count: 1 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const a = await create({ region: "ap-northeast-3" });
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    const posts = (await harness.requests()).filter((entry) => entry.method === "POST" && CREATE.test(entry.path));
    expect(posts.at(-1)?.status).toBe(409);
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop")).toHaveLength(1);
    expect(a.outs).toMatchObject({ endpointServiceId: b.outs.endpointServiceId, adopted: true });
    expect(harness.progress.some((line) => line.includes("another stack created it just before this create's POST"))).toBe(true);

    await destroy(a.id, a.outs);
    expect((await servicesIn("AWS", "AP_NORTHEAST_3")).map((service) => service.id)).toEqual([b.outs.endpointServiceId]);
    await destroy(b.id, b.outs);
    expect(await servicesIn("AWS", "AP_NORTHEAST_3")).toEqual([]);
  });

  test("alone in its region, a create whose answer was lost keeps the service it made, and destroy deletes it", async () => {
    await harness.control.advance(2_000);
    proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThenDrop" }, count: 1 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { id, outs } = await create({ region: "eu-central-2" });
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop")).toHaveLength(1);
    expect(outs).toMatchObject({ adopted: false });
    await destroy(id, outs);
    expect(await servicesIn("AWS", "EU_CENTRAL_2")).toEqual([]);
  });
});
