/** A DataFederationEndpoint's create, update, refresh, import and destroy against the simulator. */
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { dataFederationProvider as provider, HELD_DELAY, HELD_MS, PROVIDER_TEXT, until, useHarness } from "../../support/provider-harness";

const harness = useHarness();

async function create(args: Record<string, unknown>) {
  return harness.observe(provider.create(await harness.checkedDataFederation(args)));
}

const inAtlas = async (endpointId: unknown) =>
  (await harness.control.dataFederationEndpoints()).filter((entry) => entry.endpointId.toLowerCase() === String(endpointId).toLowerCase());
const signed = async () => (await harness.requests()).filter((r) => r.auth !== "challenge" && r.path.includes("/privateNetworkSettings/"));
const posts = async () => (await signed()).filter((r) => r.method === "POST");
/** The entry as Atlas answers for it. */
const atlasEntry = (endpointId: unknown) =>
  connectToAtlas().getDataFederationEndpoint({ groupId: harness.seed.groupId, endpointId: String(endpointId) });

describe("create", () => {
  test("adds an AWS entry of type DATA_LAKE, waits through PENDING to OK, and records Atlas's answer", async () => {
    await harness.delays({ dataFederationPendingMs: HELD_DELAY });
    harness.releaseHeldPhases(["PENDING"]);
    const args = harness.dataFederationArgs({
      comment: "orders archive",
      region: "us-east-1",
      customerEndpointDNSName: "vpce-0a1b2c3d4e5f6a7b8-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
    });
    const { id, outs } = await create(args);
    expect(id).toBe(`${harness.seed.groupId}:AWS:${args.endpointId}`);
    expect(outs).toMatchObject({
      groupId: harness.seed.groupId,
      cloudProvider: "AWS",
      endpointId: args.endpointId,
      comment: "orders archive",
      region: "us-east-1",
      type: "DATA_LAKE",
      status: "OK",
      adopted: false,
    });
    // What Atlas holds: one POST made it, with the region in Atlas's spelling.
    expect(await posts()).toHaveLength(1);
    expect(await atlasEntry(args.endpointId)).toEqual({
      endpointId: args.endpointId,
      provider: "AWS",
      type: "DATA_LAKE",
      comment: "orders archive",
      region: "US_EAST_1",
      customerEndpointDNSName: args.customerEndpointDNSName,
      status: "OK",
    });
    // The wait met PENDING (held until the provider had read it) before OK.
    const reads = (await signed()).filter((r) => r.method === "GET" && r.path.endsWith(String(args.endpointId)));
    expect(reads.map((r) => r.answeredStatus)).toEqual(expect.arrayContaining(["PENDING", "OK"]));
    expect(harness.progress).toEqual(
      expect.arrayContaining([
        `[DataFederationEndpoint] AWS Data Federation endpoint ${args.endpointId}: PENDING, waiting for OK`,
        expect.stringMatching(
          new RegExp(`^\\[DataFederationEndpoint\\] AWS Data Federation endpoint ${args.endpointId}: PENDING -> OK after `),
        ),
      ]),
    );
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ status: "OK", comment: "orders archive" })]);
  });

  test("an Azure entry's resource id is URL-encoded exactly once in every path it is read and deleted by", async () => {
    const args = harness.azureDataFederationArgs({ region: "eastus2", azureLinkId: "520100101", customerEndpointIPAddress: "10.0.0.7" });
    const { id, outs } = await create(args);
    expect(id).toBe(`${harness.seed.groupId}:AZURE:${args.endpointId}`);
    expect(outs).toMatchObject({ status: "OK", region: "eastus2", azureLinkId: "520100101", customerEndpointIPAddress: "10.0.0.7" });
    expect(await atlasEntry(args.endpointId)).toMatchObject({ provider: "AZURE", region: "US_EAST_2", azureLinkId: "520100101" });
    await harness.observe(provider.delete(id, { ...outs, __provider: PROVIDER_TEXT }));
    const byId = (await signed()).filter((r) => r.method !== "POST" && r.path.includes("privateEndpoints"));
    expect(byId.length).toBeGreaterThanOrEqual(3); // the wait's GET, the DELETE, the gone-wait's GETs
    for (const r of byId) {
      expect(r.path).toContain(encodeURIComponent(String(args.endpointId)));
      expect(r.path).not.toContain("%252F");
    }
    expect(await inAtlas(args.endpointId)).toEqual([]);
  });

  test("FAILED ends the create with Atlas's errorMessage, and the entry is recorded in the stack, not orphaned", async () => {
    await harness.control.nextDataFederationEndpoint({
      status: "FAILED",
      errorMessage: "VPC endpoint vpce-x is not connected to the Data Federation service",
    });
    const args = harness.dataFederationArgs();
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /^AWS Data Federation endpoint vpce-\w+ did not become OK: VPC endpoint vpce-x is not connected to the Data Federation service \(status FAILED\)\. .*pulumi up --replace/,
    );
    expect(error.id).toBe(`${harness.seed.groupId}:AWS:${args.endpointId}`);
    expect(error.properties).toMatchObject({
      status: "FAILED",
      errorMessage: expect.stringContaining("not connected"),
      __provider: PROVIDER_TEXT,
    });
    expect(await inAtlas(args.endpointId)).toHaveLength(1);
    // What the stack recorded is enough to remove it.
    await harness.observe(provider.delete(error.id as string, error.properties as Record<string, unknown>));
    expect(await inAtlas(args.endpointId)).toEqual([]);
  });

  test("a create deadline while Atlas holds PENDING records the entry as not ready, and the next up resumes the wait to OK", async () => {
    await harness.control.nextDataFederationEndpoint({ status: "PENDING" });
    const args = harness.dataFederationArgs({ timeouts: { create: "200ms" } });
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/was not OK within the create timeout of 200ms \(last status PENDING\)/);
    expect(error.properties).toMatchObject({ status: "PENDING" });
    // Atlas finishes later (here: the entry is added again once the held one is gone): the next up resumes.
    await harness.delays({ deletingMs: 0 });
    await connectToAtlas().deleteDataFederationEndpoint({ groupId: harness.seed.groupId, endpointId: String(args.endpointId) });
    await until(async () => (await inAtlas(args.endpointId)).length === 0, "the held entry is gone");
    const { outs } = await harness.observe(
      provider.update(error.id as string, error.properties as Record<string, unknown>, await harness.checkedDataFederation(args)),
    );
    expect(outs).toMatchObject({ status: "OK", adopted: false });
    expect(harness.progress.some((line) => line.endsWith("no longer in Atlas; adding it again"))).toBe(true);
  });
});

