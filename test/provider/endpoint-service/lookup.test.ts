/** getEndpointService against the simulator (endpoint-service/lookup.ts). */
import { getEndpointService } from "../../../provider/endpoint-service/lookup";
import { connectToAtlas } from "../../../provider/host/connection";
import { useHarness } from "../../support/provider-harness";

const harness = useHarness();

const create = (providerName: "AWS" | "AZURE" | "GCP", region: string, portMappingEnabled?: boolean) =>
  connectToAtlas().createEndpointService(
    { groupId: harness.seed.groupId },
    { providerName, region, ...(portMappingEnabled === undefined ? {} : { portMappingEnabled }) },
  );

test("finds the project's service for a cloud and region in either spelling, with what an endpoint connects to", async () => {
  const created = await create("AWS", "EU_WEST_3");
  await harness.clearRequests();
  for (const region of ["eu-west-3", "EU_WEST_3"]) {
    const found = await getEndpointService.run({ groupId: harness.seed.groupId, region });
    expect(found).toMatchObject({ endpointServiceId: created.id, cloudProvider: "AWS", regionName: "EU_WEST_3" });
  }
  await harness.control.advance(60_000);
  const available = await getEndpointService.run({ groupId: harness.seed.groupId, region: "eu-west-3" });
  expect(available.status).toBe("AVAILABLE");
  expect(available.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-3\.vpce-svc-/);
  // A look-up only reads.
  expect((await harness.requests()).filter((r) => r.method !== "GET")).toEqual([]);
});

test("on GCP, a region with a legacy and a port-mapped service needs portMappingEnabled to say which", async () => {
  const legacy = await create("GCP", "WESTERN_EUROPE");
  const mapped = await create("GCP", "WESTERN_EUROPE", true);
  await expect(getEndpointService.run({ groupId: harness.seed.groupId, cloudProvider: "GCP", region: "europe-west1" })).rejects.toThrow(
    /holds a port-mapped and a legacy service .*say which with portMappingEnabled/,
  );
  const found = (portMappingEnabled: boolean) =>
    getEndpointService.run({ groupId: harness.seed.groupId, cloudProvider: "GCP", region: "europe-west1", portMappingEnabled });
  expect((await found(true)).endpointServiceId).toBe(mapped.id);
  expect((await found(false)).endpointServiceId).toBe(legacy.id);
});

test("fails naming the regions the project has when Atlas has none in the one asked for", async () => {
  await create("AZURE", "UK_SOUTH");
  await expect(getEndpointService.run({ groupId: harness.seed.groupId, cloudProvider: "AZURE", region: "japaneast" })).rejects.toThrow(
    /no endpoint service for AZURE region JAPAN_EAST .*it has AZURE services in .*UK_SOUTH.*Create it with an EndpointService resource/,
  );
});

test("refuses bad arguments before any request, naming each and what is allowed", async () => {
  await harness.clearRequests();
  const error = await getEndpointService.run({ groupId: "nope", cloudProvider: "AWS", region: "mars-north-1" }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(
    /^getEndpointService: groupId must be 24 hexadecimal characters .*value="nope".*region must be .*value="mars-north-1"/,
  );
  expect(await harness.requests()).toEqual([]);
});
