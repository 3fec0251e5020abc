/** Refresh, import, update and destroy of an EndpointService against the simulator. */
import { connectToAtlas } from "../../../provider/host/connection";
import { UNKNOWN } from "../../../provider/vocabulary/validation";
import { hex, provider, serviceProvider, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();

async function create(args: Record<string, unknown>) {
  return harness.observe(serviceProvider.create(await harness.checkedService({ groupId: harness.seed.groupId, ...args })));
}

const requestsSince = async () => (await harness.requests()).map((entry) => `${entry.method} ${entry.path.replace(/\?.*$/, "")}`);

describe("refresh and import", () => {
  test("refresh reads the service and shows supportedRemoteRegions changed outside the program as drift", async () => {
    const { id, outs } = await create({ region: "eu-west-1", supportedRemoteRegions: ["eu-west-2"] });
    await connectToAtlas().updateEndpointServiceRemoteRegions(
      { groupId: harness.seed.groupId, cloudProvider: "AWS", endpointServiceId: outs.endpointServiceId },
      ["eu-west-2", "eu-central-1"],
    );
    const read = await harness.observe(serviceProvider.read(id, outs));
    expect(read.id).toBe(id);
    expect(read.inputs).toMatchObject({ region: "eu-west-1", supportedRemoteRegions: ["eu-west-2", "eu-central-1"] });
    expect(read.props).toMatchObject({ status: "AVAILABLE", adopted: false });
  });

  test("import reads a service from its id alone", async () => {
    const created = await connectToAtlas().createEndpointService(
      { groupId: harness.seed.groupId },
      { providerName: "AZURE", region: "UK_SOUTH" },
    );
    const id = `${harness.seed.groupId}:AZURE:${created.id}`;
    const read = await harness.observe(serviceProvider.read(id, {}));
    expect(read.props).toMatchObject({
      groupId: harness.seed.groupId,
      cloudProvider: "AZURE",
      region: "UK_SOUTH",
      regionName: "UK_SOUTH",
      endpointServiceId: created.id,
      adopted: false,
    });
    expect(read.inputs).toEqual({
      groupId: harness.seed.groupId,
      cloudProvider: "AZURE",
      region: "UK_SOUTH",
      adoptExisting: true,
      deleteAdoptedOnDestroy: false,
    });
  });

  test("a service Atlas no longer has is dropped from the stack on refresh", async () => {
    const { id, outs } = await create({ cloudProvider: "GCP", region: "europe-west4" });
    await harness.delays({ deletingMs: 0 });
    await connectToAtlas().deleteEndpointService({
      groupId: harness.seed.groupId,
      cloudProvider: "GCP",
      endpointServiceId: outs.endpointServiceId,
    });
    await expect(harness.observe(serviceProvider.read(id, outs))).resolves.toEqual({ id: "" });
  });

  describe("behind something that is not Atlas", () => {
    const proxy = useRewritingProxy(harness);

    test("a single lagging Atlas 404 on refresh does not drop a service Atlas still holds", async () => {
      const { id, outs } = await create({ region: "ap-northeast-1" });
      proxy.rules.push({ method: "GET", path: /endpointService\/[0-9a-f]{24}$/, rewrite: { kind: "atlas404" }, count: 1 });
      process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
      try {
        const read = await harness.observe(serviceProvider.read(id, outs));
        expect(read.id).toBe(id);
        expect(read.props).toMatchObject({ status: "AVAILABLE", endpointServiceId: outs.endpointServiceId });
      } finally {
        process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
      }
      expect(proxy.log.filter((entry) => entry.action === "atlas404")).toHaveLength(1);
      expect(harness.progress.some((line) => line.includes("a second look found it"))).toBe(true);
    });

    test("a 404 without Atlas's error body does not drop the service", async () => {
      const { id, outs } = await create({ region: "eu-west-2" });
      proxy.rules.push({ method: "GET", path: /endpointService\/[0-9a-f]{24}$/, rewrite: { kind: "foreign404" } });
      process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
      try {
        const error = await harness.failure(serviceProvider.read(id, outs));
        expect(error.message).toContain("without an Atlas error body");
        expect(error.message).toContain("the stack keeps it as it was");
      } finally {
        process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
      }
      expect(proxy.log.some((entry) => entry.action === "foreign404")).toBe(true);
    });
  });
});

describe("update", () => {
  test("a changed supportedRemoteRegions is one PATCH; options alone call nothing", async () => {
    const { id, outs } = await create({ region: "us-west-2" });
    const declared = await harness.checkedService({
      groupId: harness.seed.groupId,
      region: "us-west-2",
      supportedRemoteRegions: ["us-east-1"],
    });
    await harness.clearRequests();
    const patched = await harness.observe(serviceProvider.update(id, outs, declared));
    expect(patched.outs).toMatchObject({ supportedRemoteRegions: ["us-east-1"], status: "AVAILABLE" });
    expect((await requestsSince()).filter((line) => !line.startsWith("GET"))).toEqual([
      `PATCH /api/atlas/v2/groups/${harness.seed.groupId}/privateEndpoint/endpointService/${outs.endpointServiceId}`,
    ]);
    await harness.clearRequests();
    const optionsOnly = { ...declared, timeouts: { create: "2h" }, deleteAdoptedOnDestroy: true };
    const updated = await harness.observe(serviceProvider.update(id, patched.outs as Record<string, unknown>, optionsOnly));
    expect(updated.outs).toMatchObject({ deleteAdoptedOnDestroy: true, timeouts: { create: "2h" } });
    expect(await harness.requests()).toEqual([]);
  });
});

describe("destroy", () => {
  test("deletes a service this resource created and waits until Atlas answers 404", async () => {
    const { id, outs } = await create({ region: "af-south-1" });
    await harness.clearRequests();
    await harness.observe(serviceProvider.delete(id, outs));
    const log = await requestsSince();
    expect(log.filter((line) => line.startsWith("DELETE"))).toHaveLength(1);
    const services = await connectToAtlas().listEndpointServices({ groupId: harness.seed.groupId, cloudProvider: "AWS" });
    expect(services.map((service) => service.id)).not.toContain(outs.endpointServiceId);
    expect(harness.progress.some((line) => line.includes("DELETING, waiting for Atlas to remove it"))).toBe(true);
  });

  test("leaves an adopted service in Atlas for the stacks that share it, unless deleteAdoptedOnDestroy", async () => {
    await create({ region: "il-central-1" });
    const second = await create({ region: "il-central-1" });
    expect(second.outs.adopted).toBe(true);
    await harness.clearRequests();
    await harness.observe(serviceProvider.delete(second.id, second.outs));
    expect(await harness.requests()).toEqual([]);
    expect(harness.progress.some((line) => line.includes("adopted from the project, so it stays in Atlas"))).toBe(true);

    await harness.observe(serviceProvider.delete(second.id, { ...second.outs, deleteAdoptedOnDestroy: true }));
    const services = await connectToAtlas().listEndpointServices({ groupId: harness.seed.groupId, cloudProvider: "AWS" });
    expect(services.map((service) => service.id)).not.toContain(second.outs.endpointServiceId);
  });

  test("while endpoints are registered, names them and says to destroy them first", async () => {
    const { id, outs } = await create({ region: "mx-central-1" });
    const endpointId = `vpce-${hex(17)}`;
    await harness.observe(
      provider.create(
        await harness.checked({
          groupId: harness.seed.groupId,
          endpointServiceId: outs.endpointServiceId,
          endpointId,
          waitForClusters: false,
        }),
      ),
    );
    const error = await harness.failure(serviceProvider.delete(id, outs));
    expect(error.message).toContain(`while endpoints are registered with it: ${endpointId}`);
    expect(error.message).toContain("Destroy the PrivateEndpoint resources that register them first");
    expect(error.message).toContain("CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS");
  });

  test("a service already gone is destroyed without error", async () => {
    const { id, outs } = await create({ region: "me-central-1" });
    await harness.delays({ deletingMs: 0 });
    await connectToAtlas().deleteEndpointService({
      groupId: harness.seed.groupId,
      cloudProvider: "AWS",
      endpointServiceId: outs.endpointServiceId,
    });
    await harness.observe(serviceProvider.delete(id, outs));
    expect(harness.progress.some((line) => line.includes("already gone from Atlas"))).toBe(true);
  });
});

describe("GCP services without port mapping", () => {
  const gcp = (extra: Record<string, unknown> = {}) => ({
    groupId: harness.seed.groupId,
    cloudProvider: "GCP",
    region: "us-west1",
    ...extra,
  });
  const warnings = () => harness.progress.filter((line) => line.startsWith("[EndpointService] warning: "));

  test("check warns, without refusing and without a request, when one is about to be created, naming Atlas's cut-off", async () => {
    await harness.clearRequests();
    const checked = await serviceProvider.check({}, gcp());
    expect(checked.failures).toEqual([]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain("Atlas stops supporting GCP private endpoints without port mapping on 2027-04-30");
    expect(warnings()[0]).toContain("portMappingEnabled: true");
    expect(await harness.requests()).toEqual([]);
  });

  test("check does not warn for a port-mapped one, an unknown portMappingEnabled, another cloud, or one already created", async () => {
    await serviceProvider.check({}, gcp({ portMappingEnabled: true }));
    await serviceProvider.check({}, gcp({ portMappingEnabled: UNKNOWN }));
    await serviceProvider.check({}, { groupId: harness.seed.groupId, region: "us-west-2" });
    await serviceProvider.check(gcp({ adoptExisting: true }), gcp());
    expect(warnings()).toEqual([]);
  });
});
