import { ResourceInitError } from "../../../provider";
import { hex, provider, PROVIDER_TEXT, useHarness } from "../../support/provider-harness";

const harness = useHarness();

/** Registers an endpoint directly (outside the resource), as another stack or a person would. */
async function existingEndpoint(args: Record<string, unknown>) {
  return harness.observe(provider.create(await harness.checked(args)));
}

describe("when Atlas answers 409 because the endpoint exists", () => {
  test("adopts an existing AWS endpoint and reports adopted: true", async () => {
    const args = harness.awsArgs();
    const first = await existingEndpoint(args);
    const adopted = await harness.observe(provider.create(await harness.checked(args)));
    expect(adopted.id).toBe(first.id);
    expect(adopted.outs).toMatchObject({ adopted: true, connectionStatus: "AVAILABLE" });
    expect(harness.progress.some((line) => line.includes("adopting it because adoptExisting is true"))).toBe(true);
    expect((await harness.endpoints()).filter((e) => e.endpointId === args.endpointId)).toHaveLength(1);
  });

  test("adopts a matching GCP group even with its forwarding rules listed in another order", async () => {
    const args = harness.gcpArgs();
    await existingEndpoint(args);
    const reordered = { ...args, endpoints: [...(args.endpoints as object[])].reverse() };
    const adopted = await harness.observe(provider.create(await harness.checked(reordered)));
    expect(adopted.outs).toMatchObject({ adopted: true, status: "AVAILABLE" });
  });

  test("refuses to adopt an Azure endpoint whose IP differs, naming both values", async () => {
    const args = harness.azureArgs();
    await existingEndpoint(args);
    const error = await harness.failure(provider.create(await harness.checked({ ...args, privateEndpointIPAddress: "10.0.0.9" })));
    expect(error.message).toContain(
      'differs from the inputs, so it is not adopted: privateEndpointIPAddress is "10.0.0.5" in Atlas, "10.0.0.9" in the inputs',
    );
    expect(error.id).toBeUndefined();
  });

  test("refuses to adopt a GCP group whose forwarding rules differ", async () => {
    const args = harness.gcpArgs();
    await existingEndpoint(args);
    const rules = args.endpoints as { endpointName: string; ipAddress: string }[];
    const error = await harness.failure(
      provider.create(await harness.checked({ ...args, endpoints: [rules[0], { ...rules[1]!, ipAddress: "10.142.0.99" }] })),
    );
    expect(error.message).toMatch(/endpoints are \[.*=10\.142\.0\.11\] in Atlas, \[.*=10\.142\.0\.99\] in the inputs/);
  });

  test("with adoptExisting false fails and says how to take it over", async () => {
    const args = harness.awsArgs();
    await existingEndpoint(args);
    const error = await harness.failure(provider.create(await harness.checked({ ...args, adoptExisting: false })));
    expect(error.message).toMatch(/already registered with Atlas endpoint service .* \(Atlas answered 409 .*\)\. adoptExisting is false/);
    expect(error.message).toContain("set adoptExisting: true");
  });

  test("refuses to adopt an endpoint that is being deleted", async () => {
    await harness.delays({ deletingMs: 60_000_000 });
    const args = harness.awsArgs();
    const first = await existingEndpoint(args);
    const deleting = provider
      .delete(first.id, { ...first.outs, timeouts: { delete: "200ms" }, __provider: PROVIDER_TEXT })
      .catch(() => undefined);
    // Until Atlas has the delete request (state, not a fixed sleep).
    for (let i = 0; !(await harness.endpoints()).some((e) => e.endpointId === args.endpointId && e.deleteRequested); i++) {
      if (i > 1_000) throw new Error("the DELETE never reached the simulator");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error.message).toMatch(/is being deleted \(status DELETING\)/);
    await deleting;
  });
});

