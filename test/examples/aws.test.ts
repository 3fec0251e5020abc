import { mockWorld, settled, valueOf } from "../support/pulumi-mocks";

// See test/support/pulumi-mocks.ts: the real serialization is checked through the CLI.
jest.mock("@pulumi/pulumi/runtime/closure/serializeClosure", () => ({
  serializeFunction: async () => ({ text: "exports.handler = undefined; /* stub */", exportName: "handler", containsSecrets: false }),
}));

const SERVICE_ID = "6a793f68c0eb9e7a17715835";
const SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
const VPCE_ID = "vpce-0a1b2c3d4e5f60718";

const world = mockWorld(
  "atlas-private-link-aws",
  { groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", vpcId: "vpc-1", subnetIds: '["subnet-1","subnet-2"]', securityGroupIds: '["sg-1"]' },
  (type) => {
    switch (type) {
      case "pulumi-nodejs:dynamic/atlas:EndpointService":
        return {
          id: `5f1a2b3c4d5e6f7a8b9c0d1e:AWS:${SERVICE_ID}`,
          outputs: { endpointServiceId: SERVICE_ID, endpointServiceName: SERVICE_NAME },
        };
      case "aws:ec2/vpcEndpoint:VpcEndpoint":
        return { id: VPCE_ID };
      case "pulumi-nodejs:dynamic/atlas:PrivateEndpoint":
        return { id: "pe", outputs: { connectionStatus: "AVAILABLE", privateConnectionStrings: [{ clusterName: "orders" }] } };
      default:
        throw new Error(`the AWS example declared an unexpected ${type}`);
    }
  },
);

test("examples/aws wires the service's name into the VPC endpoint and the VPC endpoint's id into the registration", async () => {
  const program = await import("../../examples/aws/index");
  await settled(world, 3);
  const service = world.byType("pulumi-nodejs:dynamic/atlas:EndpointService");
  const vpce = world.byType("aws:ec2/vpcEndpoint:VpcEndpoint");
  const endpoint = world.byType("pulumi-nodejs:dynamic/atlas:PrivateEndpoint");
  expect(service.inputs).toMatchObject({ groupId: "5f1a2b3c4d5e6f7a8b9c0d1e", cloudProvider: "AWS", region: "us-east-1" });
  expect(vpce.inputs).toMatchObject({
    serviceName: SERVICE_NAME,
    vpcEndpointType: "Interface",
    vpcId: "vpc-1",
    subnetIds: ["subnet-1", "subnet-2"],
    securityGroupIds: ["sg-1"],
  });
  expect(endpoint.inputs).toMatchObject({ endpointServiceId: SERVICE_ID, endpointId: VPCE_ID, cloudProvider: "AWS" });
  expect(await valueOf(program.privateConnectionStrings)).toEqual([{ clusterName: "orders" }]);
});
