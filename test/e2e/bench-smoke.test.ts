import { runCommand } from "../../scripts/lib/run-command";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import type { RateLimitResult } from "../../bench/rate-limits";
import type { BenchResults } from "../../bench/results";

jest.setTimeout(600_000);

// The benchmark is not a timed test: this only keeps `npm run bench` from rotting. Timing goals are
// checked by the full run (bench/RESULTS.md); here every figure must be present and plausible.
let results: BenchResults & { rateLimits: RateLimitResult };
beforeAll(async () => {
  const run = await runCommand(process.execPath, [require.resolve("tsx/cli"), "bench/run.ts", "--tiny", "--json"], {
    cwd: repoRoot,
    timeoutMs: 540_000,
    // The CLI runs the `many` fixture without type-checking it each time: programs.test.ts checks it once per run.
    env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
  });
  if (run.code !== 0) throw new Error(`bench --tiny --json exited ${run.code ?? run.signal}\n${run.stdout}\n${run.stderr}`);
  results = JSON.parse(run.stdout) as typeof results;
});

const finitePositive = (value: number) => Number.isFinite(value) && value > 0;

test("prints one JSON object with the machine, the command and one verdict per goal", () => {
  expect(results.size).toBe("tiny");
  expect(results.command).toBe("npm run bench -- --tiny --json");
  expect(results.machine.cores).toBeGreaterThan(0);
  expect(results.machine.pulumi).toMatch(/^v3\./);
  expect(results.goals.length).toBeGreaterThanOrEqual(1 + 3 * 3 * 2 + 3);
  for (const goal of results.goals) expect(typeof goal.met).toBe("boolean");
});

test("counts HTTP requests per API call for our client and for the fresh-challenge baseline", () => {
  const { value, baseline, separateProcesses, realCli, details } = results.httpRequestsPerApiCall;
  // Each client takes one challenge per process, the baseline one per call: these are counts, not timings.
  expect(details.ours.challenges).toBe(1);
  expect(details.oursSeparateProcesses.challenges).toBe(2);
  expect(details.baseline.challenges).toBe(details.baseline.apiCalls);
  expect(baseline).toBe(2);
  for (const ratio of [value, separateProcesses, realCli]) expect(ratio).toBeGreaterThanOrEqual(1);
  expect(value).toBeLessThan(1.5);
});

test("reports readiness lag and GETs for every transition time, cloud and schedule, baseline included", () => {
  const schedules = results.schedules.map((s) => s.name);
  expect(schedules).toEqual(expect.arrayContaining(["shipped", "terraform"]));
  const keys = Object.keys(results.readinessLagMs);
  expect(keys.sort()).toEqual(
    ["5000/AWS", "5000/AZURE", "5000/GCP", "60000/AWS", "60000/AZURE", "60000/GCP", "600000/AWS", "600000/AZURE", "600000/GCP"].sort(),
  );
  for (const key of keys) {
    for (const name of schedules) {
      expect(results.readinessLagMs[key]![name]).toBeGreaterThanOrEqual(0);
      expect(results.pollsPerCreate[key]![name]).toBeGreaterThanOrEqual(1);
    }
  }
});

test("pairs the schedules: in each run every schedule's endpoint went through the same transition, and differences are taken run by run", () => {
  const baseline = results.schedules.find((s) => s.baseline)!.name;
  for (const transitionMs of [5_000, 60_000, 600_000]) {
    for (const cloud of ["AWS", "AZURE", "GCP"]) {
      const rows = results.readinessRows.filter((row) => row.transitionMs === transitionMs && row.cloud === cloud);
      expect(rows.map((row) => row.schedule).sort()).toEqual(results.schedules.map((s) => s.name).sort());
      const reference = rows[0]!.transitionsMs;
      expect(reference).toHaveLength(rows[0]!.runs);
      for (const row of rows) expect(row.transitionsMs).toEqual(reference);
      // Runs differ from each other (the draw is ±50 %), so pairing is what makes them comparable.
      expect(new Set(reference).size).toBeGreaterThan(1);
      const own = results.readinessPaired[`${transitionMs}/${cloud}`]![baseline]!;
      expect(own.lagDiffMs).toEqual({ median: 0, p5: 0, p95: 0 });
      expect(own.pollsDiff).toEqual({ median: 0, p5: 0, p95: 0 });
      for (const row of rows) {
        expect(row.pollsDiff.p5).toBeLessThanOrEqual(row.pollsDiff.median);
        expect(row.pollsDiff.median).toBeLessThanOrEqual(row.pollsDiff.p95);
      }
    }
  }
  const lagGoals = results.goals.filter((g) => g.figure.startsWith("readinessLagMs"));
  expect(lagGoals).toHaveLength(9);
  for (const goal of lagGoals) expect(goal.goal).toContain("paired");
});

// How fast a preview is per resource is the benchmark's verdict (a goal against its baseline), not this smoke test's.
test("previews make no HTTP request and report their time per resource", () => {
  expect(results.previewHttpRequests).toBe(0);
  expect(finitePositive(results.previewMicrosPerResource)).toBe(true);
});

test("measures __provider in real state within 16 KiB and the provider host's memory", () => {
  expect(results.providerStateBytes).toBeGreaterThan(100);
  expect(results.providerStateBytes).toBeLessThanOrEqual(16 * 1024);
  expect(results.stateAndMemory.providerHosts).toBeGreaterThanOrEqual(1);
  expect(results.providerHostPeakRssBytes).toBeGreaterThan(10 * 2 ** 20);
});

test("measures pulumi up wall time for many endpoints over one, with raised and default parallelism", () => {
  expect(finitePositive(results.parallelRatio)).toBe(true);
  expect(finitePositive(results.parallelRatioDefaultParallel)).toBe(true);
  expect(results.parallel.oneWallMs).toBeGreaterThan(0);
});

test("creates and destroys endpoints through the real CLI against a token bucket, with the pacer, all succeeding", () => {
  const [paced, ...rest] = results.rateLimits.runs;
  expect(rest).toEqual([]); // the baseline runs in the full size only
  expect(paced).toMatchObject({ pacer: "on", failures: [] });
  expect(paced!.requests).toBeGreaterThan(0);
  // "Against a token bucket": the bucket (capacity 2 in the smoke size) refused at least once, so it
  // was in play; the pacer learns the rate from those refusals, and every create and destroy succeeded.
  expect(paced!.refused).toBeGreaterThan(0);
  expect(paced!.refused).toBeLessThan(paced!.requests);
  expect(finitePositive(paced!.floorMs) && finitePositive(paced!.wallOverFloor)).toBe(true);
});
