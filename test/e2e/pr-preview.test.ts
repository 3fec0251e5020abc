import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mustSucceed, PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import {
  controlOf,
  credentialEnv,
  exampleDir,
  expectOk,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
  TYPES,
  typePattern,
  withoutCredentials,
  workspace,
} from "../support/cli-harness";

jest.setTimeout(300_000);

/**
 * The pull-request job of examples/github-actions/pulumi-preview.yml, step by step: a clean copy of an example,
 * `npm install` from the packed tarball, then `pulumi preview --diff` of the PR's change with no Atlas credential in
 * env or config. The stack's state comes from the main-branch job (`pulumi up`, the only step given credentials).
 */
let simulator: RunningSimulator;
let stack: PulumiStack;
let scratch: string;
const endpointId = `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-pr/providers/Microsoft.Network/privateEndpoints/pe-${randomBytes(4).toString("hex")}`;
const TYPE = TYPES.dynamic.endpoint;
const URN_SUFFIX = `::${TYPE}::orders-db-azure`;

interface Step {
  op: string;
  urn: string;
  replaceReasons?: string[];
  oldState?: { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  newState?: { inputs: Record<string, unknown>; outputs?: Record<string, unknown> };
}

async function atlasRequests(): Promise<{ method: string; path: string }[]> {
  return await controlOf(simulator).requests();
}

async function clearRequests(): Promise<void> {
  await controlOf(simulator).clearRequests();
}

/**
 * `pulumi preview` as the PR job runs it: no credentials, and the test checks Atlas heard nothing. The base URL still
 * points at the simulator (it is not a credential), so any request the preview made would be in its log.
 */
async function prPreview(extra: string[]) {
  await clearRequests();
  const result = await stack.preview(extra, { env: { ...withoutCredentials(), MONGODB_ATLAS_BASE_URL: simulator.baseUrl } });
  expect(await atlasRequests()).toEqual([]);
  return result;
}

beforeAll(async () => {
  simulator = await startSimulator();
  // Clean copy of the example in its own folder (not below the shared e2e workspace, so nothing resolves from it).
  scratch = mkdtempSync(join(tmpdir(), "atlas-pe-pr-job-"));
  stack = new PulumiStack({
    workspace: scratch,
    programSource: exampleDir("azure"),
    files: ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"],
    name: "azure",
    env: { PULUMI_ATLAS_PE_TIME_SCALE: "0.05" },
  });
  const pack = join(workspace(), "pack");
  const tarball = join(pack, readdirSync(pack).find((f) => f.endsWith(".tgz"))!);
  await mustSucceed(
    runCommand("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], { cwd: stack.dir }),
    "npm install (example from the packed tarball)",
  );
  // Config is ids only: no Atlas credential is in the stack.
  await stack.init({
    groupId: simulator.seed.groupId,
    endpointServiceId: simulator.seed.endpointServices.AZURE,
    privateEndpointResourceId: endpointId,
    privateEndpointIPAddress: "10.0.0.5",
  });
  // The main-branch job: the only step with Atlas credentials.
  expectOk(await stack.up([], { env: credentialEnv(simulator) }), "pulumi up");
});
afterAll(async () => {
  await simulator?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("the stack config holds no Atlas credential, and neither does the state the credentialed up wrote", async () => {
  // The keys alone are the ones beforeAll set, so they cannot fail; the credentials the main-branch
  // job's up had in its env can: searched for in the config and the exported state, secrets shown.
  const config = await mustSucceed(stack.run(["config", "--json", "--show-secrets", "--stack", stack.stack]), "pulumi config");
  expect(Object.keys(JSON.parse(config.stdout)).sort()).toEqual(
    ["endpointServiceId", "groupId", "privateEndpointIPAddress", "privateEndpointResourceId"].map(
      (k) => `atlas-private-endpoint-azure:${k}`,
    ),
  );
  const state = await mustSucceed(stack.run(["stack", "export", "--show-secrets", "--stack", stack.stack]), "pulumi stack export");
  expect(state.stdout).toContain("atlas-private-endpoint"); // the export holds the endpoint the up created
  const { apiKey } = simulator.seed;
  for (const credential of [apiKey.publicKey, apiKey.privateKey]) {
    expect(config.stdout.includes(credential)).toBe(false);
    expect(state.stdout.includes(credential)).toBe(false);
  }
});

/** Runs `body` with one config value changed, restoring it after (so one failing test does not leak into the next). */
async function withConfig(key: string, value: string, body: () => Promise<void>): Promise<void> {
  const before = JSON.parse((await mustSucceed(stack.run(["config", "--json", "--stack", stack.stack]), "pulumi config")).stdout) as Record<
    string,
    { value?: string }
  >;
  const previous = before[`atlas-private-endpoint-azure:${key}`]?.value;
  await stack.setConfig(key, value);
  try {
    await body();
  } finally {
    if (previous === undefined) await mustSucceed(stack.run(["config", "rm", key, "--stack", stack.stack]), `pulumi config rm ${key}`);
    else await stack.setConfig(key, previous);
  }
}

test("an unchanged program previews with exit 0, no change, and no Atlas request", async () => {
  const result = await prPreview(["--diff", "--expect-no-changes"]);
  if (result.code !== 0) throw new Error(output(result));
  expect(result.stdout).toMatch(/2 unchanged/);
});

test("a new IP for the same Azure endpoint previews as a replacement naming the changed input, deleting first", async () => {
  await withConfig("privateEndpointIPAddress", "10.0.0.6", async () => {
    // What the PR comment shows (pulumi/actions with diff: true).
    const diff = await prPreview(["--diff"]);
    if (diff.code !== 0) throw new Error(output(diff));
    expect(diff.stdout).toMatch(new RegExp(`\\+-${typePattern(TYPE)}: \\(replace\\)`));
    expect(diff.stdout).toMatch(/~ privateEndpointIPAddress\s*: "10\.0\.0\.5" => "10\.0\.0\.6"/);
    expect(diff.stdout).toMatch(/\+-1 to replace/);

    // The order: Atlas knows one endpoint by this id, so the old registration goes first.
    const steps = await prPreview(["--diff", "--show-replacement-steps"]);
    if (steps.code !== 0) throw new Error(output(steps));
    const deleteAt = steps.stdout.indexOf(`--${TYPE}: (delete-replaced)`);
    const createAt = steps.stdout.indexOf(`++${TYPE}: (create-replacement)`);
    expect(deleteAt).toBeGreaterThan(-1);
    expect(createAt).toBeGreaterThan(deleteAt);

    const json = await prPreview(["--json", "--show-replacement-steps"]);
    if (json.code !== 0) throw new Error(output(json));
    const plan = JSON.parse(json.stdout) as { steps: Step[]; changeSummary: Record<string, number> };
    const mine = plan.steps.filter((s) => s.urn.endsWith(URN_SUFFIX));
    expect(mine.map((s) => [s.op, s.replaceReasons ?? []])).toEqual([
      ["delete-replaced", []],
      ["replace", ["privateEndpointIPAddress"]],
      ["create-replacement", ["privateEndpointIPAddress"]],
    ]);
    expect(plan.changeSummary).toEqual({ replace: 1, same: 1 });
  });
});

test("an options-only change previews as an update of that option alone, with no replacement", async () => {
  await withConfig("createTimeout", "45m", async () => {
    const result = await prPreview(["--diff"]);
    if (result.code !== 0) throw new Error(output(result));
    expect(result.stdout).toMatch(new RegExp(`~ ${typePattern(TYPE)}: \\(update\\)`));
    expect(result.stdout).toMatch(/\+ timeouts\s*: \{\s*\+ create: "45m"/);
    expect(result.stdout).not.toMatch(/replace/);

    const json = await prPreview(["--json"]);
    if (json.code !== 0) throw new Error(output(json));
    const plan = JSON.parse(json.stdout) as { steps: Step[]; changeSummary: Record<string, number> };
    expect(plan.changeSummary).toEqual({ update: 1, same: 1 });
    const [step, ...others] = plan.steps.filter((s) => s.urn.endsWith(URN_SUFFIX));
    expect(others).toEqual([]);
    expect(step?.op).toBe("update");
    const { __provider: _oldProvider, timeouts: oldTimeouts, ...oldInputs } = step!.oldState!.inputs;
    const { __provider: _newProvider, timeouts: newTimeouts, ...newInputs } = step!.newState!.inputs;
    expect([oldTimeouts, newTimeouts]).toEqual([undefined, { create: "45m" }]);
    expect(newInputs).toEqual(oldInputs);
    // Why a reviewer sees outputs as [unknown] here (docs/pr-previews.md, "What a reviewer reads"): for a provider that does not
    // support previews (the dynamic provider host never says it does) the engine hands back the new inputs as the
    // previewed state, so outputs such as status are absent until `pulumi up` runs update.
    expect(step!.oldState!.outputs.status).toBe("AVAILABLE");
    expect(step!.newState!.outputs?.status).toBeUndefined();
  });
});

test("a bad input fails the preview naming the field and what is allowed", async () => {
  await withConfig("privateEndpointIPAddress", "10.0.0.300", async () => {
    const result = await prPreview(["--diff"]);
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(
      new RegExp(
        `error: ${typePattern(TYPE)} resource 'orders-db-azure': property privateEndpointIPAddress value \\{10\\.0\\.0\\.300\\} has a problem: must be the private endpoint's IPv4 address`,
      ),
    );
  });
  expect(await simulatorEndpoints(simulator)).toEqual([expect.objectContaining({ endpointId, status: "AVAILABLE" })]);
});
