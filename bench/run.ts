/**
 * `npm run bench [-- --json] [-- --tiny]`: API cost, readiness lag, preview cost, state size and
 * parallel scale against the simulator and the real Pulumi CLI, next to today's baselines in the
 * same run. A full run rewrites bench/RESULTS.md; `--tiny` is the CI size and writes nothing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/pulumi-workspace";
import { measureApiCost } from "./api-cost";
import { cliWorkspace } from "./cli-stacks";
import { describeMachine } from "./machine";
import { measureParallelScale } from "./parallel-scale";
import { measurePreviewCost } from "./preview-cost";
import { measureReadiness, type ReadinessRow } from "./readiness";
import { formatReport } from "./report";
import { assembleResults } from "./results";
import { SCHEDULES } from "./schedules";
import { SimulatorProcess } from "./simulator-process";
import { FULL, TINY } from "./sizes";
import { measureStateAndMemory } from "./state-and-memory";

const KNOWN_FLAGS = ["--json", "--tiny"];

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
    });
    const report = formatReport(results);
    if (!tiny) writeFileSync(join(repoRoot, "bench", "RESULTS.md"), `# Benchmark results\n\n${report}`);
    process.stdout.write(json ? JSON.stringify(results) + "\n" : report);
  } finally {
    await simulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
