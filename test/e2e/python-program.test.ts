import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PulumiStack, StackResource } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  controlOf,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
  TYPES,
  withoutCredentials,
} from "../support/cli-harness";
import { pythonStack } from "../support/python-harness";

// A Python program using the generated SDK (pulumi_atlas_private_endpoint, installed from its wheel) runs an
// EndpointService and a PrivateEndpoint registered with it through the provider plugin, through the real CLI and
// its Python language host (scripts/pulumi-language-python, or upstream's where the released CLI ships it).
jest.setTimeout(300_000);

const SERVICE = TYPES.plugin.service;
const ENDPOINT = TYPES.plugin.endpoint;
// The seeded "archive" cluster has nodes in AWS EU_WEST_1, where no service is seeded: the program creates it.
const REGION = "eu-west-1";
let simulator: RunningSimulator;
let stack: PulumiStack;
const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02, delays: { clusterUpdateMs: 60_000 } });
  stack = await pythonStack(simulator, join(fixturesDir, "python-journey"));
  await stack.init({ groupId: simulator.seed.groupId, region: REGION, vpcEndpointId });
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
  return ((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === SERVICE || r.type === ENDPOINT);
}

const atlasRequests = async () => (await controlOf(simulator).requests()).filter((entry) => entry.path.startsWith("/api/atlas/"));

type Strings = { clusterName: string; srvConnectionString?: string }[];

test("pulumi up of a Python program creates the service and the endpoint through the plugin and outputs the cluster's strings", async () => {
  const text = expectOk(await stack.up());
  expect(text).toMatch(/registered with Atlas endpoint service/);
  expect(text).toMatch(/cluster archive: /);
  const outputs = await stack.outputs();
  expect(outputs.serviceAdopted).toBe(false);
  expect(outputs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/);
  expect(outputs.connectionStatus).toBe("AVAILABLE");
  expect(outputs.endpointPulumiId).toBe(`${simulator.seed.groupId}:AWS:${outputs.endpointServiceId}:${vpcEndpointId}`);
  // The SDK's output type, exported by the program: the schema's (camelCase) names on the wire.
  const strings = outputs.privateConnectionStrings as Strings;
  expect(strings.map((s) => s.clusterName)).toEqual(["archive"]);
  expect(strings[0]?.srvConnectionString).toMatch(/^mongodb\+srv:\/\/[^@]+$/);
  const resources = await pluginResources();
  expect(resources.map((r) => r.type).sort()).toEqual([SERVICE, ENDPOINT].sort());
  // The engine recorded the SDK's snake_case arguments under the schema's names.
  expect(resources.find((r) => r.type === ENDPOINT)?.inputs).toMatchObject({
    groupId: simulator.seed.groupId,
    endpointServiceId: outputs.endpointServiceId,
    endpointId: vpcEndpointId,
    waitForClusters: true,
  });
  expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).toContain(vpcEndpointId);
});

test("pulumi preview of the unchanged Python program shows no changes, without credentials and without one Atlas request", async () => {
  await controlOf(simulator).clearRequests();
  const text = expectOk(await stack.preview(["--expect-no-changes"], { env: withoutCredentials() }));
  expect(text).toMatch(/3 unchanged/); // the stack, the service and the endpoint
  expect(await atlasRequests()).toEqual([]);
});

test("pulumi refresh of the Python program reads both back through the plugin and keeps them unchanged", async () => {
  await controlOf(simulator).clearRequests();
  expectOk(await stack.refresh());
  const gets = (await atlasRequests()).filter((r) => r.method === "GET");
  expect(gets.some((r) => r.path.endsWith(`/endpoint/${vpcEndpointId}`))).toBe(true);
  expect(gets.some((r) => /\/endpointService\/[0-9a-f]{24}$/.test(r.path))).toBe(true);
  expect((await pluginResources()).find((r) => r.type === ENDPOINT)?.outputs).toMatchObject({ connectionStatus: "AVAILABLE" });
  expectOk(await stack.preview(["--expect-no-changes"]));
});

test("pulumi destroy of the Python program deletes the endpoint, then the service, from Atlas and the stack", async () => {
  const { endpointServiceId } = await stack.outputs();
  expectOk(await stack.destroy());
  expect(await pluginResources()).toEqual([]);
  expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).not.toContain(vpcEndpointId);
  const deletes = (await atlasRequests()).filter((r) => r.method === "DELETE" && r.status < 300).map((r) => r.path);
  expect(deletes.findIndex((path) => path.endsWith(vpcEndpointId))).toBeLessThan(
    deletes.findIndex((path) => path.endsWith(`/${endpointServiceId}`)),
  );
});
