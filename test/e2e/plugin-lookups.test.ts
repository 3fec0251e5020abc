import { randomBytes } from "node:crypto";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  controlOf,
  expectOk,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
} from "../support/cli-harness";
import { pluginStack } from "../support/plugin-harness";

// A YAML program that looks up the region's endpoint service with fn::invoke (the plugin's schema function
// getEndpointService) instead of declaring it, and registers an endpoint with it.
jest.setTimeout(300_000);

let simulator: RunningSimulator;
let stack: PulumiStack;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02 });
});
afterAll(async () => {
  await stack?.destroy();
  await simulator?.close();
});

test("fn::invoke getEndpointService finds the service another stack made, and the endpoint registers with it", async () => {
  const { groupId, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const service = await client.createEndpointService({ groupId }, { providerName: "AWS", region: "CA_CENTRAL_1" });
  await controlOf(simulator).advance(60_000);
  await controlOf(simulator).clearRequests();
  const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;
  stack = await pluginStack(simulator, `${fixturesDir}/yaml-lookup`);
  await stack.init({ groupId, region: "ca-central-1", vpcEndpointId });

  expectOk(await stack.up());
  const outputs = await stack.outputs();
  expect(outputs).toMatchObject({ endpointServiceId: service.id, connectionStatus: "AVAILABLE" });
  expect(String(outputs.endpointServiceName)).toMatch(/^com\.amazonaws\.vpce\.ca-central-1\.vpce-svc-/);
  const registered = (await simulatorEndpoints(simulator)).filter((endpoint) => endpoint.endpointId === vpcEndpointId);
  expect(registered.map((endpoint) => endpoint.endpointServiceId)).toEqual([service.id]);
  // The look-up only read: the one POST is the endpoint's.
  const writes = (await controlOf(simulator).requests()).filter(
    (entry) => entry.method !== "GET" && entry.status !== 401 && entry.path.startsWith("/api/atlas/"),
  );
  expect(writes.map((entry) => `${entry.method} ${entry.path.replace(/^.*\/endpointService\//, "…/")}`)).toEqual([
    `POST …/${service.id}/endpoint`,
  ]);
});

test("a look-up of a region without a service fails the preview, naming the regions the project has", async () => {
  const other = await pluginStack(simulator, `${fixturesDir}/yaml-lookup`);
  await other.init({ groupId: simulator.seed.groupId, region: "sa-east-1", vpcEndpointId: "vpce-0123456789abcdef0" });
  const preview = await other.preview();
  expect(preview.code).not.toBe(0);
  expect(output(preview)).toMatch(/getEndpointService: Atlas has no endpoint service for AWS region SA_EAST_1 .*it has AWS services in/);
  await other.destroy();
});
