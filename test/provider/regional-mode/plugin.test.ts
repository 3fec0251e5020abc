/** RegionalMode through the plugin's Provider: check's warning reaches the engine's log at warning severity, for the resource. */
import { pluginProvider } from "../../../provider/plugin/provider";
import { useHarness } from "../../support/provider-harness";

const harness = useHarness();
const lines: { urn: string; line: string; severity: unknown }[] = [];
const plugin = pluginProvider({
  version: "0.0.0-test",
  schema: "{}",
  log: () => (urn, line, severity) => lines.push({ urn, line, severity }),
});
const URN = "urn:pulumi:dev::proj::atlas-private-endpoint:index:RegionalMode::regional";

test("check of an enabling RegionalMode logs the downtime warning at warning severity for its URN, asking Atlas nothing", async () => {
  await harness.clearRequests();
  const { failures } = await plugin.check!(URN, {}, { groupId: harness.seed.shardedProject.groupId, enabled: true });
  expect(failures ?? []).toEqual([]);
  expect(lines).toEqual([
    {
      urn: URN,
      line: expect.stringMatching(/^Regional mode will be enabled in project groupId="[0-9a-f]{24}" .*may cause downtime/),
      severity: "warning",
    },
  ]);
  expect(await harness.requests()).toEqual([]);
});

test("getRegionalMode is served as a function: fn::invoke reads the setting and returns plain outputs", async () => {
  const groupId = harness.seed.shardedProject.groupId;
  const { outputs } = await plugin.invoke!("atlas-private-endpoint:index:getRegionalMode", { groupId });
  expect(outputs).toEqual({ groupId, enabled: false });
  await expect(plugin.invoke!("atlas-private-endpoint:index:getRegionalMode", { groupId: "nope" })).rejects.toThrow(
    /^getRegionalMode: groupId must be 24 hexadecimal characters \(the Atlas project id\), got value="nope"$/,
  );
});
