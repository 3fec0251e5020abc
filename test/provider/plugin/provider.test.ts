import { pluginProvider, typeOfUrn } from "../../../provider/plugin/provider";
import { TIME_SCALE, useHarness } from "../../support/provider-harness";

// The plugin's Provider, called as the SDK's server calls it, against the simulator: the shapes it maps
// (no __provider anywhere, init errors, read without state, gone) and where its progress lines go.
const harness = useHarness();
const lines: [string, string][] = [];
const plugin = pluginProvider({ version: "0.0.0-test", schema: "{}", log: () => (urn, line) => lines.push([urn, line]) });
const provider = plugin as Required<typeof plugin>;
const URN = "urn:pulumi:dev::proj::atlas-private-endpoint:index:PrivateEndpoint::orders";

beforeEach(() => {
  lines.length = 0;
});

test("the type token is read from the URN, also under a parent", () => {
  expect(typeOfUrn(URN)).toBe("atlas-private-endpoint:index:PrivateEndpoint");
  expect(typeOfUrn("urn:pulumi:dev::proj::my:index:Parent$atlas-private-endpoint:index:PrivateEndpoint::orders")).toBe(
    "atlas-private-endpoint:index:PrivateEndpoint",
  );
});

test("a type the plugin does not serve is refused, naming the types it serves", async () => {
  await expect(provider.check("urn:pulumi:dev::proj::atlas-private-endpoint:index:Nope::x", {}, {})).rejects.toThrow(
    /does not serve type value="atlas-private-endpoint:index:Nope"; it serves atlas-private-endpoint:index:PrivateEndpoint/,
  );
});

test("create, read with the id alone (import), delete and read of the gone endpoint, with nothing of the dynamic provider recorded", async () => {
  const { inputs } = await provider.check(URN, {}, harness.awsArgs({ waitForClusters: false }));
  const created = await provider.create(URN, inputs);
  expect(created.outs).toMatchObject({ connectionStatus: "AVAILABLE", adopted: false });
  expect(created.outs).not.toHaveProperty("__provider");
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every(([urn]) => urn === URN)).toBe(true);
  expect(lines.map(([, line]) => line).join("\n")).toMatch(/registered with Atlas endpoint service/);

  const imported = await provider.read(created.id, URN, {});
  expect(imported.id).toBe(created.id);
  expect(imported.props).toMatchObject({ endpointId: inputs.endpointId, connectionStatus: "AVAILABLE" });
  expect(imported.inputs).toMatchObject({ groupId: inputs.groupId, endpointId: inputs.endpointId, cloudProvider: "AWS" });
  expect(imported.inputs).not.toHaveProperty("__provider");

  await provider.delete(created.id, URN, created.outs);
  expect(await provider.read(created.id, URN, created.outs)).toEqual({ id: "", props: {} });
});

test("a create not ready by its deadline throws the init error with its id and outputs, without __provider", async () => {
  // Atlas holds PENDING_ACCEPTANCE (a minute of wall time; nothing advances it) past any deadline
  // however slow the machine, so the create meets its deadline in that status.
  await harness.delays({ awsPendingAcceptanceMs: 60_000 / TIME_SCALE });
  try {
    const { inputs } = await provider.check(URN, {}, harness.awsArgs({ timeouts: { create: "200ms" }, waitForClusters: false }));
    const error = (await provider.create(URN, inputs).catch((e: unknown) => e)) as { id?: string; properties?: object; reasons?: string[] };
    expect(error.id).toContain(inputs.endpointId);
    expect(error.properties).toMatchObject({ endpointId: inputs.endpointId, connectionStatus: "PENDING_ACCEPTANCE" });
    expect(error.properties).not.toHaveProperty("__provider");
    expect(error.reasons?.[0]).toMatch(/did not become AVAILABLE|create timeout/);
    await provider.delete(error.id!, URN, error.properties);
  } finally {
    await harness.delays({ awsPendingAcceptanceMs: 3000 });
  }
});

test("a look-up is served as a function: fn::invoke reads Atlas and returns plain outputs", async () => {
  const token = "atlas-private-endpoint:index:getEndpointService";
  const { outputs } = await provider.invoke(token, {
    groupId: harness.seed.groupId,
    cloudProvider: "GCP",
    region: "us-central1",
    portMappingEnabled: true,
  });
  expect(outputs).toMatchObject({
    endpointServiceId: harness.seed.endpointServices.GCP_PORT_MAPPED,
    cloudProvider: "GCP",
    portMappingEnabled: true,
  });
  await expect(provider.invoke("atlas-private-endpoint:index:getNothing", {})).rejects.toThrow(
    /has no function value="atlas-private-endpoint:index:getNothing"; it has .*getEndpointService.*getPrivateEndpoints/,
  );
});

test("check's warning reaches the engine's log under the resource, at WARNING severity", async () => {
  const warned: [string, string, string | undefined][] = [];
  const logging = pluginProvider({
    version: "0.0.0-test",
    schema: "{}",
    log: () => (urn, line, severity) => warned.push([urn, line, severity]),
  });
  const service = "urn:pulumi:dev::proj::atlas-private-endpoint:index:EndpointService::legacy";
  const { failures } = await logging.check!(service, {}, { groupId: harness.seed.groupId, cloudProvider: "GCP", region: "us-west1" });
  expect(failures ?? []).toEqual([]);
  expect(warned).toEqual([[service, expect.stringContaining("2027-04-30"), "warning"]]);
});
