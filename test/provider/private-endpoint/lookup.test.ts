/** getPrivateEndpoints against the simulator (private-endpoint/lookup.ts). */
import { getPrivateEndpoints } from "../../../provider/private-endpoint/lookup";
import { provider, useHarness } from "../../support/provider-harness";

const harness = useHarness();

test("lists the endpoints registered with a service, each with its status as Atlas reports it", async () => {
  const aws = [harness.awsArgs(), harness.awsArgs()];
  for (const args of aws) await harness.observe(provider.create(await harness.checked({ ...args, waitForClusters: false })));
  const { endpoints } = await getPrivateEndpoints.run({
    groupId: harness.seed.groupId,
    endpointServiceId: harness.seed.endpointServices.AWS,
  });
  for (const args of aws) expect(endpoints).toContainEqual(expect.objectContaining({ endpointId: args.endpointId, status: "AVAILABLE" }));
});

test("lists a GCP service's endpoint groups by name, with their project", async () => {
  const args = harness.gcpArgs();
  await harness.observe(provider.create(await harness.checked({ ...args, waitForClusters: false })));
  const { endpoints } = await getPrivateEndpoints.run({
    groupId: harness.seed.groupId,
    cloudProvider: "GCP",
    endpointServiceId: harness.seed.endpointServices.GCP,
  });
  expect(endpoints).toContainEqual(
    expect.objectContaining({ endpointId: args.endpointGroupName, gcpProjectId: args.gcpProjectId, status: "AVAILABLE" }),
  );
});

test("says which argument is wrong before any request", async () => {
  await harness.clearRequests();
  await expect(getPrivateEndpoints.run({ groupId: harness.seed.groupId, cloudProvider: "IBM", endpointServiceId: "x" })).rejects.toThrow(
    /^getPrivateEndpoints: cloudProvider must be one of AWS, AZURE, GCP, got value="IBM"; endpointServiceId must be 24 hexadecimal characters/,
  );
  expect(await harness.requests()).toEqual([]);
});
