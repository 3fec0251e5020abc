/**
 * `npm run bench [-- --json] [-- --tiny] [-- --rate-limits | --cluster-wait | --many-endpoints]`:
 * API cost, readiness lag, preview cost, state size, parallel scale, many endpoints under a rate
 * limit, the cluster wait's cost and many endpoints in one project against the simulator and the
 * real Pulumi CLI, next to today's baselines in the same run. A full run rewrites bench/RESULTS.md;
 * `--tiny` is the CI size and writes nothing; `--rate-limits`, `--cluster-wait` or
 * `--many-endpoints` runs only that part and replaces its section of RESULTS.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/pulumi-workspace";
import { measureApiCost } from "./api-cost";
import { cliWorkspace } from "./cli-stacks";
import { measureClusterWait } from "./cluster-wait";
import { formatManyEndpoints, MANY_ENDPOINTS_HEADING, measureManyEndpoints } from "./many-endpoints";
import { describeMachine } from "./machine";
import { measureParallelScale } from "./parallel-scale";
import { measurePreviewCost } from "./preview-cost";
import { formatRateLimits, measureRateLimits } from "./rate-limits";
import { measureReadiness, type ReadinessRow } from "./readiness";
import { CLUSTER_WAIT_HEADING, formatClusterWait, formatReport } from "./report";
import { assembleResults } from "./results";
import { SCHEDULES } from "./schedules";
import { useSimulatedTime } from "./in-process";
import { SimulatorProcess } from "./simulator-process";
import { FULL, TINY } from "./sizes";
import { measureStateAndMemory } from "./state-and-memory";

const KNOWN_FLAGS = ["--json", "--tiny", "--rate-limits", "--cluster-wait", "--many-endpoints"];
const RATE_LIMITS_HEADING = "## Rate limits";

/** Replaces one part's section of RESULTS.md (from its heading to the next heading of its level or above), or appends it. */
function replaceSection(path: string, heading: string, section: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const at = text.indexOf(heading);
  if (at < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const level = /^#+/.exec(heading)![0].length;
  const rest = text.slice(at + heading.length);
  const found = new RegExp(`\\n#{1,${level}} `).exec(rest);
  const next = found ? at + heading.length + found.index : -1;
  writeFileSync(path, `${text.slice(0, at)}${section}${next < 0 ? "" : text.slice(next)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !KNOWN_FLAGS.includes(a));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(" ")}; allowed: ${KNOWN_FLAGS.join(", ")}`);
  const json = args.includes("--json");
  const tiny = args.includes("--tiny");
  const sizes = tiny ? TINY : FULL;
  const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

  const command = `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`;
  const resultsPath = join(repoRoot, "bench", "RESULTS.md");
  const machine = describeMachine();
  const simulator = await SimulatorProcess.start(repoRoot);
  // The tiny size (the CI smoke) runs the in-process parts on simulated time: their minutes of transitions and
  // schedules take milliseconds. A full run measures on the wall clock, timer and HTTP latency included.
  const backToWallClock = tiny ? useSimulatedTime(simulator) : async () => undefined;
  const stop = async () => {
    await backToWallClock();
    await simulator.stop();
  };
  const rateLimitsOf = async (workspace: string) => {
    progress(
      `rate limits (${sizes.rateLimitEndpoints} endpoints created and destroyed at --parallel 64, real CLI, with and without the pacer)`,
    );
    // The tiny (CI) size runs the paced case only: the baseline adds two CLI runs and proves nothing there.
    return measureRateLimits(workspace, simulator, sizes.rateLimitEndpoints, sizes.rateLimitTier, sizes.rateLimitBucket, !tiny);
  };
  const manyEndpointsOf = () => {
    progress(
      `many endpoints in one project (${sizes.manyEndpoints.counts.join(", ")} endpoints, with and without the cluster watcher; ` +
        `${sizes.manyEndpoints.processes} processes sharing one bucket, with and without RateLimit-Remaining steering)`,
    );
    return measureManyEndpoints(simulator, repoRoot, sizes.manyEndpoints, progress);
  };
  const manyEndpointsFooter = () =>
    `Measured ${new Date().toISOString()} with \`${command}\` on ${machine.cores} cores, load average ${machine.loadAverage} at start.`;
  if (args.includes("--many-endpoints")) {
    // Only this part; its section of RESULTS.md is replaced (full size only).
    try {
      const result = await manyEndpointsOf();
      const section = formatManyEndpoints(result, manyEndpointsFooter());
      if (!tiny) replaceSection(resultsPath, MANY_ENDPOINTS_HEADING, section);
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : section);
    } finally {
      await stop();
    }
    return;
  }
  if (args.includes("--cluster-wait")) {
    // Only the cluster-wait measurement; its section of RESULTS.md is replaced (full size only).
    try {
      progress("cluster wait cost");
      const result = await measureClusterWait(simulator, sizes.clusterWait.tier, sizes.clusterWait.clusterUpdateMs, sizes.clusterWait.runs);
      const section = `${formatClusterWait(result)}\nMeasured ${new Date().toISOString()} with \`npm run bench -- ${args.join(" ")}\` on ${machine.cores} cores, load average ${machine.loadAverage}.\n`;
      if (!tiny) replaceSection(resultsPath, CLUSTER_WAIT_HEADING, section);
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : section);
    } finally {
      await stop();
    }
    return;
  }
  try {
    if (args.includes("--rate-limits")) {
      // Only this part: its section of RESULTS.md is replaced, the rest kept.
      const rateLimits = await rateLimitsOf(await cliWorkspace());
      const section = formatRateLimits(rateLimits, command);
      if (!tiny) replaceSection(resultsPath, RATE_LIMITS_HEADING, section);
      process.stdout.write(json ? `${JSON.stringify({ rateLimits })}\n` : section);
      return;
    }
    progress("readiness lag and polls");
    const readiness: ReadinessRow[] = [];
    for (const tier of sizes.readinessTiers) {
      const started = Date.now();
      readiness.push(...(await measureReadiness(simulator, tier, SCHEDULES, sizes.runs)));
      progress(`  ~${tier.transitionMs / 1000} s transitions at time scale ${tier.timeScale}: ${Date.now() - started} ms`);
    }
    progress("HTTP requests per API call");
    const apiCost = await measureApiCost(simulator, sizes.apiCostTier);
    progress("preview cost");
    const preview = await measurePreviewCost(simulator, sizes.previewIterations);
    progress("packing the package into a CLI workspace");
    const workspace = await cliWorkspace();
    progress(`state size and provider host memory (${sizes.stateEndpoints} endpoints, real CLI)`);
    const state = await measureStateAndMemory(workspace, simulator, sizes.stateEndpoints, sizes.stateTier);
    progress(`parallel scale (1 vs ${sizes.parallelEndpoints} endpoints, real CLI)`);
    const parallel = await measureParallelScale(workspace, simulator, sizes.parallelEndpoints, sizes.parallelTier);
    const rateLimits = await rateLimitsOf(workspace);
    progress("cluster wait cost");
    const clusterWait = await measureClusterWait(
      simulator,
      sizes.clusterWait.tier,
      sizes.clusterWait.clusterUpdateMs,
      sizes.clusterWait.runs,
    );

    const manyEndpoints = await manyEndpointsOf();

    const results = assembleResults({
      command,
      size: tiny ? "tiny" : "full",
      machine,
      schedules: SCHEDULES,
      apiCost,
      readiness,
      preview,
      state,
      parallel,
      clusterWait,
    });
    const report = `${formatReport(results).trimEnd()}\n\n${formatRateLimits(rateLimits, command)}\n${formatManyEndpoints(manyEndpoints, manyEndpointsFooter())}`;
    if (!tiny) writeFileSync(resultsPath, `# Benchmark results\n\n${report}`);
    process.stdout.write(json ? `${JSON.stringify({ ...results, rateLimits, manyEndpoints })}\n` : report);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
