/** Create, refresh, import, update and destroy of a StreamPrivateLink against the simulator. */
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { HELD_DELAY, HELD_MS, hex, streamLinkProvider, useHarness } from "../../support/provider-harness";
import { streamLinkArgs } from "../../support/stream-private-links";

const harness = useHarness();
const msk = (overrides: Record<string, unknown> = {}) => streamLinkArgs(harness.seed.groupId, "AWS", "MSK", overrides);

const LINK = /\/streams\/privateLinkConnections\/[0-9a-f]{24}$/;
const LINKS = /\/streams\/privateLinkConnections$/;

async function create(args: Record<string, unknown>) {
  return harness.observe(streamLinkProvider.create(await harness.checkedStreamLink(args)));
}

const confluentArgs = (overrides: Record<string, unknown> = {}) => ({
  groupId: harness.seed.groupId,
  vendor: "CONFLUENT",
  region: "us-east-1",
  serviceEndpointId: `com.amazonaws.vpce.us-east-1.vpce-svc-${hex(17)}`,
  dnsDomain: `${hex(6)}.us-east-1.aws.confluent.cloud`,
  dnsSubDomain: [],
  ...overrides,
});

describe("create", () => {
  test("creates an AWS MSK link, waits through IDLE and WORKING to DONE, and outputs the interface endpoint Atlas made and the region it read from the arn", async () => {
    const args = msk();
    const { id, outs } = await create(args);
    expect(outs).toMatchObject({
      groupId: harness.seed.groupId,
      cloudProvider: "AWS",
      vendor: "MSK",
      arn: args.arn,
      region: "us-east-1",
      state: "DONE",
      adopted: false,
    });
    expect(outs.interfaceEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(outs.interfaceEndpointName).toMatch(/^atlas-streams-/);
    expect(id).toBe(`${harness.seed.groupId}:${outs.connectionId}`);
    const requests = await harness.requests();
    // The POST answered IDLE; the reads went through WORKING and stopped at DONE.
    expect(requests.filter((r) => r.method === "POST" && LINKS.test(r.path)).map((r) => [r.status, r.answeredStatus])).toEqual([
      [200, "IDLE"],
    ]);
    const seen = requests.filter((r) => r.method === "GET" && LINK.test(r.path)).map((r) => r.answeredStatus);
    expect(seen).toContain("WORKING");
    expect(seen.at(-1)).toBe("DONE");
    expect(harness.progress).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/stream private link [0-9a-f]{24}: IDLE, waiting for DONE$/),
        expect.stringMatching(/: WORKING -> DONE after /),
      ]),
    );
  });

  test("a GCP Confluent link outputs the Private Service Connect connection ids, one per attachment", async () => {
    const attachments = [1, 2].map((n) => `projects/confluent-${hex(6)}/regions/us-west1/serviceAttachments/s-${n}`);
    const { outs } = await create({
      groupId: harness.seed.groupId,
      cloudProvider: "GCP",
      vendor: "CONFLUENT",
      region: "us-west1",
      dnsDomain: `${hex(6)}.us-west1.gcp.confluent.cloud`,
      gcpServiceAttachmentUris: attachments,
    });
    expect(outs).toMatchObject({ cloudProvider: "GCP", state: "DONE", gcpServiceAttachmentUris: attachments });
    expect(outs.gcpConnectionIds).toHaveLength(2);
    expect(outs.interfaceEndpointId).toBeUndefined();
  });

  test("a link Atlas ends FAILED is recorded with Atlas's errorMessage and the state, never left out of the stack", async () => {
    expect(
      await harness.control.nextStreamPrivateLink({ state: "FAILED", errorMessage: "the MSK cluster does not allow the Atlas principal" }),
    ).toBe(1);
    const error = await harness.failure(streamLinkProvider.create(await harness.checkedStreamLink(msk())));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /stream private link [0-9a-f]{24} did not become DONE: the MSK cluster does not allow the Atlas principal \(status FAILED\)\. It is recorded in the stack with that state/,
    );
    expect((error as unknown as ResourceInitError).properties).toMatchObject({
      state: "FAILED",
      errorMessage: "the MSK cluster does not allow the Atlas principal",
    });
    expect((await harness.control.streamPrivateLinks()).map((link) => link.state)).toContain("FAILED");
  });

  test("a link still WORKING at the create deadline is recorded as not ready, and the next up resumes the wait to DONE", async () => {
    await harness.delays({ streamLinkWorkingMs: HELD_DELAY });
    const args = msk({ timeouts: { create: "200ms" } });
    const error = await harness.failure(streamLinkProvider.create(await harness.checkedStreamLink(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    const recorded = error as unknown as ResourceInitError;
    expect(error.message).toMatch(/was not DONE within the create timeout of 200ms \(last status (IDLE|WORKING)\)/);
    await harness.control.advance(HELD_MS);
    const { outs } = await harness.observe(
      streamLinkProvider.update(
        recorded.id,
        recorded.properties,
        await harness.checkedStreamLink({ ...args, timeouts: { create: "60m" } }),
      ),
    );
    expect(outs).toMatchObject({ state: "DONE", connectionId: recorded.properties.connectionId });
    expect(harness.progress.some((line) => line.includes("resuming the wait for DONE"))).toBe(true);
  });
});

describe("refresh and import", () => {
  test("refresh reads the link, and drops it once Atlas deleted it outside the program", async () => {
    const { id, outs } = await create(confluentArgs());
    const read = await harness.observe(streamLinkProvider.read(id, outs));
    expect(read).toMatchObject({ id, props: { state: "DONE", connectionId: outs.connectionId } });
    await harness.delays({ streamLinkDeleteRequestedMs: 0, deletingMs: 0 });
    await connectToAtlas().deleteStreamPrivateLink({ groupId: harness.seed.groupId, connectionId: String(outs.connectionId) });
    await expect(harness.observe(streamLinkProvider.read(id, outs))).resolves.toEqual({ id: "" });
  });

  test.each([
    ["this provider's id", (group: string, connection: string) => `${group}:${connection}`],
    ["Terraform's import id", (group: string, connection: string) => `${group}-${connection}`],
  ])("import reads a link from %s alone and answers with the canonical id and inputs check accepts", async (_form, idOf) => {
    const arn = String(msk().arn);
    const made = await connectToAtlas().createStreamPrivateLink({ groupId: harness.seed.groupId }, { provider: "AWS", vendor: "MSK", arn });
    const read = await harness.observe(streamLinkProvider.read(idOf(harness.seed.groupId, made.id), {}));
    expect(read.id).toBe(`${harness.seed.groupId}:${made.id}`);
    expect(read.props).toMatchObject({
      cloudProvider: "AWS",
      vendor: "MSK",
      arn,
      region: "us-east-1",
      connectionId: made.id,
      adopted: false,
    });
    // MSK takes no region: the inputs leave out the one Atlas read from the arn, so check accepts them.
    expect(read.inputs).toEqual({ groupId: harness.seed.groupId, cloudProvider: "AWS", vendor: "MSK", arn, adoptExisting: true });
    expect((await streamLinkProvider.check({}, read.inputs!)).failures).toEqual([]);
    await expect(streamLinkProvider.diff(read.id!, read.props!, read.inputs!)).resolves.toMatchObject({ changes: false });
  });

  test("an id of neither form is refused naming both", async () => {
    const error = await harness.failure(streamLinkProvider.read("not-an-id", {}));
    expect(error.message).toContain(
      'value="not-an-id" is not of the form <groupId>:<connectionId> (or Terraform\'s <groupId>-<connectionId>)',
    );
  });
});

describe("update", () => {
  test("options alone change nothing in Atlas and call nothing", async () => {
    const args = msk();
    const { id, outs } = await create(args);
    await harness.clearRequests();
    const { outs: updated } = await harness.observe(
      streamLinkProvider.update(id, outs, await harness.checkedStreamLink({ ...args, timeouts: { create: "2h" }, adoptExisting: false })),
    );
    expect(updated).toMatchObject({ state: "DONE", adoptExisting: false, timeouts: { create: "2h" }, connectionId: outs.connectionId });
    expect(await harness.requests()).toEqual([]);
  });
});

describe("destroy", () => {
  test("DELETE answers 202 and destroy waits through DELETE_REQUESTED and DELETING until Atlas answers 404", async () => {
    const { id, outs } = await create(confluentArgs());
    await harness.clearRequests();
    harness.releaseHeldPhases(["DELETE_REQUESTED", "DELETING"]);
    await harness.delays({ streamLinkDeleteRequestedMs: HELD_DELAY, deletingMs: HELD_DELAY });
    await harness.observe(streamLinkProvider.delete(id, outs));
    const requests = (await harness.requests()).filter((r) => LINK.test(r.path));
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([202]);
    const states = requests.filter((r) => r.method === "GET").map((r) => r.answeredStatus ?? r.status);
    expect(states).toEqual(expect.arrayContaining(["DELETE_REQUESTED", "DELETING", 404]));
    expect(states.at(-1)).toBe(404);
    expect((await harness.control.streamPrivateLinks()).filter((link) => link.connectionId === outs.connectionId)).toEqual([]);
  });

  test("a link already gone is destroyed without error", async () => {
    const { id, outs } = await create(msk());
    await harness.delays({ streamLinkDeleteRequestedMs: 0, deletingMs: 0 });
    await connectToAtlas().deleteStreamPrivateLink({ groupId: harness.seed.groupId, connectionId: String(outs.connectionId) });
    await harness.observe(streamLinkProvider.delete(id, outs));
    expect(harness.progress.some((line) => line.includes("already gone from Atlas"))).toBe(true);
  });
});
