import { mockWorld, settled, valueOf } from "../support/pulumi-mocks";

// See test/support/pulumi-mocks.ts: the real serialization is checked through the CLI.
jest.mock("@pulumi/pulumi/runtime/closure/serializeClosure", () => ({
  serializeFunction: async () => ({ text: "exports.handler = undefined; /* stub */", exportName: "handler", containsSecrets: false }),
}));

const SERVICE_ID = "6a7940612c88faeba59bf3c4";
const ATTACHMENT = "projects/p-v5pcdiyuzgkbs9nznvlrgpyp/regions/us-central1/serviceAttachments/sa-us-central1-6a79405c-0";

const world = mockWorld(
  "atlas-private-link-gcp",
  { groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", gcpProjectId: "my-app-project", subnetwork: "apps", network: "apps-vpc" },
  (type, name, inputs) => {
    switch (type) {
      case "pulumi-nodejs:dynamic/atlas:EndpointService":
        return {
          id: `5f1a2b3c4d5e6f7a8b9c0d1e:GCP:${SERVICE_ID}`,
          outputs: { endpointServiceId: SERVICE_ID, serviceAttachmentNames: [ATTACHMENT] },
        };
      case "gcp:compute/address:Address":
        return { id: `projects/my-app-project/regions/us-central1/addresses/${name}`, outputs: { address: "10.128.0.9" } };
      case "gcp:compute/forwardingRule:ForwardingRule":
        return { id: `projects/my-app-project/regions/us-central1/forwardingRules/${String(inputs.name)}` };
      case "pulumi-nodejs:dynamic/atlas:PrivateEndpoint":
        return { id: "pe", outputs: { status: "AVAILABLE" } };
      default:
        throw new Error(`the GCP example declared an unexpected ${type}`);
    }
  },
);

test("examples/gcp points a forwarding rule at the port-mapped service's one attachment and registers the rule and its address", async () => {
  const program = await import("../../examples/gcp/index");
  await settled(world, 4);
  const service = world.byType("pulumi-nodejs:dynamic/atlas:EndpointService");
  const address = world.byType("gcp:compute/address:Address");
  const rule = world.byType("gcp:compute/forwardingRule:ForwardingRule");
  const endpoint = world.byType("pulumi-nodejs:dynamic/atlas:PrivateEndpoint");
  expect(service.inputs).toMatchObject({ cloudProvider: "GCP", region: "us-central1", portMappingEnabled: true });
  expect(rule.inputs).toMatchObject({
    target: ATTACHMENT,
    ipAddress: address.id,
    loadBalancingScheme: "",
    network: "apps-vpc",
    name: "atlas-psc",
  });
  expect(endpoint.inputs).toMatchObject({
    endpointServiceId: SERVICE_ID,
    gcpProjectId: "my-app-project",
    endpointGroupName: "atlas-psc",
    endpoints: [{ endpointName: "atlas-psc", ipAddress: "10.128.0.9" }],
  });
  expect(await valueOf(program.status)).toBe("AVAILABLE");
});
