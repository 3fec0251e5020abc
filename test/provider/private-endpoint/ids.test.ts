import { endpointRefFor, formatResourceId, parseAnyId, parseResourceId } from "../../../provider/private-endpoint/ids";

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const endpointServiceId = "6a1b2c3d4e5f6a7b8c9d0e1f";

describe("resource id", () => {
  test.each([
    ["AWS", "vpce-0123456789abcdef0"],
    ["AZURE", "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-1"],
    ["GCP", "orders-psc"],
  ] as const)("round-trips a %s endpoint id unencoded, endpoint id last", (cloudProvider, endpointId) => {
    const id = formatResourceId({ groupId, cloudProvider, endpointServiceId, endpointId });
    expect(id).toBe(`${groupId}:${cloudProvider}:${endpointServiceId}:${endpointId}`);
    expect(parseResourceId(id)).toEqual({ groupId, cloudProvider, endpointServiceId, endpointId });
  });

  test("keeps everything after the third colon as the endpoint id", () => {
    expect(parseResourceId(`${groupId}:GCP:${endpointServiceId}:a:b/c`).endpointId).toBe("a:b/c");
  });

  test.each([
    ["not-an-id"],
    [`${groupId}:aws:${endpointServiceId}:vpce-1`],
    [`${groupId}:AWS:${endpointServiceId}:`],
    [`xyz:AWS:${endpointServiceId}:vpce-1`],
  ])("rejects %p naming the expected form", (id) => {
    expect(() => parseResourceId(id)).toThrow(/<groupId>:<AWS\|AZURE\|GCP>:<endpointServiceId>:<endpointId>/);
  });
});

describe("Terraform's import id (mongodbatlas_privatelink_endpoint_service, @pulumi/mongodbatlas PrivateLinkEndpointService)", () => {
  test.each([
    ["AWS", "vpce-0123456789abcdef0"],
    ["AZURE", "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-1"],
    ["GCP", "orders-psc"],
  ] as const)("names the same %s endpoint as this provider's id", (cloudProvider, endpointId) => {
    expect(parseAnyId(`${groupId}--${endpointServiceId}--${endpointId}--${cloudProvider}`)).toEqual({
      groupId,
      cloudProvider,
      endpointServiceId,
      endpointId,
    });
  });

  test("a record's id in neither form falls back to its inputs, else names both forms", () => {
    expect(parseAnyId("not-an-id")).toBeUndefined();
    expect(() => endpointRefFor("not-an-id", {})).toThrow(
      /is not of the form <groupId>:.* \(or Terraform's <projectId>--<privateLinkId>--<endpointId>--<AWS\|AZURE\|GCP>\)/,
    );
  });
});
