import { mockWorld, settled, valueOf } from "../support/pulumi-mocks";

// See test/support/pulumi-mocks.ts: the real serialization is checked through the CLI.
jest.mock("@pulumi/pulumi/runtime/closure/serializeClosure", () => ({
  serializeFunction: async () => ({ text: "exports.handler = undefined; /* stub */", exportName: "handler", containsSecrets: false }),
}));

const SERVICE_ID = "6a794010c0eb9e7a17719674";
const PLS_ID =
  "/subscriptions/2c0e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg_6a794010_eastus2/providers/Microsoft.Network/privateLinkServices/pls_6a794010";
const PE_ID =
  "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/atlas-pe";
const NIC_ID =
  "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/atlas-pe.nic.1";

const world = mockWorld(
  "atlas-private-link-azure",
  { groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", resourceGroupName: "rg-app", subnetId: "/subscriptions/x/subnets/apps" },
  (type) => {
    switch (type) {
      case "pulumi-nodejs:dynamic/atlas:EndpointService":
        return {
          id: `5f1a2b3c4d5e6f7a8b9c0d1e:AZURE:${SERVICE_ID}`,
          outputs: { endpointServiceId: SERVICE_ID, privateLinkServiceResourceId: PLS_ID },
        };
      case "azure-native:network:PrivateEndpoint":
        return { id: PE_ID, outputs: { networkInterfaces: [{ id: NIC_ID }] } };
      case "pulumi-nodejs:dynamic/atlas:PrivateEndpoint":
        return { id: "pe", outputs: { status: "AVAILABLE" } };
      default:
        throw new Error(`the Azure example declared an unexpected ${type}`);
    }
  },
  (token, inputs) => {
    if (token !== "azure-native:network:getNetworkInterface") throw new Error(`unexpected call ${token}`);
    return inputs.networkInterfaceName === "atlas-pe.nic.1" ? { ipConfigurations: [{ privateIPAddress: "10.0.0.7" }] } : {};
  },
);

test("examples/azure connects the private endpoint to the service's Private Link Service and registers it with its NIC's IP", async () => {
  const program = await import("../../examples/azure/index");
  await settled(world, 3);
  const service = world.byType("pulumi-nodejs:dynamic/atlas:EndpointService");
  const privateEndpoint = world.byType("azure-native:network:PrivateEndpoint");
  const endpoint = world.byType("pulumi-nodejs:dynamic/atlas:PrivateEndpoint");
  expect(service.inputs).toMatchObject({ cloudProvider: "AZURE", region: "eastus2" });
  expect(privateEndpoint.inputs).toMatchObject({
    resourceGroupName: "rg-app",
    location: "eastus2",
    manualPrivateLinkServiceConnections: [{ name: "atlas", privateLinkServiceId: PLS_ID }],
  });
  expect(world.calls.map((call) => [call.token, call.inputs.networkInterfaceName])).toEqual([
    ["azure-native:network:getNetworkInterface", "atlas-pe.nic.1"],
  ]);
  expect(endpoint.inputs).toMatchObject({ endpointServiceId: SERVICE_ID, endpointId: PE_ID, privateEndpointIPAddress: "10.0.0.7" });
  expect(await valueOf(program.status)).toBe("AVAILABLE");
});