describe("update", () => {
  test("a comment change is one POST of the entry with the new comment, in place: Atlas keeps the rest", async () => {
    const args = harness.dataFederationArgs({ comment: "first" });
    const { id, outs } = await create(args);
    const createdAt = (await inAtlas(args.endpointId))[0]?.createdAt;
    const news = await harness.checkedDataFederation({ ...args, comment: "second" });
    expect(await provider.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false });
    await harness.clearRequests();
    const { outs: updated } = await harness.observe(provider.update(id, { ...outs, __provider: PROVIDER_TEXT }, news));
    expect(updated).toMatchObject({ comment: "second", status: "OK" });
    expect((await signed()).map((r) => r.method)).toEqual(["POST"]);
    // The same entry (added when the create ran, not anew), with only its comment changed.
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ comment: "second", status: "OK", createdAt })]);
  });

  test("an empty comment clears Atlas's; a comment left out leaves it, with no diff", async () => {
    const args = harness.dataFederationArgs({ comment: "to clear" });
    const { id, outs } = await create(args);
    expect(await provider.diff(id, outs, await harness.checkedDataFederation({ ...args, comment: undefined }))).toMatchObject({
      changes: false,
    });
    const { outs: cleared } = await harness.observe(
      provider.update(id, { ...outs, __provider: PROVIDER_TEXT }, await harness.checkedDataFederation({ ...args, comment: "" })),
    );
    expect(cleared.comment).toBeUndefined();
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ comment: "" })]);
  });

  test("a comment change for an entry removed outside Pulumi adds it anew and waits until it is OK", async () => {
    const args = harness.dataFederationArgs({ comment: "first" });
    const { id, outs } = await create(args);
    await harness.delays({ deletingMs: 0, dataFederationPendingMs: HELD_DELAY });
    await connectToAtlas().deleteDataFederationEndpoint({ groupId: harness.seed.groupId, endpointId: String(args.endpointId) });
    await until(async () => (await inAtlas(args.endpointId)).length === 0, "the entry is gone");
    harness.releaseHeldPhases(["PENDING"]);
    const { outs: updated } = await harness.observe(
      provider.update(id, { ...outs, __provider: PROVIDER_TEXT }, await harness.checkedDataFederation({ ...args, comment: "second" })),
    );
    expect(updated).toMatchObject({ comment: "second", status: "OK" });
    // The POST added it PENDING; the update read it until OK.
    expect((await signed()).some((r) => r.method === "GET" && r.answeredStatus === "PENDING")).toBe(true);
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ comment: "second", status: "OK" })]);
  });

  test("an option change (timeouts) is an update that asks Atlas nothing", async () => {
    const args = harness.dataFederationArgs();
    const { id, outs } = await create(args);
    await harness.clearRequests();
    const { outs: updated } = await harness.observe(
      provider.update(
        id,
        { ...outs, __provider: PROVIDER_TEXT },
        await harness.checkedDataFederation({ ...args, timeouts: { create: "2h" } }),
      ),
    );
    expect(updated).toMatchObject({ status: "OK", timeouts: { create: "2h" } });
    expect(await harness.requests()).toEqual([]);
  });

  test("a region change replaces the entry, deleting the old one first (the same endpoint id: Atlas would upsert onto it)", async () => {
    const args = harness.dataFederationArgs();
    const { id, outs } = await create(args);
    const news = await harness.checkedDataFederation({
      ...args,
      region: "US_EAST_1",
      customerEndpointDNSName: "vpce-1.vpce-svc-1.us-east-1.vpce.amazonaws.com",
    });
    expect(await provider.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["region", "customerEndpointDNSName"],
      deleteBeforeReplace: true,
    });
  });
});

