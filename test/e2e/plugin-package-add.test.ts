import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { releaseSchema } from "../../scripts/lib/release-artifacts";
import { controlOf, expectOk, fixturesDir, stackFor, output, type RunningSimulator, startSimulator } from "../support/cli-harness";
import { installedPlugins, packageLock, pluginFolder, projectPackages } from "../support/release-harness";

// `pulumi package add <plugin folder>` in a YAML project, the route Pulumi documents for source-based packages:
// the CLI runs the folder (PulumiPlugin.yaml, runtime nodejs) through the Node.js language host's RunPlugin to read
// the schema, records the package in Pulumi.yaml and a lock under sdks/, and `pulumi up` then runs the plugin from
// that folder. Nothing is installed into the plugin cache (each stack has a PULUMI_HOME of its own).
jest.setTimeout(300_000);

const PROGRAM = `${fixturesDir}/yaml-package-add`;
const REGION = "eu-west-1"; // no endpoint service is seeded there: the program creates one
let simulator: RunningSimulator;
let folder: string;
const stacks: PulumiStack[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02 });
  folder = await pluginFolder();
});
afterAll(async () => {
  for (const stack of stacks) await stack.destroy();
  await simulator?.close();
});

async function newStack(): Promise<PulumiStack> {
  const stack = stackFor(simulator, PROGRAM);
  stacks.push(stack);
  await stack.init({ groupId: simulator.seed.groupId, region: REGION });
  return stack;
}

test("without the package added, the YAML program's preview fails naming the plugin it cannot find", async () => {
  const stack = await newStack();
  const result = await stack.preview();
  expect(result.code).not.toBe(0);
  expect(output(result)).toMatch(/atlas-private-endpoint/);
  expect(await installedPlugins(stack)).toEqual([]);
});

test("pulumi package add <plugin folder> records the folder in Pulumi.yaml and a lock with the schema's version and download URL", async () => {
  const stack = await newStack();
  const text = expectOk(await stack.run(["package", "add", folder]));
  expect(text).toMatch(/Added package MongoDB Atlas private endpoints/);
  expect(projectPackages(stack)).toEqual({ "atlas-private-endpoint": folder });
  const schema = releaseSchema();
  expect(packageLock(stack)).toEqual({
    packageDeclarationVersion: 1,
    name: "atlas-private-endpoint",
    version: schema.version,
    downloadUrl: schema.pluginDownloadURL,
  });

  // pulumi up runs the plugin from the folder: the service is created in the simulator, the plugin cache stays empty.
  await controlOf(simulator).clearRequests();
  expectOk(await stack.up());
  const outputs = await stack.outputs();
  expect(outputs.status).toBe("AVAILABLE");
  const created = (await controlOf(simulator).requests()).filter((r) => r.method === "POST" && r.path.endsWith("/endpointService"));
  expect(created.filter((r) => r.status < 300)).toHaveLength(1);
  expect(await installedPlugins(stack)).toEqual([]);
});
