/** StreamPrivateLink's look-ups against the simulator: a project's connections, and one by its id. */
import { connectToAtlas } from "../../../provider/host/connection";
import { getStreamPrivateLink, getStreamPrivateLinks, lookups } from "../../../provider/stream-private-link/lookup";
import { useHarness } from "../../support/provider-harness";
import { streamLinkArgs } from "../../support/stream-private-links";

const harness = useHarness();

async function made(cloud: string, vendor: string) {
  const { groupId, cloudProvider, ...fields } = streamLinkArgs(harness.seed.groupId, cloud, vendor);
  return connectToAtlas().createStreamPrivateLink({ groupId }, { provider: cloudProvider, ...fields });
}

test("the folder exports both look-ups, each with inputs and outputs as property tables", () => {
  expect(lookups.map((lookup) => lookup.name)).toEqual(["getStreamPrivateLinks", "getStreamPrivateLink"]);
  expect(getStreamPrivateLinks.inputs.groupId?.input).toBe("required");
  expect(getStreamPrivateLink.outputs.interfaceEndpointId?.type).toEqual({ type: "string" });
});

test("getStreamPrivateLinks lists the project's connections, one cloud's or one vendor's when asked, leaving out those being deleted", async () => {
  const msk = await made("AWS", "MSK");
  const pubsub = await made("GCP", "PUBSUB");
  const going = await made("AWS", "KINESIS");
  await connectToAtlas().deleteStreamPrivateLink({ groupId: harness.seed.groupId, connectionId: going.id });

  const all = await getStreamPrivateLinks.run({ groupId: harness.seed.groupId });
  expect(all.groupId).toBe(harness.seed.groupId);
  expect(all.connections.map((c) => c.connectionId).sort()).toEqual([msk.id, pubsub.id].sort());
  expect(all.connections.find((c) => c.connectionId === msk.id)).toMatchObject({
    cloudProvider: "AWS",
    vendor: "MSK",
    region: "us-east-1",
  });

  const gcp = await getStreamPrivateLinks.run({ groupId: harness.seed.groupId, cloudProvider: "GCP" });
  expect(gcp.connections.map((c) => c.connectionId)).toEqual([pubsub.id]);
  const mskOnly = await getStreamPrivateLinks.run({ groupId: harness.seed.groupId, vendor: "MSK" });
  expect(mskOnly.connections.map((c) => c.connectionId)).toEqual([msk.id]);
});

test("getStreamPrivateLink reads one connection by its id, with the interface endpoint once Atlas made it", async () => {
  const link = await made("AZURE", "EVENTHUB");
  await harness.control.advance(60_000);
  const found = await getStreamPrivateLink.run({ groupId: harness.seed.groupId, connectionId: link.id });
  expect(found).toMatchObject({
    groupId: harness.seed.groupId,
    connectionId: link.id,
    cloudProvider: "AZURE",
    vendor: "EVENTHUB",
    state: "DONE",
  });
  expect(found.interfaceEndpointId).toMatch(/^\/subscriptions\/.*\/privateEndpoints\//);
});

test("a connection Atlas does not have is an error naming it and the project", async () => {
  const missing = "c".repeat(24);
  await expect(getStreamPrivateLink.run({ groupId: harness.seed.groupId, connectionId: missing })).rejects.toThrow(
    new RegExp(
      `^getStreamPrivateLink: Atlas has no stream private link ${missing} in project groupId="${harness.seed.groupId}" \\(Atlas answered 404`,
    ),
  );
});

test("bad arguments are refused before any request, each named with what it takes", async () => {
  await harness.clearRequests();
  await expect(getStreamPrivateLinks.run({ groupId: "nope", cloudProvider: "ORACLE" } as never)).rejects.toThrow(
    /^getStreamPrivateLinks: groupId must be 24 hexadecimal characters \(the Atlas project id\), got value="nope"; cloudProvider must be one of AWS, AZURE, GCP, got value="ORACLE"$/,
  );
  await expect(getStreamPrivateLink.run({ groupId: harness.seed.groupId } as never)).rejects.toThrow(
    /^getStreamPrivateLink: connectionId is required \(24 hexadecimal characters \(Atlas's id of the connection\)\)$/,
  );
  expect(await harness.requests()).toEqual([]);
});
