/** Which service a record names (endpoint-service/read.ts), also for a create Atlas never confirmed. */
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { PROVIDER_TEXT, serviceProvider, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();

const SERVICES = /\/privateEndpoint\/GCP\/endpointService$/;
const CREATE = /\/privateEndpoint\/endpointService$/;

async function servicesIn(regionName: string) {
  const services = await connectToAtlas().listEndpointServices({ groupId: harness.seed.groupId, cloudProvider: "GCP" });
  return services.filter((service) => service.regionName === regionName);
}

const proxy = useRewritingProxy(harness);

test("a port-mapped GCP service recorded as unconfirmed is found as the port-mapped one beside a legacy one, and destroy deletes it, not the legacy one", async () => {
  // Another stack's legacy service was in the region first.
  const legacy = await connectToAtlas().createEndpointService(
    { groupId: harness.seed.groupId },
    { providerName: "GCP", region: "EASTERN_ASIA_PACIFIC" },
  );
  // This stack's port-mapped create: Atlas does it, its answer is lost, and the region cannot be listed after.
  proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "body", change: (body) => body }, count: 1 });
  proxy.rules.push({ method: "POST", path: CREATE, rewrite: { kind: "forwardThen502" }, count: 1 });
  proxy.rules.push({ method: "GET", path: SERVICES, rewrite: { kind: "answer", status: 500 }, count: 1_000 });
  process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
  const inputs = await harness.checkedService({
    groupId: harness.seed.groupId,
    cloudProvider: "GCP",
    region: "asia-east1",
    portMappingEnabled: true,
  });
  const error = await harness.failure(serviceProvider.create(inputs));
  proxy.rules.length = 0;
  process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
  expect(error).toBeInstanceOf(ResourceInitError);
  expect(error.id).toBe(`${harness.seed.groupId}:GCP:region:EASTERN_ASIA_PACIFIC`);
  expect(proxy.log.filter((entry) => entry.action === "forwardThen502")).toHaveLength(1);
  const portMapped = (await servicesIn("EASTERN_ASIA_PACIFIC")).find(
    (service) => service.cloudProvider === "GCP" && service.portMappingEnabled,
  );
  expect(portMapped?.id).toBeDefined();

  const props = { ...(error.properties as Record<string, unknown>), __provider: PROVIDER_TEXT };
  const read = await harness.observe(serviceProvider.read(String(error.id), props));
  expect(read.id).toBe(`${harness.seed.groupId}:GCP:${portMapped?.id}`);
  expect(read.props).toMatchObject({ endpointServiceId: portMapped?.id, portMappingEnabled: true, adopted: false });

  await harness.observe(serviceProvider.delete(String(read.id), { ...read.props, __provider: PROVIDER_TEXT }));
  expect((await servicesIn("EASTERN_ASIA_PACIFIC")).map((service) => service.id)).toEqual([legacy.id]);
});
