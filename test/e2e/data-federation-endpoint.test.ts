/**
 * DataFederationEndpoint through the real CLI: a TypeScript program's preview without credentials, up, up with no
 * changes, a comment changed in place, a refresh after the entry was removed outside Pulumi, destroy; and
 * `pulumi import` through the provider plugin with Terraform's import id, after which up has nothing to change.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
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
import { addToYamlProgram, generatedCode, pluginStack } from "../support/plugin-harness";
import { filesToScan, findLeaks, seedCredentials } from "../support/secret-scan";

jest.setTimeout(300_000);

const TYPE = TYPES.dynamic.dataFederation;
const TOKEN = TYPES.plugin.dataFederation;
const hex = (length: number) => randomBytes(length).toString("hex").slice(0, length);

let simulator: RunningSimulator;
const stacks: PulumiStack[] = [];
const vpcEndpointId = `vpce-${hex(17)}`;
const dnsName = `${vpcEndpointId}-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com`;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.01 });
});
afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.destroy();
  await simulator?.close();
});

const control = () => controlOf(simulator);
const client = () => new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });
// A digest client's first request of a kind is answered 401 with the challenge: that is not a call.
const atlasRequests = () => atlasRequestsOf(simulator);
const entries = async (endpointId: string) =>
  (await control().dataFederationEndpoints()).filter((entry) => entry.endpointId.toLowerCase() === endpointId.toLowerCase());

async function programStack(env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  const stack = stackFor(simulator, `${fixturesDir}/data-federation`, env);
  stacks.push(stack);
  await stack.init({ groupId: simulator.seed.groupId, vpcEndpointId, region: "us-east-1", dnsName, comment: "orders archive" });
  return stack;
}

describe("a TypeScript program", () => {
  let stack: PulumiStack;

  test("preview needs no Atlas credentials and asks Atlas nothing", async () => {
    const previewStack = await programStack(withoutCredentials());
    await control().clearRequests();
    const result = expectOk(await previewStack.preview());
    expect(result).toMatch(new RegExp(`\\+\\s+${TYPE.replace(/[/]/g, "\\/")}\\s+archive-endpoint\\s+create`));
    expect(await control().requests()).toEqual([]);
  });

  test("up adds the entry and waits until Atlas reports it OK", async () => {
    stack = await programStack();
    expectOk(await stack.up());
    expect(await stack.outputs()).toMatchObject({ status: "OK", comment: "orders archive", adopted: false, type: "DATA_LAKE" });
    expect(await entries(vpcEndpointId)).toEqual([expect.objectContaining({ status: "OK", comment: "orders archive" })]);
    const [resource] = dynamicResources((await stack.exportState()).deployment).filter((r) => r.type === TYPE);
    expect(resource?.id).toBe(`${simulator.seed.groupId}:AWS:${vpcEndpointId}`);
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

  test("a comment change is an update in place: one POST, the same entry, nothing deleted", async () => {
    const [before] = await entries(vpcEndpointId);
    await stack.setConfig("comment", "orders and invoices archive");
    await control().clearRequests();
    const result = expectOk(await stack.up());
    expect(result).toMatch(/1 updated/);
    const requests = await atlasRequests();
    expect(requests.map((r) => r.method)).toEqual(["POST"]);
    expect(await entries(vpcEndpointId)).toEqual([{ ...before, comment: "orders and invoices archive", status: "OK" }]);
    expect(await stack.outputs()).toMatchObject({ comment: "orders and invoices archive" });
  });

  test("refresh after the entry was removed outside Pulumi drops it from the stack, and up adds it again", async () => {
    await control().config({ delays: { deletingMs: 0 } });
    await client().deleteDataFederationEndpoint({ groupId: simulator.seed.groupId, endpointId: vpcEndpointId });
    await control().settled();
    expect(await entries(vpcEndpointId)).toEqual([]);
    const refreshed = expectOk(await stack.refresh());
    expect(refreshed).toMatch(/1 deleted/);
    expect(dynamicResources((await stack.exportState()).deployment).filter((r) => r.type === TYPE)).toEqual([]);
    expectOk(await stack.up());
    expect(await entries(vpcEndpointId)).toEqual([expect.objectContaining({ status: "OK", comment: "orders and invoices archive" })]);
  });

  test("destroy ends only once Atlas has forgotten the entry", async () => {
    await control().config({ delays: { deletingMs: 3_000 } });
    await control().clearRequests();
    expectOk(await stack.destroy());
    const requests = (await atlasRequests()).filter((r) => r.path.endsWith(vpcEndpointId));
    expect(requests.map((r) => r.method)).toContain("DELETE");
    // The wait read the entry until Atlas answered 404 (twice: the gone rule), and nothing is left.
    expect(
      requests
        .filter((r) => r.method === "GET")
        .map((r) => r.status)
        .slice(-2),
    ).toEqual([404, 404]);
    expect(await entries(vpcEndpointId)).toEqual([]);
  });
});

describe("pulumi import through the provider plugin", () => {
  test("Terraform's import id <project_id>--<endpoint_id> imports an Azure entry, and the printed code makes the next up a no-op", async () => {
    const { groupId } = simulator.seed;
    const endpointId = `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-import/providers/Microsoft.Network/privateEndpoints/pe-${hex(6)}`;
    await client().createDataFederationEndpoint(
      { groupId },
      {
        endpointId,
        provider: "AZURE",
        type: "DATA_LAKE",
        comment: "from terraform",
        region: "US_EAST_2",
        customerEndpointIPAddress: "10.2.0.4",
      },
    );
    const stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`);
    stacks.push(stack);
    await stack.init();

    const imported = await stack.run([
      "import",
      TOKEN,
      "archive-azure",
      `${groupId}--${endpointId}`,
      "--yes",
      "--protect=false",
      "--stack",
      stack.stack,
    ]);
    expectOk(imported);
    const code = generatedCode(imported.stdout);
    expect(code).toMatch(/^ {4}type: atlas-private-endpoint:DataFederationEndpoint$/m);
    expect(code).toContain(endpointId);
    expect(code).toMatch(/^ {6}comment: from terraform$/m);

    const [resource] = ((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === TOKEN);
    // The read answers this provider's id, and the engine records that, not the Terraform form it was given.
    expect(resource?.id).toBe(`${groupId}:AZURE:${endpointId}`);
    expect(resource?.outputs).toMatchObject({ groupId, cloudProvider: "AZURE", endpointId, region: "US_EAST_2", adopted: false });

    addToYamlProgram(stack, code);
    await control().clearRequests();
    const up = expectOk(await stack.up(["--expect-no-changes"]));
    expect(up).toMatch(/2 unchanged/); // the stack and the entry
    expect((await atlasRequests()).filter((r) => r.method !== "GET")).toEqual([]);
    expect(readFileSync(join(stack.dir, "Pulumi.yaml"), "utf8")).toContain("archive-azure");

    // Imported means managed: destroy removes it from Atlas, and waits until Atlas has forgotten it.
    expectOk(await stack.destroy());
    expect(await entries(endpointId)).toEqual([]);
  });

  test("an id of neither form fails the import naming both, and records nothing", async () => {
    const stack = await pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`);
    stacks.push(stack);
    await stack.init();
    const result = await stack.run(["import", TOKEN, "nothing", "not-an-id", "--yes", "--stack", stack.stack]);
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(
      /value="not-an-id" is not of the form <groupId>:<AWS\|AZURE>:<endpointId> or Terraform's <groupId>--<endpointId>/,
    );
    expect(((await stack.exportState()).deployment.deployment.resources ?? []).filter((r) => r.type === TOKEN)).toEqual([]);
  });
});
