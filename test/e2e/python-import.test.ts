import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack, StackResource } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import { fixturesDir, output, type RunningSimulator, simulatorEndpoints, startSimulator, TYPES } from "../support/cli-harness";
import { pythonStack } from "../support/python-harness";

// `pulumi import` into a Python program (plugin-import.test.ts does it for YAML): the CLI asks the Python language
// host to turn what it imported into code (GenerateProgram), and that code, added to the program, runs on the SDK.
jest.setTimeout(300_000);

const TOKEN = TYPES.plugin.endpoint;
const SERVICE_TOKEN = TYPES.plugin.service;
let simulator: RunningSimulator;
let stack: PulumiStack;
const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02, delays: { clusterUpdateMs: 60_000 } });
  stack = await pythonStack(simulator, join(fixturesDir, "python-empty"));
  await stack.init();
});
afterAll(async () => {
  await stack?.destroy();
  await simulator?.close();
});

function expectOk(result: CommandResult): string {
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${output(result).slice(-4000)}`);
  return output(result);
}

async function resourcesOf(type: string): Promise<StackResource[]> {
  return ((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === type);
}

/** The Python code `pulumi import` prints after asking to copy it into the program. */
function generatedCode(stdout: string): string {
  const marker = stdout.search(/following code into your Pulumi application/);
  const code = stdout.slice(marker).search(/^import pulumi$/m);
  if (marker < 0 || code < 0) throw new Error(`pulumi import printed no Python code:\n${stdout}`);
  return stdout.slice(marker + code);
}

function addToProgram(code: string): void {
  appendFileSync(join(stack.dir, "__main__.py"), `\n${code}`);
}

test("an endpoint registered straight through the Atlas API is imported by its id into a Python program, and the printed Python makes the next up a no-op", async () => {
  const { groupId, endpointServices, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const ref = { groupId, cloudProvider: "AWS" as const, endpointServiceId: endpointServices.AWS, endpointId: vpcEndpointId };
  await client.createPrivateEndpoint(ref, { cloudProvider: "AWS", id: vpcEndpointId });
  const id = `${groupId}:AWS:${endpointServices.AWS}:${vpcEndpointId}`;

  const imported = await stack.run(["import", TOKEN, "orders-db", id, "--yes", "--protect=false", "--stack", stack.stack]);
  expectOk(imported);
  const code = generatedCode(imported.stdout);
  expect(code).toMatch(/^import pulumi_atlas_private_endpoint as atlas_private_endpoint$/m);
  expect(code).toMatch(/^orders_db = atlas_private_endpoint\.PrivateEndpoint\("orders-db",$/m);
  expect(code).toContain(`endpoint_id="${vpcEndpointId}"`);
  expect(code).toContain(`group_id="${groupId}"`);

  const [resource] = await resourcesOf(TOKEN);
  expect(resource?.id).toBe(id);
  expect(resource?.outputs).toMatchObject({ groupId, cloudProvider: "AWS", endpointId: vpcEndpointId, interfaceEndpointId: vpcEndpointId });

  // The printed code, added to the program: nothing to change.
  addToProgram(code);
  const up = expectOk(await stack.up(["--expect-no-changes"]));
  expect(up).toMatch(/2 unchanged/); // the stack and the endpoint
  expect(readFileSync(join(stack.dir, "__main__.py"), "utf8")).toContain("orders-db");
  expect((await simulatorEndpoints(simulator)).filter((e) => e.endpointId === vpcEndpointId)).toHaveLength(1);
});

test("an id that names no endpoint fails the import into a Python program naming the id format, and records nothing", async () => {
  const result = await stack.run(["import", TOKEN, "nothing", "not-an-id", "--yes", "--stack", stack.stack]);
  expect(result.code).not.toBe(0);
  expect(output(result)).toMatch(/value="not-an-id" is not of the form <groupId>:<AWS\|AZURE\|GCP>:<endpointServiceId>:<endpointId>/);
  expect((await resourcesOf(TOKEN)).map((r) => r.id)).not.toContain("not-an-id");
});

test("an endpoint service created straight through the Atlas API is imported into a Python program, and the printed Python makes the next up a no-op", async () => {
  const { groupId, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const created = await client.createEndpointService({ groupId }, { providerName: "AWS", region: "EU_WEST_1" });
  const id = `${groupId}:AWS:${created.id}`;

  const imported = await stack.run(["import", SERVICE_TOKEN, "atlas-service", id, "--yes", "--protect=false", "--stack", stack.stack]);
  expectOk(imported);
  const code = generatedCode(imported.stdout);
  expect(code).toMatch(/^atlas_service = atlas_private_endpoint\.EndpointService\("atlas-service",$/m);
  expect(code).toContain('region="EU_WEST_1"');

  const [service] = await resourcesOf(SERVICE_TOKEN);
  expect(service?.id).toBe(id);
  expect(service?.outputs).toMatchObject({ groupId, cloudProvider: "AWS", endpointServiceId: created.id, regionName: "EU_WEST_1" });

  addToProgram(code);
  const up = expectOk(await stack.up(["--expect-no-changes"]));
  expect(up).toMatch(/3 unchanged/); // the stack, the endpoint and the service
});
