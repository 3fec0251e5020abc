/** What a StreamPrivateLink's create does when Atlas has the target already, or when its answer is lost. */
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { PROVIDER_TEXT, streamLinkProvider, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";
import { streamLinkArgs } from "../../support/stream-private-links";

const harness = useHarness();
beforeEach(() => harness.clearRequests());

const LINKS = /\/streams\/privateLinkConnections$/;

const args = (cloud: string, vendor: string, overrides: Record<string, unknown> = {}) =>
  streamLinkArgs(harness.seed.groupId, cloud, vendor, overrides);

async function create(declared: Record<string, unknown>) {
  return harness.observe(streamLinkProvider.create(await harness.checkedStreamLink(declared)));
}

/**
 * What Atlas holds, as the resource's create would send it, made straight through the API (another
 * stack, a console user); the request log then starts afresh, so it shows the resource's requests only.
 */
async function madeElsewhere(declared: Record<string, unknown>) {
  const { groupId, cloudProvider, ...fields } = declared;
  const made = await connectToAtlas().createStreamPrivateLink({ groupId: String(groupId) }, { provider: String(cloudProvider), ...fields });
  await harness.clearRequests();
  return made;
}

const linksTo = async (connectionIds: string[]) =>
  (await harness.control.streamPrivateLinks()).filter((link) => connectionIds.includes(link.connectionId));

const posts = async () => (await harness.requests()).filter((r) => r.method === "POST" && LINKS.test(r.path));

describe("a live connection to the same target (409)", () => {
  test("is adopted when it matches, after Atlas's 409 STREAM_PRIVATE_LINK_ALREADY_EXISTS, and recorded as adopted", async () => {
    const declared = args("AWS", "CONFLUENT");
    const existing = await madeElsewhere(declared);
    const { id, outs } = await create(declared);
    expect(outs).toMatchObject({ connectionId: existing.id, adopted: true, state: "DONE" });
    expect(id).toBe(`${harness.seed.groupId}:${existing.id}`);
    expect((await posts()).map((r) => r.status)).toEqual([409]);
    expect(harness.progress.some((line) => line.includes("adopting it because adoptExisting is true"))).toBe(true);
    expect(await linksTo([existing.id])).toHaveLength(1);
  });

  test("with adoptExisting false is refused, naming the connection and how to share it, and nothing is recorded", async () => {
    const declared = args("GCP", "PUBSUB");
    const existing = await madeElsewhere(declared);
    const error = await harness.failure(streamLinkProvider.create(await harness.checkedStreamLink({ ...declared, adoptExisting: false })));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      new RegExp(`Atlas already has the GCP PUBSUB stream private link .* \\(connection ${existing.id}; Atlas answered 409`),
    );
    expect(error.message).toContain("adoptExisting is false, so it is not taken over");
    expect((await posts()).map((r) => r.status)).toEqual([409]);
  });

  test("that differs from the inputs is refused, naming each difference", async () => {
    const declared = args("AWS", "CONFLUENT");
    const existing = await madeElsewhere(declared);
    const other = { ...declared, dnsSubDomain: ["use1-az9.elsewhere.aws.confluent.cloud"], authenticationScheme: "TLS" };
    const error = await harness.failure(streamLinkProvider.create(await harness.checkedStreamLink(other)));
    expect(error.message).toContain(`connection ${existing.id}: dnsSubDomain is ${JSON.stringify(declared.dnsSubDomain)} in Atlas`);
    expect(error.message).toContain("it differs from the inputs, so it is not adopted");
    expect(await linksTo([existing.id])).toHaveLength(1);
  });

  test("is adopted whatever Atlas calls its 409 (no public source spells the code)", async () => {
    const declared = args("AWS", "KINESIS");
    const existing = await madeElsewhere(declared);
    await harness.fault({
      method: "POST",
      pathPattern: "/streams/privateLinkConnections$",
      status: 409,
      errorCode: "DUPLICATE_CONNECTION",
      count: 1,
    });
    const { outs } = await create(declared);
    expect(outs).toMatchObject({ connectionId: existing.id, adopted: true });
    expect((await posts()).map((r) => r.status)).toEqual([409]);
  });

  test("a 409 while Atlas lists no live connection to the target fails saying to run up again, recording nothing", async () => {
    await harness.fault({
      method: "POST",
      pathPattern: "/streams/privateLinkConnections$",
      status: 409,
      errorCode: "DUPLICATE_CONNECTION",
      count: 1,
    });
    const error = await harness.failure(streamLinkProvider.create(await harness.checkedStreamLink(args("GCP", "PUBSUB"))));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /^Atlas answered 409 for the GCP PUBSUB stream private link .* but lists no live connection to that target; .*run `pulumi up` again in a minute\.$/,
    );
    expect((await posts()).map((r) => r.status)).toEqual([409]);
  });

  test("that is being deleted does not block a new one: Atlas no longer counts it", async () => {
    const declared = args("AWS", "MSK");
    const existing = await madeElsewhere(declared);
    await connectToAtlas().deleteStreamPrivateLink({ groupId: harness.seed.groupId, connectionId: existing.id });
    const { outs } = await create(declared);
    expect(outs).toMatchObject({ adopted: false, state: "DONE" });
    expect(outs.connectionId).not.toBe(existing.id);
  });
});

