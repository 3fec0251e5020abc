/**
 * npm run test:atlas [-- --record DIR] [--only a,b]
 *
 * Opt-in: without Atlas credentials and a project id it says in one line what it needs and exits 0.
 * Exits 1 when a scenario failed or the run's cleanup left something behind.
 */
import { resolve } from "node:path";
import { runLane } from "./lane";
import { missingSettings } from "./settings";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const missing = missingSettings(process.env);
  if (missing) {
    process.stdout.write(`test:atlas skipped: set ${missing} to run the real-Atlas lane (docs/atlas-lane.md)\n`);
    return;
  }
  const record = argument("--record");
  const only = argument("--only")?.split(",");
  const result = await runLane({ env: process.env, ...(record ? { record: resolve(record) } : {}), ...(only ? { only } : {}) });
  const failed = result.results.filter((r) => r.outcome === "failed");
  process.stdout.write(
    `\natlas lane ${result.runId}: ${result.results.map((r) => `${r.name} ${r.outcome}`).join(", ")}` +
      (record ? `; ${result.recordings.length} recording files in ${record}` : "") +
      "\n",
  );
  for (const leftover of result.leftovers) process.stdout.write(`LEFT BEHIND ${leftover} (npm run atlas:sweep -- --yes removes it)\n`);
  if (failed.length > 0 || result.leftovers.length > 0 || result.leaks.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
