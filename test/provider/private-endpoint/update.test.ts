import { ResourceInitError } from "../../../provider";
import { HELD_DELAY, HELD_MS, provider, PROVIDER_TEXT, useHarness } from "../../support/provider-harness";

const harness = useHarness();

/** Creates an endpoint whose create deadline passes; returns what the engine would record. */
async function createdNotReady(args: Record<string, unknown>) {
  const error = await harness.failure(provider.create(await harness.checked({ ...args, timeouts: { create: "150ms" } })));
  expect(error).toBeInstanceOf(ResourceInitError);
  return { id: error.id as string, olds: error.properties as Record<string, unknown> };
}

test("an option-only update returns the complete outputs and makes no call to Atlas", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.gcpArgs())));
  const olds = { ...created.outs, __provider: PROVIDER_TEXT };
  const news = await harness.checked({
    ...harness.gcpArgs(),
    ...pickInputs(created.outs),
    timeouts: { create: "90m" },
    adoptExisting: false,
  });
  expect(await provider.diff(created.id, olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  await harness.clearRequests();
  const updated = await harness.observe(provider.update(created.id, olds, news));
  expect(updated.outs).toEqual({ ...created.outs, timeouts: { create: "90m" }, adoptExisting: false });
  expect(await harness.requests()).toEqual([]);
});

test("after a create deadline, the next update resumes waiting and returns AVAILABLE outputs", async () => {
  // Atlas holds PENDING_ACCEPTANCE (a minute of the simulator's clock) past the create deadline however
  // slow the machine, and lets it go when the test moves the simulator's clock past it.
  await harness.delays({ awsPendingAcceptanceMs: HELD_DELAY });
  const args = harness.awsArgs();
  const { id, olds } = await createdNotReady(args);
  expect(olds.connectionStatus).toBe("PENDING_ACCEPTANCE");
  const news = await harness.checked(args);
  await harness.clearRequests();
  const updating = harness.observe(provider.update(id, olds, news));
  updating.catch(() => undefined); // awaited below; a rejection meanwhile is not unhandled
  // The update has read the held status before Atlas moves on.
  await harness.untilRequest(
    (r) => r.method === "GET" && r.path.endsWith(String(args.endpointId)) && r.answeredStatus === "PENDING_ACCEPTANCE",
    "the update read PENDING_ACCEPTANCE",
  );
  await harness.control.advance(HELD_MS);
  const updated = await updating;
  expect(updated.outs).toMatchObject({ connectionStatus: "AVAILABLE", endpointId: args.endpointId, adopted: false });
  expect(updated.outs).not.toHaveProperty("__provider");
  expect(updated.outs).not.toHaveProperty("timeouts");
  expect(harness.progress.some((line) => line.includes("resuming the wait for AVAILABLE (status PENDING_ACCEPTANCE)"))).toBe(true);
});

test("a resumed wait that passes the deadline again stays recorded under the same id", async () => {
  await harness.delays({ azureInitiatingMs: 60_000_000 });
  const args = harness.azureArgs();
  const { id, olds } = await createdNotReady(args);
  const error = await harness.failure(provider.update(id, olds, await harness.checked({ ...args, timeouts: { create: "150ms" } })));
  expect(error).toBeInstanceOf(ResourceInitError);
  expect(error.id).toBe(id);
  expect(error.properties).toMatchObject({ status: "INITIATING", __provider: PROVIDER_TEXT });
});

test("an update of an endpoint Atlas no longer has registers it again", async () => {
  await harness.delays({ awsPendingAcceptanceMs: 60_000_000 });
  const args = harness.awsArgs();
  const { id, olds } = await createdNotReady(args);
  await harness.observe(provider.delete(id, olds));
  await harness.delays({ awsPendingAcceptanceMs: 3_000 });
  const updated = await harness.observe(provider.update(id, olds, await harness.checked(args)));
  expect(updated.outs).toMatchObject({ connectionStatus: "AVAILABLE" });
  expect(harness.progress.some((line) => line.includes("no longer in Atlas; registering it again"))).toBe(true);
  expect((await harness.endpoints()).filter((e) => e.endpointId === args.endpointId)).toEqual([
    expect.objectContaining({ status: "AVAILABLE" }),
  ]);
});

test("an update of an endpoint Atlas rejected fails again with Atlas's message", async () => {
  const args = harness.awsArgs({ endpointId: "vpce-00000000000000000" });
  const first = await harness.failure(provider.create(await harness.checked(args)));
  const error = await harness.failure(
    provider.update(first.id as string, first.properties as Record<string, unknown>, await harness.checked(args)),
  );
  expect(error).toBeInstanceOf(ResourceInitError);
  expect(error.message).toContain("Interface endpoint vpce-00000000000000000 was not found.");
  expect(error.message).toContain("pulumi up --replace");
});

function pickInputs(outs: Record<string, unknown>) {
  const { groupId, cloudProvider, endpointServiceId, gcpProjectId, endpointGroupName, endpoints } = outs as Record<string, unknown> & {
    endpoints: { endpointName: string; ipAddress: string }[];
  };
  return {
    groupId,
    cloudProvider,
    endpointServiceId,
    gcpProjectId,
    endpointGroupName,
    endpoints: endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })),
  };
}
