/**
 * DataFederationEndpoint's create against the simulator: Atlas's POST is an upsert, so what the project's list
 * already holds is adopted or refused before anything is sent; a lost or unreadable answer is found by the id the
 * inputs name, or recorded, never orphaned.
 */
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { dataFederationProvider as provider, PROVIDER_TEXT, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();

const LIST = /\/privateNetworkSettings\/endpointIds$/;
const ONE = /\/privateNetworkSettings\/endpointIds\/[^/]+$/;

const inAtlas = async (endpointId: unknown) =>
  (await harness.control.dataFederationEndpoints()).filter((entry) => entry.endpointId.toLowerCase() === String(endpointId).toLowerCase());
const signed = async (method: string) =>
  (await harness.requests()).filter((r) => r.auth !== "challenge" && r.method === method && r.path.includes("/privateNetworkSettings/"));

/** Adds an entry straight through the Atlas API, as another tool or stack would. */
async function addedElsewhere(args: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  await connectToAtlas().createDataFederationEndpoint(
    { groupId: harness.seed.groupId },
    {
      endpointId: String(args.endpointId),
      provider: (args.cloudProvider as "AWS" | "AZURE" | undefined) ?? "AWS",
      type: "DATA_LAKE",
      ...extra,
    },
  );
  await harness.clearRequests();
}

describe("an entry the project's list already has", () => {
  test("is adopted when it matches, with its comment set in place and nothing added anew", async () => {
    const args = harness.dataFederationArgs({ comment: "ours" });
    await addedElsewhere(args, { comment: "theirs" });
    const [before] = await inAtlas(args.endpointId);
    const { id, outs } = await harness.observe(provider.create(await harness.checkedDataFederation(args)));
    expect(id).toBe(`${harness.seed.groupId}:AWS:${args.endpointId}`);
    expect(outs).toMatchObject({ adopted: true, comment: "ours", status: "OK" });
    // One read of the list, one POST (the comment), and the same entry in Atlas.
    expect((await signed("GET")).filter((r) => LIST.test(r.path))).toHaveLength(1);
    expect(await signed("POST")).toHaveLength(1);
    expect(await inAtlas(args.endpointId)).toEqual([{ ...before, comment: "ours", status: "OK" }]);
    expect(harness.progress.some((line) => line.includes("adopting it because adoptExisting is true"))).toBe(true);
  });

  test("is adopted without a POST when its comment already is the declared one (or none is declared)", async () => {
    const args = harness.azureDataFederationArgs({ region: "US_EAST_2" });
    await addedElsewhere(args, { comment: "theirs", region: "US_EAST_2" });
    const { outs } = await harness.observe(provider.create(await harness.checkedDataFederation(args)));
    expect(outs).toMatchObject({ adopted: true, comment: "theirs", region: "US_EAST_2" });
    expect(await signed("POST")).toEqual([]);
  });

  test("is refused with adoptExisting false, naming it, and nothing is sent", async () => {
    const args = harness.dataFederationArgs({ adoptExisting: false, comment: "ours" });
    await addedElsewhere(args, { comment: "theirs" });
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /^AWS Data Federation endpoint vpce-\w+ is already in project groupId="\w+"'s Data Federation private endpoints \(status (PENDING|OK)\).*adoptExisting is false, so it is not taken over/,
    );
    expect(await signed("POST")).toEqual([]);
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ comment: "theirs" })]);
  });

  test("is refused when it differs in what Atlas cannot change, naming each difference", async () => {
    const args = harness.dataFederationArgs();
    await addedElsewhere(args, { region: "EU_WEST_1", customerEndpointDNSName: "vpce-1.vpce-svc-1.eu-west-1.vpce.amazonaws.com" });
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error.message).toMatch(/differs from the inputs, so it is not adopted: region is "EU_WEST_1" in Atlas, not set in the inputs; /);
    expect(error.message).toMatch(/customerEndpointDNSName is "vpce-1\.vpce-svc-1\.eu-west-1\.vpce\.amazonaws\.com" in Atlas, not set/);
    expect(await signed("POST")).toEqual([]);
  });

  test("is refused when Atlas has it FAILED, with Atlas's errorMessage", async () => {
    await harness.control.nextDataFederationEndpoint({ status: "FAILED", errorMessage: "endpoint rejected by the service" });
    const args = harness.dataFederationArgs();
    await addedElsewhere(args);
    await harness.control.advance(60_000);
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error.message).toMatch(/but it has failed \(status FAILED: endpoint rejected by the service\), so it is not adopted/);
    expect(await signed("POST")).toEqual([]);
  });

  test("still being removed is added anew, not adopted", async () => {
    const args = harness.dataFederationArgs();
    await addedElsewhere(args);
    await harness.delays({ deletingMs: 60_000 / 0.01 });
    await connectToAtlas().deleteDataFederationEndpoint({ groupId: harness.seed.groupId, endpointId: String(args.endpointId) });
    const { outs } = await harness.observe(provider.create(await harness.checkedDataFederation(args)));
    expect(outs).toMatchObject({ adopted: false, status: "OK" });
    expect(await inAtlas(args.endpointId)).toEqual([expect.objectContaining({ status: "OK", deleteRequested: false })]);
    expect(harness.progress.some((line) => line.includes("still being removed (status DELETING); adding it anew"))).toBe(true);
  });
});

