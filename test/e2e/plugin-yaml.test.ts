import { randomBytes } from "node:crypto";
import type { PulumiStack, StackResource } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  controlOf,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
  withoutCredentials,
} from "../support/cli-harness";
import { pluginStack } from "../support/plugin-harness";

// A YAML program (no Node.js in it) runs the PrivateEndpoint through the provider plugin, installed with
// `pulumi plugin install --file`, through the real CLI and pulumi-language-yaml.
jest.setTimeout(300_000);

const TOKEN = "atlas-private-endpoint:index:PrivateEndpoint";
let simulator: RunningSimulator;
let stack: PulumiStack;
const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02, delays: { clusterUpdateMs: 60_000 } });
  stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin`);
  await stack.init({ groupId: simulator.seed.groupId, endpointServiceId: simulator.seed.endpointServices.AWS, vpcEndpointId });
});
afterAll(async () => {
  await stack?.destroy();
  await simulator?.close();
});

function expectOk(result: CommandResult): string {
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${output(result).slice(-4000)}`);
  return output(result);
}

async function pluginResources(): Promise<StackResource[]> {
  return ((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === TOKEN);
}

type Strings = { clusterName: string; srvConnectionString?: string }[];

test("pulumi up of a YAML program creates the endpoint through the plugin, waits for the clusters and outputs their strings", async () => {
  const text = expectOk(await stack.up());
  // Progress lines reach the engine's log for the resource (shown under it as diagnostics).
  expect(text).toMatch(/registered with Atlas endpoint service/);
  expect(text).toMatch(/cluster orders: /);
  const outputs = await stack.outputs();
  expect(outputs.connectionStatus).toBe("AVAILABLE");
  expect(outputs.adopted).toBe(false);
  expect(outputs.endpointId).toBe(`${simulator.seed.groupId}:AWS:${simulator.seed.endpointServices.AWS}:${vpcEndpointId}`);
  const strings = (outputs.privateConnectionStrings as Strings).map((s) => s.clusterName).sort();
  expect(strings).toEqual(["analytics", "orders"]);
  for (const s of outputs.privateConnectionStrings as Strings) expect(s.srvConnectionString).toMatch(/^mongodb\+srv:\/\/[^@]+$/);
  const [resource] = await pluginResources();
  expect(resource?.outputs).toMatchObject({ connectionStatus: "AVAILABLE", endpointId: vpcEndpointId });
  expect(resource?.outputs).not.toHaveProperty("__provider");
  expect(resource?.inputs).not.toHaveProperty("__provider");
  expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).toContain(vpcEndpointId);
});

test("pulumi preview of the unchanged program shows no changes, without credentials and without one Atlas request", async () => {
  await controlOf(simulator).clearRequests();
  const text = expectOk(await stack.preview(["--expect-no-changes"], { env: withoutCredentials() }));
  expect(text).toMatch(/2 unchanged/); // the stack and the endpoint
  expect(await controlOf(simulator).requests()).toEqual([]);
});

test("pulumi refresh reads the endpoint back through the plugin and keeps it unchanged", async () => {
  await controlOf(simulator).clearRequests();
  const text = expectOk(await stack.refresh());
  expect(text).not.toMatch(/error/i);
  const requests = await controlOf(simulator).requests();
  expect(requests.some((r) => r.method === "GET" && r.path.includes(vpcEndpointId))).toBe(true);
  const [resource] = await pluginResources();
  expect(resource?.outputs).toMatchObject({ connectionStatus: "AVAILABLE" });
  expectOk(await stack.preview(["--expect-no-changes"]));
});

test("pulumi destroy deletes the endpoint from Atlas and the stack", async () => {
  expectOk(await stack.destroy());
  expect(await pluginResources()).toEqual([]);
  expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).not.toContain(vpcEndpointId);
});
