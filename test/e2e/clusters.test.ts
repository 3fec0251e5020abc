import { randomBytes } from "node:crypto";
import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import { AtlasClient } from "../../provider/client";
import {
  controlOf,
  expectOk,
  FAST_ATLAS_SLOW_CLUSTERS,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorControl,
  stackFor,
  startSimulator,
} from "../support/cli-harness";

jest.setTimeout(300_000);

let simulator: RunningSimulator;
const stacks: PulumiStack[] = [];

beforeAll(async () => {
  simulator = await startSimulator(FAST_ATLAS_SLOW_CLUSTERS);
});
afterAll(async () => {
  for (const stack of stacks) await stack.destroy();
  await simulator?.close();
});

async function newStack(config: Record<string, string> = {}): Promise<PulumiStack> {
  const stack = stackFor(simulator, `${fixturesDir}/clusters`);
  stacks.push(stack);
  const { groupId, endpointServices } = simulator.seed;
  await stack.init({
    groupId,
    endpointServiceId: endpointServices.AWS,
    vpcEndpointId: `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`,
    ...config,
  });
  return stack;
}

async function clusterStates(): Promise<Record<string, string>> {
  const { groupId } = simulator.seed;
  const client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });
  const clusters = await client.listClusters({ groupId });
  return Object.fromEntries(clusters.map((cluster) => [cluster.name, cluster.stateName ?? "?"]));
}

type Strings = { clusterName: string; type?: string; srvConnectionString?: string; connectionString?: string }[];

test("pulumi up waits for the two clusters in the endpoint's region and ends with both strings in the stack outputs", async () => {
  const stack = await newStack();
  const result = await stack.up();
  expectOk(result);
  const text = output(result);
  expect(text).toMatch(/cluster orders: UPDATING, waiting for it to apply the endpoint/);
  expect(text).toMatch(/cluster analytics: IDLE, lists the endpoint after/);
  const outputs = await stack.outputs();
  expect(outputs.connectionStatus).toBe("AVAILABLE");
  const strings = (outputs.privateConnectionStrings as Strings).sort((a, b) => a.clusterName.localeCompare(b.clusterName));
  expect(strings.map((s) => [s.clusterName, s.type])).toEqual([
    ["analytics", "MONGOS"],
    ["orders", "MONGOD"],
  ]);
  for (const s of strings) {
    expect(s.srvConnectionString).toMatch(/^mongodb\+srv:\/\/[^@]+$/);
    expect(s.connectionString).toMatch(/^mongodb:\/\/[^@]+$/);
  }
});

test("a cluster held busy past the deadline fails the up naming it, the endpoint stays recorded, and the next up finishes", async () => {
  await simulatorControl(simulator, "clusters/analytics/busy", { busy: true });
  const stack = await newStack({ createTimeout: "6s" });
  try {
    const failed = await stack.up();
    expect(failed.code).not.toBe(0);
    expect(output(failed)).toMatch(
      /not every cluster applied it within the create timeout of 6s: cluster (\w+ \([^)]*\), )?analytics \(UPDATING/,
    );
    const [resource] = dynamicResources((await stack.exportState()).deployment);
    expect(resource?.id).toContain(simulator.seed.endpointServices.AWS);
    expect(resource?.outputs).toMatchObject({ connectionStatus: "AVAILABLE" });
    expect(resource?.outputs).not.toHaveProperty("privateConnectionStrings");
  } finally {
    await simulatorControl(simulator, "clusters/analytics/busy", { busy: false });
  }
  const resumed = await stack.up();
  expectOk(resumed);
  expect(output(resumed)).toMatch(/resuming the wait for the project's clusters/);
  const strings = (await stack.outputs()).privateConnectionStrings as Strings;
  expect(strings.map((s) => s.clusterName).sort()).toEqual(["analytics", "orders"]);
});

// Last: it leaves the clusters UPDATING for an hour.
test("waitForClusters: false returns at AVAILABLE while the clusters are still applying the endpoint", async () => {
  const stack = await newStack({ waitForClusters: "false" });
  // An hour to apply it at this time scale: an up that waited would not finish, and however slow the
  // machine, the clusters are still UPDATING when the test looks.
  await simulatorControl(simulator, "config", { delays: { clusterUpdateMs: 180_000_000 } });
  await controlOf(simulator).clearRequests();
  let result: CommandResult;
  try {
    result = await stack.up();
  } finally {
    await simulatorControl(simulator, "config", { delays: { clusterUpdateMs: 60_000 } });
  }
  expectOk(result);
  expect(output(result)).not.toMatch(/cluster orders:/);
  const requests = await controlOf(simulator).requests();
  expect(requests.filter((r) => r.path.includes("/clusters"))).toEqual([]);
  const states = await clusterStates();
  expect(states.orders).toBe("UPDATING");
  const outputs = await stack.outputs();
  expect(outputs.connectionStatus).toBe("AVAILABLE");
  expect(outputs).not.toHaveProperty("privateConnectionStrings");
});