describe("destroy", () => {
  test("waits while Atlas answers DELETING, and ends only when Atlas forgets the entry (its own 404, looked at twice)", async () => {
    const args = harness.dataFederationArgs();
    const { id, outs } = await create(args);
    await harness.delays({ deletingMs: HELD_DELAY });
    await harness.clearRequests();
    let done = false;
    const deleting = harness.observe(provider.delete(id, { ...outs, __provider: PROVIDER_TEXT })).finally(() => (done = true));
    await harness.untilRequest((r) => r.method === "GET" && r.answeredStatus === "DELETING", "the wait read DELETING");
    expect(done).toBe(false);
    await harness.control.advance(HELD_MS);
    await deleting;
    const gets = (await signed()).filter((r) => r.method === "GET");
    expect(gets.slice(-2).map((r) => r.status)).toEqual([404, 404]);
    expect(await inAtlas(args.endpointId)).toEqual([]);
  });
});

describe("refresh and import", () => {
  test("refresh shows a comment changed outside Pulumi as drift", async () => {
    const args = harness.dataFederationArgs({ comment: "ours" });
    const { id, outs } = await create(args);
    await connectToAtlas().createDataFederationEndpoint(
      { groupId: harness.seed.groupId },
      { endpointId: String(args.endpointId), provider: "AWS", type: "DATA_LAKE", comment: "theirs" },
    );
    const read = await harness.observe(provider.read(id, outs));
    expect(read.id).toBe(id);
    expect(read.inputs).toMatchObject({ comment: "theirs" });
    expect(read.props).toMatchObject({ comment: "theirs", status: "OK" });
    // The next up puts the program's comment back.
    expect(await provider.diff(id, read.props!, await harness.checkedDataFederation(args))).toMatchObject({ changes: true, replaces: [] });
  });

  test("refresh drops an entry removed outside Pulumi", async () => {
    const args = harness.dataFederationArgs();
    const { id, outs } = await create(args);
    await harness.delays({ deletingMs: 0 });
    await connectToAtlas().deleteDataFederationEndpoint({ groupId: harness.seed.groupId, endpointId: String(args.endpointId) });
    await expect(harness.observe(provider.read(id, outs))).resolves.toEqual({ id: "" });
  });

  test.each([
    ["this provider's id", (groupId: string, endpointId: string) => `${groupId}:AZURE:${endpointId}`],
    ["Terraform's import id <groupId>--<endpointId>", (groupId: string, endpointId: string) => `${groupId}--${endpointId}`],
  ])("import reads an Azure entry from %s alone, returning this provider's id", async (_form, idOf) => {
    const args = harness.azureDataFederationArgs({ comment: "theirs", region: "US_EAST_2", customerEndpointIPAddress: "10.1.2.3" });
    await connectToAtlas().createDataFederationEndpoint(
      { groupId: harness.seed.groupId },
      {
        endpointId: String(args.endpointId),
        provider: "AZURE",
        type: "DATA_LAKE",
        comment: "theirs",
        region: "US_EAST_2",
        customerEndpointIPAddress: "10.1.2.3",
      },
    );
    const read = await harness.observe(provider.read(idOf(harness.seed.groupId, String(args.endpointId)), {}));
    expect(read.id).toBe(`${harness.seed.groupId}:AZURE:${args.endpointId}`);
    expect(read.inputs).toEqual({ ...args, adoptExisting: true });
    expect(read.props).toMatchObject({ status: expect.stringMatching(/^(PENDING|OK)$/), type: "DATA_LAKE", adopted: false });
    // The imported inputs are the program's: nothing to change.
    expect(await provider.diff(read.id!, read.props!, await harness.checkedDataFederation(read.inputs!))).toMatchObject({ changes: false });
  });
});
