import { provider, PROVIDER_TEXT, useHarness } from "../../support/provider-harness";

const harness = useHarness();

test("refresh of an endpoint deleted outside Pulumi returns an empty id, dropping it from the stack", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  await harness.clearRequests();
  const read = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(read).toEqual({ id: "" });
  // Gone twice: the first 404, then a second look that agrees.
  const looks = (await harness.requests()).filter((r) => r.method === "GET" && r.path.includes("/endpoint/") && r.status !== 401);
  expect(looks.map((r) => r.status)).toEqual([404, 404]);
});

test("a single lagging 404 on refresh keeps an endpoint Atlas still holds: a second look after a short pause finds it", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.clearRequests();
  await harness.fault({ method: "GET", pathPattern: "/endpoint/", status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: 1 });
  const read = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(read.id).toBe(created.id);
  expect(read.props).toMatchObject({ endpointId: created.outs.endpointId, connectionStatus: "AVAILABLE" });
  // The fault fired: Atlas's first answer was the 404, the second look found the endpoint.
  const looks = (await harness.requests()).filter((r) => r.method === "GET" && r.path.includes("/endpoint/") && r.status !== 401);
  expect(looks.map((r) => r.status)).toEqual([404, 200]);
  expect(harness.progress.some((line) => /Atlas answered 404, but a second look found it \(status AVAILABLE\)/.test(line))).toBe(true);
});

test("refresh that meets a server error throws instead of reporting the endpoint gone", async () => {
  const created = await harness.observe(provider.create(await harness.checked(harness.azureArgs())));
  await harness.fault({ method: "GET", pathPattern: "/endpoint/", status: 500, count: 100 });
  const error = await harness.failure(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(error.message).toMatch(/^Atlas answered 500 .* for GET \/api\/atlas\/v2\/groups\/.*%2Fsubscriptions%2F/);
});

test("refresh reports Atlas's values as outputs and inputs, so drift shows", async () => {
  const args = harness.azureArgs();
  const created = await harness.observe(provider.create(await harness.checked(args)));
  // State that believes in another IP: refresh must show what Atlas has.
  const drifted = { ...created.outs, privateEndpointIPAddress: "10.9.9.9", __provider: PROVIDER_TEXT };
  const read = await harness.observe(provider.read(created.id, drifted));
  expect(read.props).toMatchObject({ privateEndpointIPAddress: "10.0.0.5", status: "AVAILABLE" });
  expect(read.inputs).toEqual({
    groupId: args.groupId,
    cloudProvider: "AZURE",
    endpointServiceId: args.endpointServiceId,
    endpointId: args.endpointId,
    privateEndpointIPAddress: "10.0.0.5",
    deleteOnCreateTimeout: false,
    adoptExisting: true,
    waitForClusters: true,
  });
});

test("refresh of a GCP group returns inputs without the forwarding rules' statuses", async () => {
  const args = harness.gcpArgs();
  const created = await harness.observe(provider.create(await harness.checked(args)));
  const read = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
  expect(read.inputs?.endpoints).toEqual(args.endpoints);
  expect(read.props?.endpoints).toEqual((args.endpoints as object[]).map((rule) => ({ ...rule, status: "AVAILABLE" })));
});

test("refresh with nothing but the id rebuilds the outputs from Atlas", async () => {
  const args = harness.gcpArgs();
  const created = await harness.observe(provider.create(await harness.checked(args)));
  const read = await harness.observe(provider.read(created.id, { __provider: PROVIDER_TEXT }));
  expect(read.id).toBe(created.id);
  expect(read.props).toEqual(created.outs);
});

test("refresh of an endpoint still being accepted returns its current status without waiting", async () => {
  await harness.delays({ awsPendingAcceptanceMs: 60_000_000 });
  const args = harness.awsArgs({ timeouts: { create: "100ms" } });
  const error = await harness.failure(provider.create(await harness.checked(args)));
  await harness.clearRequests();
  const read = await harness.observe(provider.read(error.id as string, error.properties as Record<string, unknown>));
  // One look, no polling: the request log holds a single signed GET of the endpoint.
  const gets = (await harness.requests()).filter(
    (r) => r.method === "GET" && r.path.endsWith(String(args.endpointId)) && r.auth !== "challenge",
  );
  expect(gets.map((r) => r.status)).toEqual([200]);
  expect(read.props).toMatchObject({ connectionStatus: "PENDING_ACCEPTANCE", timeouts: { create: "100ms" } });
});