describe("after Atlas may have said yes", () => {
  const proxy = useRewritingProxy(harness);
  const viaProxy = () => {
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
  };

  test.each([
    ["dropped", "forwardThenDrop"],
    ["answered by a gateway's 502", "forwardThen502"],
  ] as const)(
    "a POST whose answer was %s after Atlas made the connection ends with it, found by listing, as this create's",
    async (_how, kind) => {
      const declared = args("AZURE", "EVENTHUB");
      proxy.rules.push({ method: "POST", path: LINKS, rewrite: { kind }, count: 1 });
      viaProxy();
      const { outs } = await create(declared);
      expect(proxy.log.filter((entry) => entry.action === kind)).toHaveLength(1);
      expect(outs).toMatchObject({ adopted: false, state: "DONE", serviceEndpointId: declared.serviceEndpointId });
      // The retried POST met the connection its first attempt made (409), and the search found it.
      expect((await posts()).map((r) => r.status)).toEqual([200, 409]);
      expect(harness.progress.some((line) => line.includes("a retried create found it"))).toBe(true);
      expect(await linksTo([String(outs.connectionId)])).toHaveLength(1);
    },
  );

  test("a 200 whose body cannot be read is found by listing, never thrown without an id", async () => {
    const declared = args("GCP", "CONFLUENT");
    proxy.rules.push({ method: "POST", path: LINKS, rewrite: { kind: "body", change: () => ({ provider: "GCP" }) }, count: 1 });
    viaProxy();
    const { outs } = await create(declared);
    expect(proxy.log.filter((entry) => entry.action === "body")).toHaveLength(1);
    expect(outs).toMatchObject({ adopted: false, state: "DONE" });
    expect((await posts()).map((r) => r.status)).toEqual([200]);
    expect(harness.progress.some((line) => line.includes("the create's answer was unreadable, Atlas lists it"))).toBe(true);
  });

  test("when the project cannot be listed after a lost answer, it is recorded as unconfirmed, and the next up finds it by its whole identity", async () => {
    const declared = args("AWS", "S3");
    // A connection to another target of the same vendor is in the project too: the next up must not take it.
    const bystander = await madeElsewhere(args("AWS", "S3"));
    proxy.rules.push({ method: "GET", path: LINKS, rewrite: { kind: "body", change: (body) => body }, count: 1 });
    proxy.rules.push({ method: "POST", path: LINKS, rewrite: { kind: "forwardThen502" }, count: 1 });
    proxy.rules.push({ method: "GET", path: LINKS, rewrite: { kind: "answer", status: 403 }, count: 1_000 });
    viaProxy();
    const inputs = await harness.checkedStreamLink(declared);
    const error = await harness.failure(streamLinkProvider.create(inputs));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.id).toBe(`${harness.seed.groupId}:unconfirmed:AWS:S3`);
    expect(error.message).toContain("recorded in the stack as unconfirmed");
    expect(proxy.log.filter((entry) => entry.action === "forwardThen502")).toHaveLength(1);
    const recorded = (error as unknown as ResourceInitError).properties;
    expect(recorded.__provider).toBe(PROVIDER_TEXT);
    expect(recorded.state).toBeUndefined();

    proxy.rules.length = 0;
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    const { outs } = await harness.observe(streamLinkProvider.update(String(error.id), recorded, inputs));
    expect(outs).toMatchObject({ adopted: false, state: "DONE", serviceEndpointId: declared.serviceEndpointId });
    expect(outs.connectionId).not.toBe(bystander.id);
    const inAtlas = (await connectToAtlas().listStreamPrivateLinks({ groupId: harness.seed.groupId })).filter(
      (link) => link.serviceEndpointId === declared.serviceEndpointId,
    );
    expect(inAtlas.map((link) => link.id)).toEqual([outs.connectionId]);
    expect(harness.progress.some((line) => line.includes("where an earlier create was unconfirmed"))).toBe(true);
  });

  test("an unconfirmed record whose connection Atlas never made is created by the next up, and refresh drops it until then", async () => {
    const declared = args("AWS", "LAMBDA");
    const inputs = await harness.checkedStreamLink(declared);
    const id = `${harness.seed.groupId}:unconfirmed:AWS:LAMBDA`;
    const recorded = { ...inputs, connectionId: "", adopted: false };
    await expect(harness.observe(streamLinkProvider.read(id, recorded))).resolves.toEqual({ id: "" });
    const { outs } = await harness.observe(streamLinkProvider.update(id, recorded, inputs));
    expect(outs).toMatchObject({ state: "DONE", region: declared.region, adopted: false });
    expect(harness.progress.some((line) => line.includes("no longer in Atlas; creating it again"))).toBe(true);
    expect((await posts()).map((r) => r.status)).toEqual([200]);
  });

  test("two stacks racing: one whose POST met the other's 409 with the answer lost adopts the other's connection", async () => {
    const declared = args("AWS", "MSK");
    const b = await create(declared);
    await harness.control.advance(2_000);
    // A listed the project before B's connection existed (the list hides it), then its POST met B's 409 unseen.
    proxy.rules.push({ method: "GET", path: LINKS, rewrite: { kind: "body", change: (body) => ({ ...body, results: [] }) }, count: 1 });
    proxy.rules.push({ method: "POST", path: LINKS, rewrite: { kind: "forwardThenDrop", anyStatus: true }, count: 1 });
    viaProxy();
    const a = await create(declared);
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    expect((await posts()).at(-1)?.status).toBe(409);
    expect(a.outs).toMatchObject({ connectionId: b.outs.connectionId, adopted: true });
    expect(harness.progress.some((line) => line.includes("another stack created it just before this create's POST"))).toBe(true);
  });
});
