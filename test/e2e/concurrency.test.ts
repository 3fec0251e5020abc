import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { fixturesDir, output, type RunningSimulator, simulatorEndpoints, stackFor, startSimulator } from "../support/cli-harness";

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

async function timedUp(count: number, extra: string[] = []): Promise<{ wallMs: number; stack: PulumiStack }> {
  const stack = stackFor(simulator, join(fixturesDir, "many"), { PULUMI_ATLAS_PE_TIME_SCALE: "1" });
  await stack.init({
    groupId: simulator.seed.groupId,
    endpointServiceId: simulator.seed.endpointServices.AWS,
    count: String(count),
    idPrefix: randomBytes(6).toString("hex"),
  });
  const up = await stack.up(extra);
  if (up.code !== 0) throw new Error(output(up));
  return { wallMs: up.wallMs, stack };
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
  // Serialized waits would add 20 x 5 s; with enough engine parallelism the provider host waits for all at once.
  expect(twentyDefault.wallMs).toBeLessThan(one.wallMs + 30_000);
  expect(twentyParallel.wallMs).toBeLessThan(one.wallMs + 10_000);
});

async function destroy(stack: PulumiStack): Promise<void> {
  const result = await stack.destroy(["--parallel", "64"]);
  if (result.code !== 0) throw new Error(output(result));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
}
