import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack, StackResource } from "../../scripts/lib/pulumi-workspace";
import { controlOf, expectOk, fixturesDir, type RunningSimulator, simulatorEndpoints, startSimulator, TYPES } from "../support/cli-harness";
import { pluginStack } from "../support/plugin-harness";

// Moving from Terraform or @pulumi/mongodbatlas (docs/usage.md, "Moving from Terraform or @pulumi/mongodbatlas"):
// a stack holds the bridged provider's PrivateLinkEndpoint and PrivateLinkEndpointService for objects Atlas has;
// they leave the state without being deleted (`pulumi state delete`), and `pulumi import` takes the very ids they
// had (Terraform's forms) into this provider's EndpointService and PrivateEndpoint; the next up changes nothing,
// and Atlas saw no write at all.
jest.setTimeout(300_000);

const SERVICE_TOKEN = TYPES.plugin.service;
const ENDPOINT_TOKEN = TYPES.plugin.endpoint;
let simulator: RunningSimulator;
let stack: PulumiStack;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02 });
  stack = await pluginStack(simulator, `${fixturesDir}/yaml-migration`);
  await stack.init();
});
afterAll(async () => {
  await stack?.destroy();
  await simulator?.close();
});

/** The YAML code `pulumi import` prints, without its `resources:` line when the program has one already. */
function addPrintedCode(stdout: string): void {
  const marker = stdout.search(/following code into your Pulumi application/);
  const start = stdout.slice(marker).search(/^resources:$/m);
  if (marker < 0 || start < 0) throw new Error(`pulumi import printed no code:\n${stdout}`);
  const program = join(stack.dir, "Pulumi.yaml");
  const code = stdout.slice(marker + start);
  appendFileSync(program, /^resources:$/m.test(readFileSync(program, "utf8")) ? code.replace(/^resources:\n/, "") : code);
}

test("Terraform-made objects move from the bridged provider's state into this provider's by their Terraform ids, with no write to Atlas", async () => {
  // What Terraform (or @pulumi/mongodbatlas) made: a service and an endpoint registered with it.
  const { groupId, apiKey } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...apiKey } });
  const service = await client.createEndpointService({ groupId }, { providerName: "AWS", region: "EU_WEST_2" });
  const vpce = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;
  const serviceRef = { groupId, cloudProvider: "AWS" as const, endpointServiceId: service.id ?? "" };
  await client.createPrivateEndpoint(serviceRef, { cloudProvider: "AWS", id: vpce });
  const terraformServiceId = `${groupId}-${service.id}-AWS-eu-west-2`;
  const terraformEndpointId = `${groupId}--${service.id}--${vpce}--AWS`;

  // The stack as the bridged provider left it (its plugin is not needed to edit state).
  expectOk(await stack.up());
  const { deployment } = await stack.exportState();
  const stackUrn = deployment.deployment.resources?.[0]?.urn ?? "";
  const prefix = stackUrn.slice(0, stackUrn.indexOf("::pulumi:pulumi:Stack"));
  const providerUrn = `${prefix}::pulumi:providers:mongodbatlas::default_4_8_0`;
  const bridged = (type: string, name: string, id: string) => ({
    urn: `${prefix}::${type}::${name}`,
    custom: true,
    id,
    type,
    inputs: {},
    outputs: {},
    parent: stackUrn,
    provider: `${providerUrn}::11111111-2222-3333-4444-555555555555`,
  });
  const old = [
    bridged("mongodbatlas:index/privateLinkEndpoint:PrivateLinkEndpoint", "atlas-service", terraformServiceId),
    bridged("mongodbatlas:index/privateLinkEndpointService:PrivateLinkEndpointService", "orders-db", terraformEndpointId),
  ];
  const providerResource = {
    urn: providerUrn,
    custom: true,
    id: "11111111-2222-3333-4444-555555555555",
    type: "pulumi:providers:mongodbatlas",
    inputs: { version: "4.8.0" },
    outputs: { version: "4.8.0" },
  };
  deployment.deployment.resources = [...(deployment.deployment.resources ?? []), providerResource, ...old] as StackResource[];
  const stateFile = join(stack.dir, "bridged-state.json");
  writeFileSync(stateFile, JSON.stringify(deployment));
  expectOk(await stack.run(["stack", "import", "--file", stateFile, "--stack", stack.stack]));

  // 1. The old resources leave the state without a delete in Atlas, dependents first, then their provider.
  for (const resource of [...old].reverse()) expectOk(await stack.run(["state", "delete", resource.urn, "--yes", "--stack", stack.stack]));
  expectOk(await stack.run(["state", "delete", providerUrn, "--yes", "--stack", stack.stack]));

  // 2. `pulumi import` by the ids they had; the printed code goes into the program.
  await controlOf(simulator).clearRequests();
  addPrintedCode(
    expectOk(
      await stack.run(["import", SERVICE_TOKEN, "atlas-service", terraformServiceId, "--yes", "--protect=false", "--stack", stack.stack]),
    ),
  );
  addPrintedCode(
    expectOk(
      await stack.run(["import", ENDPOINT_TOKEN, "orders-db", terraformEndpointId, "--yes", "--protect=false", "--stack", stack.stack]),
    ),
  );
  const resources = (await stack.exportState()).deployment.deployment.resources ?? [];
  expect(resources.map((r) => r.type)).not.toContain("pulumi:providers:mongodbatlas");
  expect(resources.find((r) => r.type === SERVICE_TOKEN)?.id).toBe(`${groupId}:AWS:${service.id}`);
  expect(resources.find((r) => r.type === ENDPOINT_TOKEN)?.id).toBe(`${groupId}:AWS:${service.id}:${vpce}`);

  // 3. The next up changes nothing; Atlas saw reads only, and still holds both objects.
  const up = expectOk(await stack.up(["--expect-no-changes"]));
  expect(up).toMatch(/3 unchanged/);
  const writes = (await controlOf(simulator).requests()).filter((entry) => entry.method !== "GET" && entry.path.startsWith("/api/atlas/"));
  expect(writes).toEqual([]);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.endpointId === vpce)).toHaveLength(1);
  expect((await client.listEndpointServices({ groupId, cloudProvider: "AWS" })).map((s) => s.id)).toContain(service.id);
});
