/**
 * RegionalMode through the real CLI: a TypeScript program (the dynamic provider) and a YAML program
 * (the provider plugin). Preview warns of the downtime and asks Atlas nothing, up enables it and
 * outputs the clusters' region-specific strings, a second up asks Atlas nothing, a change disables
 * it, refresh after a toggle outside Pulumi shows the drift, destroy puts back what Atlas had (or,
 * with restoreOnDestroy false, leaves it), Atlas's refusal says what to change, and `pulumi import`
 * takes the project id (Terraform's import id) and the next up is a no-op.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  atlasRequestsOf,
  controlOf,
  expectOk,
  fixturesDir,
  output,
  type RunningSimulator,
  stackFor,
  startSimulator,
  TYPES,
  withoutCredentials,
} from "../support/cli-harness";
import { pluginStack } from "../support/plugin-harness";

jest.setTimeout(300_000);

const TOKEN = TYPES.plugin.regionalMode;
const TYPE = TYPES.dynamic.regionalMode;
let simulator: RunningSimulator;
let client: AtlasClient;
const stacks: PulumiStack[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.01 });
  client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });
  // One AVAILABLE endpoint in each of the sharded project's regions, applied by its clusters.
  const { groupId, endpointServices } = simulator.seed.shardedProject;
  for (const endpointServiceId of Object.values(endpointServices)) {
    const id = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;
    await client.createPrivateEndpoint({ groupId, cloudProvider: "AWS", endpointServiceId }, { cloudProvider: "AWS", id });
  }
  await control().advance(60_000);
});
afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.destroy();
  await simulator?.close();
});

const control = () => controlOf(simulator);
const sharded = () => simulator.seed.shardedProject.groupId;
// A digest client's first request of a kind is answered 401 with the challenge: that is not a call.
const atlasRequests = () => atlasRequestsOf(simulator);
const patches = async () => (await atlasRequests()).filter((r) => r.method === "PATCH").map((r) => `${r.method} ${r.path} ${r.status}`);
const regionalMode = async (groupId: string) => (await control().regionalModes()).find((p) => p.groupId === groupId)?.enabled;
const PATCH_PATH = () => `PATCH /api/atlas/v2/groups/${sharded()}/privateEndpoint/regionalMode 202`;

async function programStack(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  const stack = stackFor(simulator, `${fixturesDir}/regional-mode`, env);
  stacks.push(stack);
  await stack.init(config);
  return stack;
}

type Strings = { clusterName: string; endpoints?: { region?: string }[] }[];
const regionsOf = (strings: Strings, cluster: string) =>
  strings.filter((s) => s.clusterName === cluster).map((s) => (s.endpoints ?? []).map((e) => e.region).sort());

describe("a TypeScript program (dynamic provider)", () => {
  let stack: PulumiStack;

  test("a pull request's preview needs no credentials, asks Atlas nothing, and warns that enabling may cause downtime", async () => {
    const preview = await programStack({ groupId: sharded(), enabled: "true" }, withoutCredentials());
    await control().clearRequests();
    const text = expectOk(await preview.preview());
    expect(text).toMatch(/\+\s+pulumi-nodejs:dynamic\/atlas:RegionalMode\s+regional\s+create/);
    expect(text).toMatch(
      new RegExp(
        `warning: \\[RegionalMode\\] Regional mode will be enabled in project groupId="${sharded()}" \\(unless Atlas has it enabled already\\): .*may cause downtime`,
      ),
    );
    expect(await control().requests()).toEqual([]);
  });

  test("up enables it with one PATCH, waits for the clusters, and outputs their region-specific strings", async () => {
    stack = await programStack({ groupId: sharded(), enabled: "true" });
    await control().clearRequests();
    const text = expectOk(await stack.up());
    expect(text).toMatch(/DISABLED -> ENABLED/);
    expect(await patches()).toEqual([PATCH_PATH()]);
    expect(await regionalMode(sharded())).toBe(true);
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ enabled: true, previous: false, adopted: false });
    const strings = outputs.privateConnectionStrings as Strings;
    for (const cluster of ["events", "worldwide"]) expect(regionsOf(strings, cluster).sort()).toEqual([["US_EAST_1"], ["US_WEST_2"]]);
  });

  test("up --expect-no-changes passes and asks Atlas nothing", async () => {
    await control().clearRequests();
    expectOk(await stack.up(["--expect-no-changes"]));
    expect(await atlasRequests()).toEqual([]);
  });

  test("refresh after a toggle outside Pulumi shows the drift; the next preview warns again and up enables it again", async () => {
    await client.setRegionalMode({ groupId: sharded() }, false);
    await control().advance(60_000);
    expectOk(await stack.refresh());
    const [resource] = (await stack.exportState()).deployment.deployment.resources!.filter((r) => r.type === TYPE);
    expect(resource?.outputs).toMatchObject({ enabled: false, previous: false });
    expect(resource?.inputs).toMatchObject({ enabled: false });

    await control().clearRequests();
    const preview = expectOk(await stack.preview());
    expect(preview).toMatch(/~\s+pulumi-nodejs:dynamic\/atlas:RegionalMode\s+regional\s+update/);
    expect(preview).toMatch(/warning: \[RegionalMode\] Regional mode will be enabled in project groupId="[0-9a-f]{24}": /);
    expect(await atlasRequests()).toEqual([]);

    expectOk(await stack.up());
    expect(await regionalMode(sharded())).toBe(true);
  });

  test("a change to enabled: false is one PATCH, and the multi-region clusters list multi-region strings again", async () => {
    await stack.setConfig("enabled", "false");
    await control().clearRequests();
    expectOk(await stack.up());
    expect(await patches()).toEqual([PATCH_PATH()]);
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ enabled: false, previous: false });
    expect(regionsOf(outputs.privateConnectionStrings as Strings, "events")).toEqual([["US_EAST_1", "US_WEST_2"]]);
    await stack.setConfig("enabled", "true");
    expectOk(await stack.up());
  });

  test("destroy puts back what Atlas had before the stack changed it", async () => {
    await control().clearRequests();
    const text = expectOk(await stack.destroy());
    expect(text).toMatch(/ENABLED -> DISABLED, as it was before/);
    expect(await patches()).toEqual([PATCH_PATH()]);
    expect(await regionalMode(sharded())).toBe(false);
  });

  test("with restoreOnDestroy false, destroy leaves the setting and asks Atlas nothing", async () => {
    const keeper = await programStack({ groupId: sharded(), enabled: "true", restoreOnDestroy: "false" });
    expectOk(await keeper.up());
    await control().clearRequests();
    expect(expectOk(await keeper.destroy())).toMatch(/left ENABLED in Atlas because restoreOnDestroy is false/);
    expect(await atlasRequests()).toEqual([]);
    expect(await regionalMode(sharded())).toBe(true);
    await client.setRegionalMode({ groupId: sharded() }, false);
  });

  test("enabling in a project with replica sets fails saying what to change, and records nothing", async () => {
    const refused = await programStack({ groupId: simulator.seed.groupId, enabled: "true" });
    const result = await refused.up();
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(
      /Atlas will not enable regional mode of project groupId="[0-9a-f]{24}" while the project holds replica sets .*convert or remove the project's replica sets, or keep enabled: false/,
    );
    expect((await refused.exportState()).deployment.deployment.resources?.filter((r) => r.type === TYPE) ?? []).toEqual([]);
    expect(await regionalMode(simulator.seed.groupId)).toBe(false);
  });
});

describe("a YAML program (provider plugin)", () => {
  test("preview without credentials warns through the engine's log for the resource, asking Atlas nothing", async () => {
    const stack = await pluginStack(simulator, `${fixturesDir}/yaml-regional-mode`, withoutCredentials());
    stacks.push(stack);
    await stack.init({ groupId: sharded() });
    await control().clearRequests();
    const text = expectOk(await stack.preview());
    expect(text).toMatch(/\+\s+atlas-private-endpoint:index:RegionalMode\s+regional\s+create/);
    // Under the resource in the diagnostics, not the stack: the plugin knows the URN.
    expect(text).toMatch(
      /atlas-private-endpoint:index:RegionalMode \(regional\):\s*\n\s*warning: Regional mode will be enabled in project groupId="[0-9a-f]{24}" \(unless Atlas has it enabled already\)/,
    );
    expect(await control().requests()).toEqual([]);
  });

  test("pulumi import takes the project id (Terraform's import id), and the printed code makes the next up a no-op", async () => {
    await client.setRegionalMode({ groupId: sharded() }, true);
    await control().advance(60_000);
    const stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`);
    stacks.push(stack);
    await stack.init();
    const imported = await stack.run(["import", TOKEN, "regional", sharded(), "--yes", "--protect=false", "--stack", stack.stack]);
    const text = expectOk(imported);
    const marker = imported.stdout.search(/following code into your Pulumi application/);
    const code = imported.stdout.slice(marker + imported.stdout.slice(marker).search(/^resources:$/m));
    expect(marker).toBeGreaterThan(-1);
    expect(code).toMatch(/^ {4}type: atlas-private-endpoint:RegionalMode$/m);
    expect(code).toMatch(/^ {6}enabled: true$/m);
    expect(text).toMatch(/import/);
    const resource = (await stack.exportState()).deployment.deployment.resources?.find((r) => r.type === TOKEN);
    expect(resource?.id).toBe(sharded());
    expect(resource?.outputs).toMatchObject({ groupId: sharded(), enabled: true, previous: true, adopted: true });

    const program = join(stack.dir, "Pulumi.yaml");
    appendFileSync(program, /^resources:$/m.test(readFileSync(program, "utf8")) ? code.replace(/^resources:\n/, "") : code);
    await control().clearRequests();
    expect(expectOk(await stack.up(["--expect-no-changes"]))).toMatch(/2 unchanged/);
    expect(await atlasRequests()).toEqual([]);
    // Imported as it was: destroying puts back what it was at import, so the setting stays.
    await control().clearRequests();
    expectOk(await stack.destroy());
    expect(await patches()).toEqual([]);
    expect(await regionalMode(sharded())).toBe(true);
    await client.setRegionalMode({ groupId: sharded() }, false);
  });
});
