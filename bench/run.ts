/**
 * `npm run bench [-- --json] [-- --tiny]`: API cost, readiness lag, preview cost, state size and
 * parallel scale against the simulator and the real Pulumi CLI, next to today's baselines in the
 * same run. A full run rewrites bench/RESULTS.md; `--tiny` is the CI size and writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/pulumi-workspace";
import { measureApiCost } from "./api-cost";
import { cliWorkspace } from "./cli-stacks";
import { measureClusterWait } from "./cluster-wait";
import { describeMachine } from "./machine";
import { measureParallelScale } from "./parallel-scale";
import { measurePreviewCost } from "./preview-cost";
import { measureReadiness, type ReadinessRow } from "./readiness";
import { CLUSTER_WAIT_HEADING, formatClusterWait, formatReport } from "./report";
import { assembleResults } from "./results";
import { SCHEDULES } from "./schedules";
import { SimulatorProcess } from "./simulator-process";
import { FULL, TINY } from "./sizes";
import { measureStateAndMemory } from "./state-and-memory";

const KNOWN_FLAGS = ["--json", "--tiny", "--cluster-wait"];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !KNOWN_FLAGS.includes(a));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(" ")}; allowed: ${KNOWN_FLAGS.join(", ")}`);
  const json = args.includes("--json");
  const tiny = args.includes("--tiny");
  const sizes = tiny ? TINY : FULL;
  const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

  const machine = describeMachine();
  const simulator = await SimulatorProcess.start(repoRoot);
  if (args.includes("--cluster-wait")) {
    // Only the cluster-wait measurement; its section of RESULTS.md is replaced (full size only).
    try {
      progress("cluster wait cost");
      const result = await measureClusterWait(simulator, sizes.clusterWait.tier, sizes.clusterWait.clusterUpdateMs, sizes.clusterWait.runs);
      const section = `${formatClusterWait(result)}\nMeasured ${new Date().toISOString()} with \`npm run bench -- ${args.join(" ")}\` on ${machine.cores} cores, load average ${machine.loadAverage}.\n`;
      if (!tiny) spliceSection(join(repoRoot, "bench", "RESULTS.md"), section);
      process.stdout.write(json ? JSON.stringify(result) + "\n" : section);
    } finally {
      await simulator.stop();
    }
    return;
  }
  try {
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
    progress("cluster wait cost");
    const clusterWait = await measureClusterWait(simulator, sizes.clusterWait.tier, sizes.clusterWait.clusterUpdateMs, sizes.clusterWait.runs);

    const results = assembleResults({
      command: `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
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
    const report = formatReport(results);
    if (!tiny) writeFileSync(join(repoRoot, "bench", "RESULTS.md"), `# Benchmark results\n\n${report}`);
    process.stdout.write(json ? JSON.stringify(results) + "\n" : report);
  } finally {
    await simulator.stop();
  }
}

/** Replaces the cluster-wait section of RESULTS.md (from its heading to the next heading or the end), or appends it. */
function spliceSection(path: string, section: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const start = text.indexOf(CLUSTER_WAIT_HEADING);
  if (start < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf("\n#", start + CLUSTER_WAIT_HEADING.length);
  writeFileSync(path, `${text.slice(0, start)}${section}${next < 0 ? "" : text.slice(next)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
