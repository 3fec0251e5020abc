/** getDataFederationEndpoints, the look-up of a project's Data Federation private endpoints, against the simulator. */
import { getDataFederationEndpoints, lookups } from "../../../provider/data-federation-endpoint/lookup";
import { connectToAtlas } from "../../../provider/host/connection";
import { azureEndpointId, hex, useHarness } from "../../support/provider-harness";

const harness = useHarness();

describe("getDataFederationEndpoints", () => {
  const aws = `vpce-${hex(17)}`;
  const azure = azureEndpointId();

  beforeAll(async () => {
    const client = connectToAtlas();
    const groupId = harness.seed.groupId;
    await client.createDataFederationEndpoint({ groupId }, { endpointId: aws, provider: "AWS", type: "DATA_LAKE", comment: "orders" });
    await client.createDataFederationEndpoint(
      { groupId },
      { endpointId: azure, provider: "AZURE", type: "DATA_LAKE", region: "US_EAST_2", customerEndpointIPAddress: "10.0.0.9" },
    );
  });

  test("lists every entry of the project, both clouds, in Atlas's order, in this package's words", async () => {
    const result = await harness.observe(getDataFederationEndpoints.run({ groupId: harness.seed.groupId }));
    expect(result.groupId).toBe(harness.seed.groupId);
    const ours = result.endpoints.filter((entry) => [aws, azure].includes(entry.endpointId));
    expect(ours).toEqual([
      { endpointId: aws, cloudProvider: "AWS", type: "DATA_LAKE", comment: "orders", status: expect.stringMatching(/^(PENDING|OK)$/) },
      {
        endpointId: azure,
        cloudProvider: "AZURE",
        type: "DATA_LAKE",
        region: "US_EAST_2",
        customerEndpointIPAddress: "10.0.0.9",
        status: expect.stringMatching(/^(PENDING|OK)$/),
      },
    ]);
  });

  test("with a cloud, lists only that cloud's entries", async () => {
    const result = await harness.observe(getDataFederationEndpoints.run({ groupId: harness.seed.groupId, cloudProvider: "AZURE" }));
    expect(result.cloudProvider).toBe("AZURE");
    expect(result.endpoints.map((entry) => entry.endpointId)).toContain(azure);
    expect(result.endpoints.every((entry) => entry.cloudProvider === "AZURE")).toBe(true);
  });

  test("is one read of the list, and writes nothing", async () => {
    await harness.clearRequests();
    await harness.observe(getDataFederationEndpoints.run({ groupId: harness.seed.groupId }));
    const signed = (await harness.requests()).filter((r) => r.auth !== "challenge");
    expect(signed.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/atlas/v2/groups/${harness.seed.groupId}/privateNetworkSettings/endpointIds`,
    ]);
  });

  test.each([
    [
      { groupId: "nope" },
      /^getDataFederationEndpoints: groupId must be 24 hexadecimal characters \(the Atlas project id\), got value="nope"$/,
    ],
    [{ groupId: "0".repeat(24), cloudProvider: "GCP" }, /cloudProvider must be AWS or AZURE \(or left out for both\), got value="GCP"/],
    [{ groupId: "0".repeat(24), region: "us-east-1" }, /region: not an argument \(groupId, cloudProvider\)/],
  ])("refuses %j naming the argument and what is allowed, asking Atlas nothing", async (args, message) => {
    await harness.clearRequests();
    await expect(harness.observe(getDataFederationEndpoints.run(args as never))).rejects.toThrow(message);
    expect(await harness.requests()).toEqual([]);
  });

  test("its Lookup definition runs the same function, for the plugin's schema function", async () => {
    const [lookup] = lookups;
    expect(lookup!.name).toBe("getDataFederationEndpoints");
    expect(Object.keys(lookup!.inputs)).toEqual(["groupId", "cloudProvider"]);
    const result = (await harness.observe(lookup!.run({ groupId: harness.seed.groupId }))) as { endpoints: { endpointId: string }[] };
    expect(result.endpoints.map((entry) => entry.endpointId)).toEqual(expect.arrayContaining([aws, azure]));
  });
});