describe("when Atlas fails the endpoint after accepting it", () => {
  test("an AWS endpoint that goes REJECTED fails with Atlas's message and is recorded, not orphaned", async () => {
    const args = harness.awsArgs({ endpointId: "vpce-00000000000000000" });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toContain("Interface endpoint vpce-00000000000000000 was not found.");
    expect(error.message).toContain("(status REJECTED)");
    expect(error.id).toBe(`${args.groupId}:AWS:${args.endpointServiceId}:vpce-00000000000000000`);
    expect(error.properties).toMatchObject({
      connectionStatus: "REJECTED",
      errorMessage: "Interface endpoint vpce-00000000000000000 was not found.",
      __provider: PROVIDER_TEXT,
    });
    expect(error.reasons).toEqual([error.message]);
  });

  test("an Azure endpoint that goes FAILED fails with Atlas's message", async () => {
    const args = harness.azureArgs({
      endpointId: `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-missing-${hex(4)}`,
    });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/did not become AVAILABLE: Private endpoint .*pe-missing-.* was not found\. \(status FAILED\)/);
    expect(error.properties).toMatchObject({ status: "FAILED", __provider: PROVIDER_TEXT });
  });

  test("a GCP group with a missing forwarding rule fails naming it", async () => {
    const args = harness.gcpArgs();
    const group = args.endpointGroupName as string;
    const error = await harness.failure(
      provider.create(await harness.checked({ ...args, endpoints: [{ endpointName: `${group}-missing`, ipAddress: "10.142.0.10" }] })),
    );
    expect(error.message).toContain(`Forwarding rule ${group}-missing was not found`);
    expect(error.properties).toMatchObject({ status: "FAILED", endpoints: [{ endpointName: `${group}-missing`, status: "FAILED" }] });
  });
});

describe("the create deadline", () => {
  test("by default fails with the id and outputs, so the engine records the endpoint as not ready", async () => {
    await harness.delays({ awsPendingAcceptanceMs: 60_000_000 });
    const args = harness.awsArgs({ timeouts: { create: "300ms" } });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/was not AVAILABLE within the create timeout of 300ms \(last status PENDING_ACCEPTANCE\)/);
    expect(error.message).toContain("Run `pulumi up` again to resume waiting");
    expect(error.id).toBe(`${args.groupId}:AWS:${args.endpointServiceId}:${args.endpointId}`);
    expect(error.properties).toMatchObject({
      connectionStatus: "PENDING_ACCEPTANCE",
      endpointId: args.endpointId,
      timeouts: { create: "300ms" },
      __provider: PROVIDER_TEXT,
    });
    expect(await harness.endpoints()).toContainEqual(
      expect.objectContaining({ endpointId: args.endpointId, status: "PENDING_ACCEPTANCE" }),
    );
  });

  test("with deleteOnCreateTimeout deletes the endpoint, waits until it is gone, then fails without an id", async () => {
    await harness.delays({ azureInitiatingMs: 60_000_000 });
    const args = harness.azureArgs({ timeouts: { create: "300ms" }, deleteOnCreateTimeout: true });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.id).toBeUndefined();
    expect(error.message).toMatch(
      /not AVAILABLE within the create timeout of 300ms \(last status INITIATING\)\. It was deleted from Atlas because deleteOnCreateTimeout is true/,
    );
    expect((await harness.endpoints()).filter((e) => e.endpointId === args.endpointId)).toEqual([]);
  });

  test("with deleteOnCreateTimeout never deletes an endpoint it adopted", async () => {
    await harness.delays({ awsPendingAcceptanceMs: 60_000_000 });
    const args = harness.awsArgs();
    await harness.failure(provider.create(await harness.checked({ ...args, timeouts: { create: "100ms" } })));
    const error = await harness.failure(
      provider.create(await harness.checked({ ...args, timeouts: { create: "200ms" }, deleteOnCreateTimeout: true })),
    );
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toContain("It was adopted, so deleteOnCreateTimeout does not delete it.");
    expect(error.properties).toMatchObject({ adopted: true });
    expect(await harness.endpoints()).toContainEqual(expect.objectContaining({ endpointId: args.endpointId }));
  });
});

