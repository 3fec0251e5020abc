import { formatServiceId, parseServiceId } from "../../../provider/endpoint-service/ids";

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const endpointServiceId = "6a1b2c3d4e5f6a7b8c9d0e1f";

test("this provider's id round-trips", () => {
  const id = formatServiceId({ groupId, cloudProvider: "AZURE", endpointServiceId });
  expect(id).toBe(`${groupId}:AZURE:${endpointServiceId}`);
  expect(parseServiceId(id)).toEqual({ groupId, cloudProvider: "AZURE", endpointServiceId });
});

test.each(["us-east-1", "US_EAST_1", "us-central1"])(
  "Terraform's import id (mongodbatlas_privatelink_endpoint, @pulumi/mongodbatlas PrivateLinkEndpoint) with region %s names the same service",
  (region) => {
    expect(parseServiceId(`${groupId}-${endpointServiceId}-GCP-${region}`)).toEqual({ groupId, cloudProvider: "GCP", endpointServiceId });
  },
);

test("an id in neither form names both forms", () => {
  expect(() => parseServiceId("not-an-id")).toThrow(
    /<groupId>:<AWS\|AZURE\|GCP>:<endpointServiceId>.*or Terraform's <projectId>-<privateLinkId>-<AWS\|AZURE\|GCP>-<region>/,
  );
});
