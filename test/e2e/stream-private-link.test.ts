/**
 * StreamPrivateLink through the real CLI: a TypeScript program (a private link to a Confluent cluster
 * whose network a stand-in makes) previewed without credentials, brought up, left unchanged, changed
 * (a replacement on the same target, so the old connection goes first), refreshed after an
 * out-of-band delete, destroyed; and, through the provider plugin, `pulumi import` with Terraform's
 * import id followed by `up --expect-no-changes`.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  atlasRequestsOf,
  controlOf,
  expectOk,
  fixturesDir,
  type RunningSimulator,
  stackFor,
  startSimulator,
  TYPES,
  withoutCredentials,
} from "../support/cli-harness";
import { generatedCode, pluginStack } from "../support/plugin-harness";
import { filesToScan, findLeaks, seedCredentials } from "../support/secret-scan";

jest.setTimeout(300_000);

const TYPE = TYPES.dynamic.streamLink;
const TOKEN = TYPES.plugin.streamLink;
const PROGRAM = `${fixturesDir}/stream-private-link`;
/** Long enough that a test sees a held phase; released by moving the simulator's clock. */
const HELD_MS = 60_000;

let simulator: RunningSimulator;
const stacks: PulumiStack[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.01 });
});
afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.destroy();
  await simulator?.close();
});

const control = () => controlOf(simulator);
// A digest client's first request of a kind is answered 401 with the challenge: that is not a call.
const atlasRequests = () => atlasRequestsOf(simulator);
const client = () => new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });
const connections = async () => (await control().streamPrivateLinks()).filter((link) => link.groupId === simulator.seed.groupId);

async function programStack(env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  const stack = stackFor(simulator, PROGRAM, env);
  await stack.init({ groupId: simulator.seed.groupId, cluster: `lkc-${randomBytes(4).toString("hex")}` });
  await stack.setConfig("zones", JSON.stringify(["use1-az1", "use1-az2"]));
  return stack;
}

describe("a TypeScript program", () => {
  let stack: PulumiStack;
  let first: Record<string, unknown>;

  test("a pull request's preview needs no Atlas credentials, asks Atlas nothing, and takes the network's values while they are unknown", async () => {
    const preview = await programStack(withoutCredentials());
    await control().clearRequests();
    const text = expectOk(await preview.preview());
    expect(text).toMatch(/\+\s+pulumi-nodejs:dynamic\/atlas:StreamPrivateLink\s+confluent\s+create/);
    expect(await control().requests()).toEqual([]);
  });

  test("up creates the link, waits until Atlas reports it DONE, and outputs the interface endpoint Atlas made", async () => {
    stack = await programStack();
    stacks.push(stack);
    await control().clearRequests();
    expectOk(await stack.up());
    first = await stack.outputs();
    expect(first).toMatchObject({ state: "DONE", adopted: false });
    expect(first.interfaceEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(first.interfaceEndpointName).toMatch(/^atlas-streams-/);
    const posts = (await atlasRequests()).filter((entry) => entry.method === "POST").map((entry) => `${entry.path} ${entry.status}`);
    expect(posts).toEqual([`/api/atlas/v2/groups/${simulator.seed.groupId}/streams/privateLinkConnections 200`]);
    expect((await connections()).map((link) => [link.connectionId, link.state])).toEqual([[first.connectionId, "DONE"]]);
    const [resource] = dynamicResources((await stack.exportState()).deployment).filter((r) => r.type === TYPE);
    expect(resource?.id).toBe(`${simulator.seed.groupId}:${first.connectionId}`);
  });

  test("no Atlas credential is in the state or anything the backend wrote", async () => {
    const scanned = filesToScan(stack.backendFiles());
    expect(scanned.some((file) => file.text.includes(TYPE))).toBe(true);
    expect(findLeaks(scanned, seedCredentials(simulator.seed))).toEqual([]);
  });

  test("up --expect-no-changes passes and asks Atlas nothing", async () => {
    await control().clearRequests();
    expectOk(await stack.up(["--expect-no-changes"]));
    expect(await atlasRequests()).toEqual([]);
  });

  test("a change of the cluster's zones replaces the link on the same target: the old connection is deleted (and gone) before the new one is created", async () => {
    await stack.setConfig("zones", JSON.stringify(["use1-az1", "use1-az2", "use1-az4"]));
    await control().clearRequests();
    const text = expectOk(await stack.up());
    expect(text).toMatch(/confluent\s+(deleted original|replaced)/);
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ state: "DONE", adopted: false });
    expect(outputs.connectionId).not.toBe(first.connectionId);
    const writes = (await atlasRequests()).filter((entry) => entry.method !== "GET" || entry.status === 404);
    const base = `/api/atlas/v2/groups/${simulator.seed.groupId}/streams/privateLinkConnections`;
    // DELETE, then the wait's 404 (gone), then the POST: never a 409 from meeting the old one.
    expect(writes.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      `DELETE ${base}/${first.connectionId} 202`,
      `GET ${base}/${first.connectionId} 404`,
      `GET ${base}/${first.connectionId} 404`,
      `POST ${base} 200`,
    ]);
    expect((await connections()).map((link) => link.connectionId)).toEqual([outputs.connectionId]);
    first = outputs;
  });

  test("refresh after the link was deleted outside the program drops it, and the next up creates it again", async () => {
    await client().deleteStreamPrivateLink({ groupId: simulator.seed.groupId, connectionId: String(first.connectionId) });
    // DELETE_REQUESTED, then DELETING, then gone: moved through on the simulator's clock.
    await control().advance(HELD_MS);
    expect(await connections()).toEqual([]);
    const text = expectOk(await stack.refresh());
    expect(text).toMatch(/confluent\s+deleted/);
    expect(dynamicResources((await stack.exportState()).deployment).filter((r) => r.type === TYPE)).toEqual([]);
    expectOk(await stack.up());
    const outputs = await stack.outputs();
    expect(outputs).toMatchObject({ state: "DONE" });
    expect((await connections()).map((link) => link.connectionId)).toEqual([outputs.connectionId]);
    first = outputs;
  });

  test("destroy deletes the link and waits until Atlas answers 404", async () => {
    await control().clearRequests();
    expectOk(await stack.destroy());
    const requests = (await atlasRequests()).filter((entry) => entry.path.includes("/streams/privateLinkConnections"));
    expect(requests.filter((entry) => entry.method === "DELETE").map((entry) => entry.status)).toEqual([202]);
    expect(requests.at(-1)).toMatchObject({ method: "GET", status: 404 });
    expect(await connections()).toEqual([]);
  });
});

