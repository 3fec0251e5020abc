import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  controlOf,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorControl,
  simulatorEndpoints,
  stackFor,
  startSimulator,
} from "../support/cli-harness";

jest.setTimeout(600_000);

let simulator: RunningSimulator;
beforeAll(async () => {
  // About 5 s from create to AVAILABLE at time scale 1, as the issue asks; deletion is quick. The
  // clusters apply an endpoint in 0.5 s once released, so the held wave finishes quickly.
  simulator = await startSimulator({
    timeScale: 1,
    delays: { awsPendingAcceptanceMs: 1000, awsPendingMs: 4000, deletingMs: 500, clusterUpdateMs: 500 },
  });
});
afterAll(async () => {
  await simulator?.close();
});

/** The cluster every endpoint here waits for; held UPDATING, it keeps each create open until the test lets go. */
const HELD_CLUSTER = "orders";

/** Polls `condition` until it holds; the ceiling only decides how long a failing test takes. */
async function until(what: string, condition: () => Promise<boolean>, ceilingMs = 240_000): Promise<void> {
  const giveUpAt = Date.now() + ceilingMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * How many endpoints the engine and provider host wait for at once, decided by the simulator rather
 * than by wall time: every create waits for a cluster the simulator holds UPDATING, so no create can
 * finish until the test lets go. Serialized waits would register one endpoint and stop there; parallel
 * ones register as many as the engine runs at once. The test lets go once `atLeast` are registered
 * (a failing run ends at the ceiling) and reports how many were registered by then.
 */
async function heldUp(count: number, atLeast: number, extra: string[] = []): Promise<{ stack: PulumiStack; concurrent: number }> {
  await controlOf(simulator).clearRequests();
  const prefix = randomBytes(6).toString("hex");
  const stack = stackFor(simulator, join(fixturesDir, "many"), { PULUMI_ATLAS_PE_TIME_SCALE: "1" });
  await stack.init({
    groupId: simulator.seed.groupId,
    endpointServiceId: simulator.seed.endpointServices.AWS,
    count: String(count),
    idPrefix: prefix,
    waitForClusters: JSON.stringify([HELD_CLUSTER]),
  });
  const registered = async () => (await simulatorEndpoints(simulator)).filter((e) => e.endpointId.startsWith(`vpce-${prefix}`)).length;
  await simulatorControl(simulator, `clusters/${HELD_CLUSTER}/busy`, { busy: true });
  const running = stack.up(extra);
  let concurrent: number;
  try {
    await until(`${atLeast} of ${count} endpoints registered while every create waits`, async () => (await registered()) >= atLeast);
    concurrent = await registered();
  } finally {
    await simulatorControl(simulator, `clusters/${HELD_CLUSTER}/busy`, { busy: false });
  }
  const up = await running;
  if (up.code !== 0) throw new Error(output(up));
  // Each endpoint was registered once: the hold delayed the creates' waits, not their POSTs.
  const log = await controlOf(simulator).requests();
  expect(log.filter((r) => r.method === "POST" && /\/endpoint$/.test(r.path) && r.status === 200)).toHaveLength(count);
  return { stack, concurrent };
}

test("twenty endpoints whose creates all wait on the project's clusters are waited for in parallel", async () => {
  // The engine runs at most GOMAXPROCS x 4 resource operations at once unless told otherwise
  // (pkg/cmd/pulumi/operations/up.go, defaultParallel); Go's GOMAXPROCS is the CPUs this process may
  // use (its affinity, as under taskset), which is what availableParallelism() reports too.
  const defaultWave = Math.min(20, 4 * availableParallelism());

  const twentyDefault = await heldUp(20, defaultWave);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(20);
  await destroy(twentyDefault.stack);

  const twentyParallel = await heldUp(20, 20, ["--parallel", "64"]);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(20);
  await destroy(twentyParallel.stack);

  process.stderr.write(
    `[e2e] endpoints registered while every create waited: ${twentyDefault.concurrent} of 20 with the default --parallel ` +
      `(engine wave ${defaultWave}), ${twentyParallel.concurrent} of 20 with --parallel 64\n`,
  );
  expect(twentyDefault.concurrent).toBeGreaterThanOrEqual(defaultWave);
  expect(twentyParallel.concurrent).toBe(20);
});

async function destroy(stack: PulumiStack): Promise<void> {
  const result = await stack.destroy(["--parallel", "64"]);
  if (result.code !== 0) throw new Error(output(result));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
}
