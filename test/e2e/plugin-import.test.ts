import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack, StackResource } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import { fixturesDir, output, type RunningSimulator, simulatorEndpoints, startSimulator } from "../support/cli-harness";
import { addToYamlProgram, generatedCode, pluginStack } from "../support/plugin-harness";

// `pulumi import` of an endpoint registered outside Pulumi, through the provider plugin (the engine refuses
// import for dynamic resources): the read runs with the id alone.
jest.setTimeout(300_000);

const TOKEN = "atlas-private-endpoint:index:PrivateEndpoint";
const SERVICE_TOKEN = "atlas-private-endpoint:index:EndpointService";
let simulator: RunningSimulator;
let stack: PulumiStack;
const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02, delays: { clusterUpdateMs: 60_000 } });
  stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`);
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

async function pluginResources(): Promise<StackResource[]> {
  return ((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === TOKEN);
}

/** Adds generated code to the program's Pulumi.yaml, under its one `resources:` key. */
const addToProgram = (code: string): void => addToYamlProgram(stack, code);

test("an endpoint registered straight through the Atlas API is imported by its id, and the printed code makes the next up a no-op", async () => {
  const { groupId, endpointServices, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const ref = { groupId, cloudProvider: "AWS" as const, endpointServiceId: endpointServices.AWS, endpointId: vpcEndpointId };
  await client.createPrivateEndpoint(ref, { cloudProvider: "AWS", id: vpcEndpointId });
  const id = `${groupId}:AWS:${endpointServices.AWS}:${vpcEndpointId}`;

  const imported = await stack.run(["import", TOKEN, "orders-db", id, "--yes", "--protect=false", "--stack", stack.stack]);
  const text = expectOk(imported);
  expect(text).toMatch(/import/);
  const code = generatedCode(imported.stdout);
  // YAML's short form of the token (atlas-private-endpoint:index:PrivateEndpoint).
  expect(code).toMatch(/^ {4}type: atlas-private-endpoint:PrivateEndpoint$/m);
  expect(code).toContain(vpcEndpointId);

  const [resource] = await pluginResources();
  expect(resource?.id).toBe(id);
  expect(resource?.outputs).toMatchObject({ groupId, cloudProvider: "AWS", endpointId: vpcEndpointId, interfaceEndpointId: vpcEndpointId });
  expect(resource?.outputs?.connectionStatus).toMatch(/^(PENDING_ACCEPTANCE|PENDING|AVAILABLE)$/);

  // The printed code, added to the program: nothing to change.
  addToProgram(code);
  const up = expectOk(await stack.up(["--expect-no-changes"]));
  expect(up).toMatch(/2 unchanged/); // the stack and the endpoint
  expect(readFileSync(join(stack.dir, "Pulumi.yaml"), "utf8")).toContain("orders-db");
  expect((await simulatorEndpoints(simulator)).filter((e) => e.endpointId === vpcEndpointId)).toHaveLength(1);
});

test("an id that names no endpoint fails the import naming the id format, and records nothing", async () => {
  const result = await stack.run(["import", TOKEN, "nothing", "not-an-id", "--yes", "--stack", stack.stack]);
  expect(result.code).not.toBe(0);
  expect(output(result)).toMatch(/value="not-an-id" is not of the form <groupId>:<AWS\|AZURE\|GCP>:<endpointServiceId>:<endpointId>/);
  expect((await pluginResources()).map((r) => r.id)).not.toContain("not-an-id");
});

test("an endpoint service created straight through the Atlas API is imported by its id, and the printed code makes the next up a no-op", async () => {
  const { groupId, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const created = await client.createEndpointService({ groupId }, { providerName: "AWS", region: "EU_WEST_1" });
  const id = `${groupId}:AWS:${created.id}`;

  const imported = await stack.run(["import", SERVICE_TOKEN, "atlas-service", id, "--yes", "--protect=false", "--stack", stack.stack]);
  expectOk(imported);
  const code = generatedCode(imported.stdout);
  expect(code).toMatch(/^ {4}type: atlas-private-endpoint:EndpointService$/m);
  expect(code).toMatch(/^ {6}region: EU_WEST_1$/m);

  const service = ((await stack.exportState()).deployment.deployment.resources ?? []).find((r) => r.type === SERVICE_TOKEN);
  expect(service?.id).toBe(id);
  expect(service?.outputs).toMatchObject({ groupId, cloudProvider: "AWS", endpointServiceId: created.id, regionName: "EU_WEST_1" });

  addToProgram(code);
  const up = expectOk(await stack.up(["--expect-no-changes"]));
  expect(up).toMatch(/3 unchanged/); // the stack, the endpoint and the service
});
