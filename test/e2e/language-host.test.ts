import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import {
  exampleDir,
  fixturesDir,
  output,
  type RunningSimulator,
  stackFor,
  startSimulator,
  withoutCredentials,
} from "../support/cli-harness";
import { descendantsOf, killEach, type ProcessInfo, waitForExit } from "./process-tree";

jest.setTimeout(180_000);

// The project's own language host (scripts/pulumi-language-nodejs, built into .tools/bin by install-pulumi.sh).
// Where a released CLI brings its own host (GitHub CI's test matrix), that host runs and these tests, which are about
// ours, are skipped; CI's stand-in-host job builds ours beside the released CLI and runs them.
const host = join(repoRoot, ".tools", "bin", "pulumi-language-nodejs");
const ours = existsSync(join(repoRoot, ".tools", "bin", ".pulumi-language-nodejs.built-from")) && !lstatSync(host).isSymbolicLink();
const testOurs = ours ? test : test.skip;

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

testOurs("a stack with no config at all fails with Pulumi's 'Missing required configuration variable', not a TypeError", async () => {
  const stack = stackFor(simulator, exampleDir("aws"), withoutCredentials());
  await stack.init();
  const result = await stack.preview([], { timeoutMs: 90_000 });
  const text = output(result);
  expect(result.code).not.toBe(0);
  expect(text).toMatch(/Missing required configuration variable 'atlas-private-endpoint-aws:groupId'/);
  expect(text).not.toMatch(/TypeError|parseConfig/);
});

testOurs("the language host and its program exit within seconds when their pulumi process is SIGKILLed", async () => {
  const stack = stackFor(simulator, join(fixturesDir, "hanging-program"), withoutCredentials());
  await stack.init();
  let pulumiPid: number | undefined;
  const running = stack.preview([], { onSpawn: (pid) => (pulumiPid = pid) });
  let tree: ProcessInfo[] = [];
  const deadline = Date.now() + 90_000;
  // Wait until the program itself is running under the host.
  while (!tree.some((p) => p.command.includes("hanging-program") || p.command.includes("cmd/run"))) {
    if (Date.now() > deadline) throw new Error("the program never started");
    await new Promise((r) => setTimeout(r, 100));
    tree = pulumiPid === undefined ? [] : descendantsOf(pulumiPid);
  }
  const host = tree.filter((p) => p.command.includes("pulumi-language-nodejs"));
  const program = tree.filter((p) => p.command.includes("cmd/run"));
  expect(host).toHaveLength(1);
  expect(program).toHaveLength(1);

  process.kill(pulumiPid!, "SIGKILL");
  await running;
  // The host notices its engine is gone at its next health check (about a second); the ceiling is
  // generous for a loaded core and only decides how long a failing run takes: an orphan never exits.
  const survivors = await waitForExit(
    [...host, ...program].map((p) => p.pid),
    30_000,
  );
  killEach(survivors);
  killEach(tree.map((p) => p.pid)); // the other plugins the engine started, if any are left
  expect(survivors).toEqual([]);
});