describe("errors around the create", () => {
  test("a 404 just after the create is eventual consistency: it keeps polling", async () => {
    // The first two reads after the create answer 404, counted rather than timed: a lag window in
    // wall time could close before a slow machine's first read and show no 404 at all.
    await harness.fault({ method: "GET", pathPattern: "/endpoint/", status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: 2 });
    await harness.clearRequests();
    const created = await harness.observe(provider.create(await harness.checked(harness.azureArgs())));
    expect(created.outs.status).toBe("AVAILABLE");
    const gets = (await harness.requests()).filter((r) => r.method === "GET" && r.path.includes("/endpoint/") && r.status !== 401);
    expect(gets.slice(0, 2).map((r) => r.status)).toEqual([404, 404]);
    expect(gets[gets.length - 1]!.status).toBe(200);
  });

  test("an unknown endpoint service fails naming groupId and endpointServiceId", async () => {
    const serviceId = hex(24);
    const error = await harness.failure(provider.create(await harness.checked(harness.awsArgs({ endpointServiceId: serviceId }))));
    expect(error.message).toContain(
      `Atlas has no AWS private endpoint service endpointServiceId="${serviceId}" in project groupId="${harness.seed.groupId}"`,
    );
    expect(error.message).toContain("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
    expect(error.id).toBeUndefined();
  });

  test("a port-mapped GCP service given two forwarding rules fails with Atlas's reason", async () => {
    const error = await harness.failure(
      provider.create(await harness.checked(harness.gcpArgs({ endpointServiceId: harness.seed.endpointServices.GCP_PORT_MAPPED }))),
    );
    expect(error.message).toMatch(/^Atlas rejected GCP endpoint group psc-\w+: Atlas answered 400 .*accepts exactly one endpoint, got 2/);
  });

  test("a port-mapped GCP service with one forwarding rule becomes AVAILABLE with portMappingEnabled", async () => {
    const created = await harness.observe(
      provider.create(await harness.checked(harness.gcpArgs({ endpointServiceId: harness.seed.endpointServices.GCP_PORT_MAPPED }, 1))),
    );
    expect(created.outs).toMatchObject({ status: "AVAILABLE", portMappingEnabled: true });
  });

  test("transient errors while waiting go through the client's retries instead of aborting", async () => {
    await harness.fault({ method: "GET", pathPattern: "/endpoint/vpce-", status: 503, count: 3 });
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    expect(created.outs.connectionStatus).toBe("AVAILABLE");
    expect(harness.progress.some((line) => /answered 503; retrying/.test(line))).toBe(true);
  });

  // A 500 is an error, not a refusal: 429/503 keep a wait going until its deadline (rate-limits tests).
  test("an error that outlasts the retries while waiting still records the endpoint", async () => {
    await harness.delays({ awsPendingAcceptanceMs: 60_000 });
    const args = harness.awsArgs();
    await harness.fault({ method: "GET", pathPattern: `/endpoint/${args.endpointId}`, status: 500, count: 10_000 });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /is registered with Atlas, but reading its status failed: Atlas answered 500 .*\(after \d+ attempts over/,
    );
    expect(error.properties).toMatchObject({ connectionStatus: "PENDING_ACCEPTANCE", __provider: PROVIDER_TEXT });
    // The retries really ran: more than one 500 for the wait's read.
    const gets = (await harness.requests()).filter(
      (r) => r.method === "GET" && r.path.endsWith(String(args.endpointId)) && r.status === 500,
    );
    expect(gets.length).toBeGreaterThan(1);
  });

  test("an error Atlas gives once and the client does not retry (403) while waiting still records the endpoint", async () => {
    await harness.delays({ awsPendingAcceptanceMs: 60_000 });
    const args = harness.awsArgs();
    await harness.fault({
      method: "GET",
      pathPattern: `/endpoint/${args.endpointId}`,
      status: 403,
      errorCode: "USER_UNAUTHORIZED",
      count: 1,
    });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/is registered with Atlas, but reading its status failed: Atlas answered 403 USER_UNAUTHORIZED/);
    expect(error.properties).toMatchObject({ connectionStatus: "PENDING_ACCEPTANCE", __provider: PROVIDER_TEXT });
  });

  test("a create answered only with 5xx carries on with the endpoint when Atlas has it after all", async () => {
    const args = harness.awsArgs();
    await existingEndpoint(args);
    await harness.fault({ method: "POST", pathPattern: "/endpoint$", status: 500, count: 50 });
    const created = await harness.observe(provider.create(await harness.checked(args)));
    expect(created.outs).toMatchObject({ connectionStatus: "AVAILABLE", adopted: false });
    expect((await harness.endpoints()).filter((e) => e.endpointId === args.endpointId)).toHaveLength(1);
  });

  test("a create answered only with 5xx is recorded as unconfirmed when Atlas does not list the endpoint after the grace period", async () => {
    const args = harness.awsArgs();
    await harness.fault({ method: "POST", pathPattern: "/endpoint$", status: 500, count: 50 });
    const error = await harness.failure(provider.create(await harness.checked(args)));
    expect(error.message).toMatch(/^Could not register AWS endpoint vpce-\w+ with Atlas: Atlas answered 500/);
    expect(error.message).toMatch(/did not list it within the grace period.*recorded in the stack as not ready/);
    // A 5xx may come after Atlas did the work: the engine records it, and refresh or the next up settles it.
    expect(error.id).toBe(`${args.groupId}:AWS:${args.endpointServiceId}:${args.endpointId}`);
    expect((error.properties as Record<string, unknown>).connectionStatus).toBeUndefined();
    const gets = (await harness.requests()).filter((r) => r.method === "GET" && r.path.endsWith(String(args.endpointId)));
    expect(gets.length).toBeGreaterThan(1);
  });
});
