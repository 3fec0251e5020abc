import { UNKNOWN } from "../../../provider/vocabulary/validation";
import { CREDENTIAL_ENV, HELD_DELAY, hex, provider, PROVIDER_TEXT, stackConfig, useHarness, withEnv } from "../../support/provider-harness";
import { AUTH_HEADER_TEXT } from "../../support/secret-scan";

const harness = useHarness();

/** True when no value at any depth is undefined. */
function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasUndefined);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUndefined);
  return false;
}

describe.each(["AWS", "AZURE", "GCP"] as const)("a %s endpoint", (cloud) => {
  const argsFor = () => (cloud === "AWS" ? harness.awsArgs() : cloud === "AZURE" ? harness.azureArgs() : harness.gcpArgs());

  test("goes through create, refresh and destroy against Atlas", async () => {
    const args = argsFor();
    const inputs = await harness.checked(args);
    const created = await harness.observe(provider.create(inputs));
    const atlasId = cloud === "GCP" ? (args.endpointGroupName as string) : (args.endpointId as string);
    expect(created.id).toBe(`${harness.seed.groupId}:${cloud}:${args.endpointServiceId}:${atlasId}`);
    expect(created.outs).not.toHaveProperty("__provider");
    expect(hasUndefined(created.outs)).toBe(false);
    switch (cloud) {
      case "AWS":
        expect(created.outs).toMatchObject({
          cloudProvider: "AWS",
          connectionStatus: "AVAILABLE",
          endpointId: args.endpointId,
          adopted: false,
          deleteRequested: false,
        });
        expect(created.outs.interfaceEndpointId).toMatch(/\S/);
        break;
      case "AZURE":
        expect(created.outs).toMatchObject({
          status: "AVAILABLE",
          privateEndpointIPAddress: "10.0.0.5",
          privateEndpointResourceId: args.endpointId,
          adopted: false,
        });
        expect(created.outs.privateEndpointConnectionName).toMatch(/%2F/);
        break;
      case "GCP":
        expect(created.outs).toMatchObject({
          status: "AVAILABLE",
          endpointGroupName: args.endpointGroupName,
          gcpProjectId: args.gcpProjectId,
          portMappingEnabled: false,
        });
        expect(created.outs.endpoints).toEqual((args.endpoints as object[]).map((rule) => ({ ...rule, status: "AVAILABLE" })));
        break;
    }
    expect(await harness.endpoints()).toContainEqual(expect.objectContaining({ endpointId: atlasId, status: "AVAILABLE" }));

    const refreshed = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.props).toEqual(created.outs);
    expect(hasUndefined(refreshed)).toBe(false);

    await harness.observe(provider.delete(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
    expect((await harness.endpoints()).filter((e) => e.endpointId === atlasId)).toEqual([]);
  });

  test("prints a progress line for each status change with the elapsed time", async () => {
    // Each phase before AVAILABLE is held until the provider has read it (AWS PENDING lasts 40 ms by
    // default here, GCP VERIFIED too: a poll on a busy core could miss them).
    const held = HELD_DELAY;
    await harness.delays({
      awsPendingAcceptanceMs: held,
      awsPendingMs: held,
      azureInitiatingMs: held,
      gcpInitiatingMs: held,
      gcpVerifiedMs: held,
    });
    await harness.clearRequests();
    const stop = harness.releaseHeldPhases();
    try {
      await harness.observe(provider.create(await harness.checked(argsFor())));
    } finally {
      await stop();
    }
    const lines = harness.progress.filter((line) => line.startsWith("[PrivateEndpoint]"));
    const first = cloud === "AWS" ? "PENDING_ACCEPTANCE" : "INITIATING";
    expect(lines.some((line) => line.includes(`: ${first}`) && line.endsWith(", waiting for AVAILABLE"))).toBe(true);
    expect(lines.some((line) => / -> AVAILABLE(?: \(forwarding rules (\d+)\/\1 AVAILABLE\))? after \d+(\.\d)?m?s$/.test(line))).toBe(true);
    if (cloud === "AWS") expect(lines.some((line) => line.includes("PENDING_ACCEPTANCE -> PENDING after"))).toBe(true);
    if (cloud === "GCP")
      expect(lines.some((line) => /INITIATING.* -> VERIFIED \(forwarding rules \d\/2 AVAILABLE\) after/.test(line))).toBe(true);
  });
});

test("a GCP endpoint's line that reaches AVAILABLE counts its forwarding rules as they are then, every one AVAILABLE", async () => {
  const args = harness.gcpArgs();
  const rules = (args.endpoints as unknown[]).length;
  await harness.observe(provider.create(await harness.checked(args)));
  const lines = harness.progress.filter((line) => line.startsWith("[PrivateEndpoint]"));
  const counted = lines.filter((line) => line.includes("forwarding rules"));
  expect(counted.length).toBeGreaterThan(0); // the lines before AVAILABLE do count them
  const reached = lines.filter((line) => / -> AVAILABLE\b/.test(line));
  expect(reached).toHaveLength(1);
  expect(reached[0]).toMatch(new RegExp(` -> AVAILABLE \\(forwarding rules ${rules}/${rules} AVAILABLE\\) after `));
});

describe("credentials", () => {
  test("come from stack config with the @pulumi/mongodbatlas keys, service account included", async () => {
    const noEnv = Object.fromEntries(CREDENTIAL_ENV.map((name) => [name, undefined]));
    await withEnv(noEnv, async () => {
      await provider.configure(
        stackConfig({
          "mongodbatlas:baseUrl": harness.simulator.baseUrl,
          "mongodbatlas:clientId": harness.seed.serviceAccount.clientId,
          "mongodbatlas:clientSecret": harness.seed.serviceAccount.clientSecret,
        }) as never,
      );
      await harness.clearRequests();
      const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
      expect(created.outs.connectionStatus).toBe("AVAILABLE");
      const apiRequests = (await harness.requests()).filter((r) => r.path.startsWith("/api/atlas/"));
      expect(apiRequests.length).toBeGreaterThan(0);
      expect(apiRequests.every((r) => r.auth === "bearer")).toBe(true);
    });
  });

  test("missing everywhere fail create, read, update and delete with one message listing every option, and never check or diff", async () => {
    // Empty variables count as unset.
    await withEnv(Object.fromEntries(CREDENTIAL_ENV.map((name) => [name, ""])), async () => {
      const args = harness.awsArgs();
      const checked = await provider.check({}, { ...args, __provider: PROVIDER_TEXT });
      expect(checked.failures).toEqual([]);
      const inputs = { ...checked.inputs, __provider: PROVIDER_TEXT };
      const id = `${args.groupId}:AWS:${args.endpointServiceId}:${args.endpointId}`;
      expect(await provider.diff(id, { ...inputs, connectionStatus: "AVAILABLE", adopted: false }, inputs)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      const pending = { ...inputs, connectionStatus: "PENDING", adopted: false };
      const failures = [
        await harness.failure(provider.create(inputs)),
        await harness.failure(provider.read(id, inputs)),
        await harness.failure(provider.update(id, pending, inputs)),
        await harness.failure(provider.delete(id, inputs)),
      ];
      for (const error of failures) {
        expect(error.name).toBe("MissingCredentialsError");
        expect(error.message).toMatch(/^No Atlas credentials found\./);
        for (const option of [
          "mongodbatlas:publicKey",
          "mongodbatlas:privateKey",
          "mongodbatlas:clientId",
          "mongodbatlas:clientSecret",
          "MONGODB_ATLAS_PUBLIC_API_KEY",
          "MCLI_PRIVATE_API_KEY",
          "MONGODB_ATLAS_CLIENT_SECRET",
        ]) {
          expect(error.message).toContain(option);
        }
      }
      expect(await harness.endpoints()).not.toContainEqual(expect.objectContaining({ endpointId: args.endpointId }));
    });
  });
});

describe("check through the provider", () => {
  test("accepts an endpointId still unknown in preview and keeps the sentinel for the engine", async () => {
    const result = await provider.check({}, { ...harness.awsArgs({ endpointId: UNKNOWN }), __provider: PROVIDER_TEXT });
    expect(result.failures).toEqual([]);
    expect(result.inputs.endpointId).toBe(UNKNOWN);
    expect(result.inputs).toMatchObject({ cloudProvider: "AWS", adoptExisting: true, deleteOnCreateTimeout: false });
  });

  test("fails each bad field at once, without credentials and without calling Atlas", async () => {
    await harness.clearRequests();
    const result = await provider.check(
      {},
      {
        groupId: "nope",
        cloudProvider: "AZURE",
        endpointServiceId: harness.seed.endpointServices.AZURE,
        endpointId: "vpce-0123456789abcdef0",
      },
    );
    expect(result.failures?.map((f) => f.property).sort()).toEqual(["endpointId", "groupId", "privateEndpointIPAddress"]);
    expect(await harness.requests()).toEqual([]);
  });
});

test("nothing the provider returned, threw or printed in this file holds a credential", async () => {
  // One more run with every kind of outcome: success, a failure carrying properties, an error.
  await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
  await harness.failure(provider.create(await harness.checked(harness.awsArgs({ endpointId: "vpce-00000000000000000" }))));
  await harness.failure(provider.create(await harness.checked(harness.awsArgs({ endpointServiceId: hex(24) }))));
  const secrets = [
    harness.seed.apiKey.privateKey,
    harness.seed.serviceAccount.clientSecret,
    harness.seed.apiKey.publicKey,
    harness.seed.serviceAccount.clientId,
  ];
  const texts = [
    ...harness.seen.map((value) => JSON.stringify(value) + String(value) + ((value as Error)?.stack ?? "")),
    ...harness.progress,
  ];
  expect(harness.seen.length).toBeGreaterThan(8);
  for (const text of texts) {
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    expect(text).not.toMatch(AUTH_HEADER_TEXT);
  }
});