describe("an answer that does not come back", () => {
  const proxy = useRewritingProxy(harness);

  test("a POST whose answer is lost after Atlas added the entry continues with it, found by its id, as this create's own", async () => {
    const args = harness.azureDataFederationArgs();
    // Atlas adds the entry, and every answer (the client's retries too) is lost on the way back.
    proxy.rules.push({ method: "POST", path: LIST, rewrite: { kind: "forwardThenDrop" } });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { id, outs } = await harness.observe(provider.create(await harness.checkedDataFederation(args)));
    expect(id).toBe(`${harness.seed.groupId}:AZURE:${args.endpointId}`);
    expect(outs).toMatchObject({ adopted: false, status: "OK" });
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop").length).toBeGreaterThanOrEqual(2);
    expect(harness.progress.some((line) => line.includes("the create's answer was lost, but Atlas lists it"))).toBe(true);
    expect(await inAtlas(args.endpointId)).toHaveLength(1);
  });

  test("a 201 whose body cannot be read is recorded and read again, never thrown without an id", async () => {
    const args = harness.dataFederationArgs();
    proxy.rules.push({ method: "POST", path: LIST, rewrite: { kind: "body", change: () => ["not", "a", "page"] }, count: 1 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { outs } = await harness.observe(provider.create(await harness.checkedDataFederation(args)));
    expect(outs).toMatchObject({ adopted: false, status: "OK" });
    expect(proxy.log.filter((entry) => entry.action === "body")).toHaveLength(1);
    expect(harness.progress.some((line) => line.includes("its answer could not be read"))).toBe(true);
  });

  test("a lost answer whose entry Atlas never lists within the grace is recorded under its id without a status, and the next up adds it", async () => {
    const args = harness.dataFederationArgs();
    // Atlas never gets the POST (answered by the proxy as a gateway would), yet it may have: the client cannot tell.
    proxy.rules.push({ method: "POST", path: LIST, rewrite: { kind: "answer", status: 502 } });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const error = await harness.failure(provider.create(await harness.checkedDataFederation(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.id).toBe(`${harness.seed.groupId}:AWS:${args.endpointId}`);
    expect(error.message).toMatch(
      /^Could not add AWS Data Federation endpoint vpce-\w+ .*Atlas may have added it before the answer was lost.*run `pulumi up` again to finish/,
    );
    expect(error.properties).toMatchObject({ groupId: harness.seed.groupId, endpointId: args.endpointId, __provider: PROVIDER_TEXT });
    expect((error.properties as Record<string, unknown>).status).toBeUndefined();
    // The search looked for it by its id through the grace, and found nothing.
    expect((await signed("GET")).filter((r) => ONE.test(r.path) && r.status === 404).length).toBeGreaterThanOrEqual(3);
    expect(await inAtlas(args.endpointId)).toEqual([]);

    proxy.rules.length = 0;
    const resumed = await harness.observe(
      provider.update(error.id as string, error.properties as Record<string, unknown>, await harness.checkedDataFederation(args)),
    );
    expect(resumed.outs).toMatchObject({ status: "OK", adopted: false });
    expect(await inAtlas(args.endpointId)).toHaveLength(1);
  });
});
