/** The package's look-up functions as a TypeScript program calls them (dynamic/lookups.ts). */
import { getEndpointService, getEndpointServiceOutput } from "../../../provider";
import { CREDENTIAL_ENV, useHarness, withEnv } from "../../support/provider-harness";

const harness = useHarness();

test("reads with the stack's mongodbatlas config when the environment has no credentials", async () => {
  const noEnv = Object.fromEntries(CREDENTIAL_ENV.map((name) => [name, undefined]));
  const stackConfig = {
    "mongodbatlas:publicKey": harness.seed.apiKey.publicKey,
    "mongodbatlas:privateKey": harness.seed.apiKey.privateKey,
    "mongodbatlas:baseUrl": harness.simulator.baseUrl,
  };
  await withEnv({ ...noEnv, PULUMI_CONFIG: JSON.stringify(stackConfig) }, async () => {
    const found = await getEndpointService({ groupId: harness.seed.groupId, region: "us-east-1" });
    expect(found).toMatchObject({ endpointServiceId: harness.seed.endpointServices.AWS, regionName: "US_EAST_1" });
  });
});

test("the Output form takes inputs and gives the result as an Output", async () => {
  const found = getEndpointServiceOutput({ groupId: Promise.resolve(harness.seed.groupId), cloudProvider: "AZURE", region: "eastus2" });
  const id = await new Promise<string>((resolve) => found.apply((value) => resolve(value.endpointServiceId)));
  expect(id).toBe(harness.seed.endpointServices.AZURE);
});
