import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import type { RequestLogEntry } from "../../simulator";
import {
  controlOf,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
} from "../support/cli-harness";

jest.setTimeout(600_000);

let simulator: RunningSimulator;
beforeAll(async () => {
  // About 5 s from create to AVAILABLE at time scale 1, as the issue asks; deletion is quick.
  simulator = await startSimulator({
    port: 0,
    timeScale: 1,
    delays: { awsPendingAcceptanceMs: 1000, awsPendingMs: 4000, deletingMs: 500 },
  });
});
afterAll(async () => {
  await simulator?.close();
});

/**
 * How many endpoints were being waited for at once: the creates Atlas accepted before it first
 * answered one of them AVAILABLE. Each takes 5 s from its create (the simulator's phases), so
 * serialized waits give 1 here and parallel ones give every create the engine started together.
 */
function createdBeforeFirstAvailable(log: RequestLogEntry[]): number {
  const firstAvailable = log.findIndex((r) => r.method === "GET" && r.answeredStatus === "AVAILABLE");
  expect(firstAvailable).toBeGreaterThan(0);
  return log.slice(0, firstAvailable).filter((r) => r.method === "POST" && /\/endpoint$/.test(r.path) && r.status === 200).length;
}

async function timedUp(count: number, extra: string[] = []): Promise<{ wallMs: number; stack: PulumiStack; concurrent: number }> {
  await controlOf(simulator).clearRequests();
  const stack = stackFor(simulator, join(fixturesDir, "many"), { PULUMI_ATLAS_PE_TIME_SCALE: "1" });
  await stack.init({
    groupId: simulator.seed.groupId,
    endpointServiceId: simulator.seed.endpointServices.AWS,
    count: String(count),
    idPrefix: randomBytes(6).toString("hex"),
  });
  const up = await stack.up(extra);
  if (up.code !== 0) throw new Error(output(up));
  return { wallMs: up.wallMs, stack, concurrent: createdBeforeFirstAvailable(await controlOf(simulator).requests()) };
}

test("twenty endpoints that each take 5 s to become AVAILABLE are waited for in parallel", async () => {
  const one = await timedUp(1);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(1);
  await destroy(one.stack);

  // The engine runs at most GOMAXPROCS x 4 resource operations at once unless told otherwise
  // (pkg/cmd/pulumi/operations/up.go, defaultParallel): 8 on this 2-core machine, so 20 waits run in 3 waves.
  const twentyDefault = await timedUp(20);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(20);
  await destroy(twentyDefault.stack);

  const twentyParallel = await timedUp(20, ["--parallel", "64"]);
  expect((await simulatorEndpoints(simulator)).filter((e) => e.status === "AVAILABLE")).toHaveLength(20);
  await destroy(twentyParallel.stack);

  process.stderr.write(
    `[e2e] pulumi up wall time: 1 endpoint ${one.wallMs} ms; 20 endpoints ${twentyDefault.wallMs} ms with the default --parallel ` +
      `(ratio ${(twentyDefault.wallMs / one.wallMs).toFixed(2)}), ${twentyParallel.wallMs} ms with --parallel 64 ` +
      `(ratio ${(twentyParallel.wallMs / one.wallMs).toFixed(2)})\n`,
  );
  // Decided on the simulator's phases, not on wall time (which a loaded machine stretches): serialized
  // waits would have one endpoint waited for at a time; the provider host waits for as many at once as
  // the engine starts: all 20 with --parallel 64, a wave of at least 8 (GOMAXPROCS x 4, 2 cores or more) by default.
  expect(one.concurrent).toBe(1);
  expect(twentyParallel.concurrent).toBe(20);
  expect(twentyDefault.concurrent).toBeGreaterThanOrEqual(8);
});

async function destroy(stack: PulumiStack): Promise<void> {
  const result = await stack.destroy(["--parallel", "64"]);
  if (result.code !== 0) throw new Error(output(result));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
}
