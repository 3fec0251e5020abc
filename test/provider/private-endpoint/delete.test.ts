import { HELD_DELAY, HELD_MS, provider, PROVIDER_TEXT, until, useHarness } from "../../support/provider-harness";

const harness = useHarness();

/** Runs `operation` in the background: awaited later, a rejection meanwhile is not unhandled. */
function started<T>(operation: Promise<T>): Promise<T> {
  operation.catch(() => undefined);
  return operation;
}

test("delete waits until Atlas answers 404 for the endpoint", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.azureArgs())));
  await harness.clearRequests();
  await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  const calls = (await harness.requests()).filter((r) => r.path.includes("/endpoint/") && r.status !== 401);
  expect(calls[0]).toMatchObject({ method: "DELETE", status: 204 });
  expect(calls[calls.length - 1]).toMatchObject({ method: "GET", status: 404 });
  expect(calls.every((r) => r.path.includes("%2Fsubscriptions%2F") && !r.path.includes("%252F"))).toBe(true);
  expect((await harness.endpoints()).filter((e) => e.endpointId === created.outs.endpointId)).toEqual([]);
  expect(harness.progress.some((line) => /: DELETING, waiting for Atlas to remove it$/.test(line))).toBe(true);
  expect(harness.progress.some((line) => /: DELETING -> GONE after \d/.test(line))).toBe(true);
});

test("delete of an endpoint that is already gone succeeds", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  await expect(harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }))).resolves.toBeUndefined();
  expect(harness.progress.some((line) => line.endsWith("already gone from Atlas"))).toBe(true);
});

test("a single lagging 404 on the DELETE does not end the destroy: the second look finds the endpoint and it is deleted", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.clearRequests();
  await harness.fault({ method: "DELETE", pathPattern: "/endpoint/", status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: 1 });
  await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  const deletes = (await harness.requests()).filter((r) => r.method === "DELETE" && r.status !== 401);
  expect(deletes.map((r) => r.status)).toEqual([404, 204]);
  expect((await harness.endpoints()).filter((e) => e.endpointId === created.outs.endpointId)).toEqual([]);
  expect(harness.progress.some((line) => line.endsWith("already gone from Atlas"))).toBe(false);
});

test("a lagging 404 while Atlas is still deleting does not end the wait early: it ends at the 404 a second look confirms", async () => {
  // Atlas holds DELETING until the second look has met it, then the test lets the deletion finish.
  await harness.delays({ deletingMs: HELD_DELAY });
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.clearRequests();
  await harness.fault({ method: "GET", pathPattern: "/endpoint/", status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: 1 });
  const deleting = started(harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT })));
  await until(() => harness.progress.some((line) => /a second look found it/.test(line)), "the second look");
  await harness.control.advance(HELD_MS);
  await deleting;
  // The wait ended only once Atlas had really removed it.
  expect((await harness.endpoints()).filter((e) => e.endpointId === created.outs.endpointId)).toEqual([]);
  const gets = (await harness.requests()).filter((r) => r.method === "GET" && r.path.includes("/endpoint/") && r.status !== 401);
  expect(gets[0]?.status).toBe(404); // the fault fired on the first look
  expect(gets.slice(-2).map((r) => r.status)).toEqual([404, 404]);
  expect(harness.progress.some((line) => /a second look found it \(status DELETING\)/.test(line))).toBe(true);
});

test("delete with nothing but the id finds the endpoint from the id", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.gcpArgs())));
  await harness.observe(provider.delete(created.id, { __provider: PROVIDER_TEXT }));
  expect((await harness.endpoints()).filter((e) => e.endpointId === created.outs.endpointGroupName)).toEqual([]);
});

test("a delete timeout names the last status seen", async () => {
  await harness.delays({ deletingMs: 60_000_000 });
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs({ timeouts: { delete: "200ms" } }))));
  const error = await harness.failure(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(error.message).toMatch(/^AWS endpoint vpce-\w+ is still in Atlas after the delete timeout of 200ms \(last status DELETING\)\./);
  expect(error.message).toContain("raise timeouts.delete");
});

test("a second delete while Atlas is still deleting waits for the same deletion", async () => {
  // Atlas holds DELETING through the first delete's deadline and into the second delete's wait.
  await harness.delays({ deletingMs: HELD_DELAY });
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs({ timeouts: { delete: "50ms" } }))));
  const first = await harness.failure(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(first.message).toMatch(/after the delete timeout of 50ms \(last status DELETING\)/);
  await harness.clearRequests();
  const second = started(
    harness.observe(provider.delete(created.id, { ...created.outs, timeouts: { delete: "10m" }, __provider: PROVIDER_TEXT })),
  );
  const endpointGets = async () =>
    (await harness.requests()).filter((r) => r.method === "GET" && r.path.endsWith(String(created.outs.endpointId)));
  await until(async () => (await endpointGets()).some((r) => r.answeredStatus === "DELETING"), "the second delete waiting on DELETING");
  await harness.control.advance(HELD_MS);
  await second;
  expect((await harness.endpoints()).filter((e) => e.endpointId === created.outs.endpointId)).toEqual([]);
  // It waited on the deletion under way: DELETING first, then the 404 that ended it.
  const gets = await endpointGets();
  expect(gets[0]?.answeredStatus).toBe("DELETING");
  expect(gets.at(-1)?.status).toBe(404);
});

test("a delete refused by Atlas for another reason fails with Atlas's answer", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.fault({ method: "DELETE", status: 403, errorCode: "USER_UNAUTHORIZED", count: 1 });
  const error = await harness.failure(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(error.message).toMatch(/^Atlas answered 403 USER_UNAUTHORIZED for DELETE/);
  expect(await harness.endpoints()).toContainEqual(expect.objectContaining({ endpointId: created.outs.endpointId, status: "AVAILABLE" }));
});