describe("pulumi import and a look-up through the plugin", () => {
  let stack: PulumiStack;
  let importedLink: { connectionId: string; interfaceEndpointId: string };

  beforeAll(async () => {
    stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`);
    stacks.push(stack);
    await stack.init();
  });

  test("a link made straight through the Atlas API is imported by Terraform's import id, recorded under the canonical id, and the printed code makes the next up a no-op", async () => {
    const arn = `arn:aws:kafka:eu-west-1:123456789012:cluster/orders-${randomBytes(4).toString("hex")}/1`;
    const made = await client().createStreamPrivateLink({ groupId: simulator.seed.groupId }, { provider: "AWS", vendor: "MSK", arn });
    await control().advance(HELD_MS);
    const terraformId = `${simulator.seed.groupId}-${made.id}`;

    const imported = await stack.run(["import", TOKEN, "orders-msk", terraformId, "--yes", "--protect=false", "--stack", stack.stack]);
    expectOk(imported);
    const code = generatedCode(imported.stdout);
    expect(code).toMatch(/^ {4}type: atlas-private-endpoint:StreamPrivateLink$/m);
    expect(code).toContain(arn);
    // MSK takes no region: the code leaves out the one Atlas read from the arn.
    expect(code).not.toMatch(/^ {6}region:/m);

    const resource = ((await stack.exportState()).deployment.deployment.resources ?? []).find((r) => r.type === TOKEN);
    expect(resource?.id).toBe(`${simulator.seed.groupId}:${made.id}`);
    expect(resource?.outputs).toMatchObject({ vendor: "MSK", arn, region: "eu-west-1", connectionId: made.id, state: "DONE" });

    appendFileSync(join(stack.dir, "Pulumi.yaml"), code);
    await control().clearRequests();
    const up = expectOk(await stack.up(["--expect-no-changes"]));
    expect(up).toMatch(/2 unchanged/); // the stack and the link
    expect((await atlasRequests()).filter((entry) => entry.method !== "GET")).toEqual([]);
    expect((await connections()).filter((link) => link.connectionId === made.id)).toHaveLength(1);
    importedLink = { connectionId: made.id, interfaceEndpointId: String(resource?.outputs?.interfaceEndpointId) };
  });

  test("fn::invoke getStreamPrivateLink reads the link's interface endpoint and state, writing nothing", async () => {
    appendFileSync(
      join(stack.dir, "Pulumi.yaml"),
      [
        "variables:",
        "  looked:",
        "    fn::invoke:",
        "      function: atlas-private-endpoint:index:getStreamPrivateLink",
        "      arguments:",
        `        groupId: ${simulator.seed.groupId}`,
        `        connectionId: ${importedLink.connectionId}`,
        "outputs:",
        `  interfaceEndpointId: \${looked.interfaceEndpointId}`,
        `  state: \${looked.state}`,
        "",
      ].join("\n"),
    );
    await control().clearRequests();
    expectOk(await stack.up());
    expect(await stack.outputs()).toEqual({ interfaceEndpointId: importedLink.interfaceEndpointId, state: "DONE" });
    expect(importedLink.interfaceEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect((await atlasRequests()).filter((entry) => entry.method !== "GET")).toEqual([]);
  });
});
