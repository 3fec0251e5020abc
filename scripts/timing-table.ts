/**
 * The per-file timing table in docs/development.md, from jest's own timings (test/timing-reporter.js
 * writes `.jest-timings.json` after every run).
 *
 *   npm run timings -- record before|after   merges the last run's per-file times into docs/timings/<side>.json
 *                                           (a run of some files replaces only theirs) and redraws the table
 *   npm run timings                          redraws the table from docs/timings/before.json and after.json
 *
 * "before" is the suite as it was when the table was started, "after" as it is now; record a whole
 * `npm test` on an idle machine as "after" when a change moves the figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(__dirname, "..");
const DOC = join(repoRoot, "docs", "development.md");
const BEGIN = "<!-- timings:begin (npm run timings) -->";
const END = "<!-- timings:end -->";
const SIDES = ["before", "after"] as const;
type Side = (typeof SIDES)[number];

interface FileTiming {
  project: string;
  ms: number;
  tests: number;
  passed?: number;
  failed?: number;
  skipped?: number;
}

interface RunSummary {
  finishedAt: string;
  wallMs: number;
  maxWorkers?: number;
  node?: string;
  files: number;
  tests: number;
  passed?: number;
  failed: number;
  skipped: number;
}

/** What the reporter writes for one run. */
interface LastRun {
  run: RunSummary;
  files: Record<string, FileTiming>;
}

/** One side of the table: per-file times (each from the latest run that had the file) and the runs they came from. */
interface Recorded {
  runs: RunSummary[];
  files: Record<string, FileTiming & { finishedAt: string }>;
}

const sidePath = (side: Side) => join(repoRoot, "docs", "timings", `${side}.json`);

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : fallback;
}

export function merge(recorded: Recorded, last: LastRun): Recorded {
  const files = { ...recorded.files };
  for (const [file, timing] of Object.entries(last.files)) files[file] = { ...timing, finishedAt: last.run.finishedAt };
  return { runs: [...recorded.runs, last.run], files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}

const seconds = (ms: number | undefined) => (ms === undefined ? "" : (ms / 1000).toFixed(1));

export function renderTable(before: Recorded, after: Recorded): string {
  const names = [...new Set([...Object.keys(before.files), ...Object.keys(after.files)])];
  const key = (name: string) => after.files[name]?.ms ?? before.files[name]?.ms ?? 0;
  names.sort((a, b) => key(b) - key(a) || a.localeCompare(b));
  const lines = ["| file | project | tests before | tests after | before (s) | after (s) |", "| --- | --- | ---: | ---: | ---: | ---: |"];
  for (const name of names) {
    const b = before.files[name];
    const a = after.files[name];
    lines.push(
      `| ${name} | ${a?.project ?? b?.project ?? ""} | ${b?.tests ?? ""} | ${a?.tests ?? ""} | ${seconds(b?.ms)} | ${seconds(a?.ms)} |`,
    );
  }
  const sum = (side: Recorded) => Object.values(side.files).reduce((total, file) => total + file.ms, 0);
  const count = (side: Recorded) => Object.values(side.files).reduce((total, file) => total + file.tests, 0);
  lines.push(
    `| **sum of the files' own times** | | ${count(before)} | ${count(after)} | ${seconds(sum(before))} | ${seconds(sum(after))} |`,
  );
  const describeRun = (run: RunSummary) =>
    `jest ${seconds(run.wallMs)} s wall for ${run.tests} tests in ${run.files} files (${run.skipped} skipped, ${run.failed} failed), ` +
    `${run.maxWorkers ?? "?"} workers, Node ${run.node ?? "?"}, ${run.finishedAt}`;
  const runLine = (side: Side, recorded: Recorded) => {
    const whole = [...recorded.runs].reverse().find((run) => run.files === Object.keys(recorded.files).length);
    if (whole) return `${side}: ${describeRun(whole)}`;
    const parts = recorded.runs.filter((run) => run.files > 1);
    const single = recorded.runs.length - parts.length;
    const runs = [...parts.map(describeRun), ...(single > 0 ? [`${single} run(s) of one file each`] : [])];
    return `${side}: no whole run recorded; the times come from runs of part of the suite: ${runs.join("; ")}`;
  };
  return [...lines, "", runLine("before", before), "", runLine("after", after)].join("\n");
}

/** Replaces what lies between the markers in docs/development.md. */
export function writeTable(table: string, doc = DOC): void {
  const text = readFileSync(doc, "utf8");
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${doc} has no "${BEGIN}" ... "${END}" section to replace`);
  writeFileSync(doc, `${text.slice(0, begin + BEGIN.length)}\n${table}\n${text.slice(end)}`);
}

function main(args: string[]): void {
  const empty: Recorded = { runs: [], files: {} };
  if (args[0] === "record") {
    const side = args[1] as Side;
    if (!SIDES.includes(side)) throw new Error(`usage: npm run timings -- record before|after (got ${JSON.stringify(args[1])})`);
    const from = process.env.ATLAS_PE_TIMINGS ?? join(repoRoot, ".jest-timings.json");
    if (!existsSync(from)) throw new Error(`${from} does not exist: run jest first (test/timing-reporter.js writes it)`);
    const merged = merge(readJson(sidePath(side), empty), readJson<LastRun>(from, { run: undefined as never, files: {} }));
    writeFileSync(sidePath(side), `${JSON.stringify(merged, null, 2)}\n`);
  } else if (args.length > 0) {
    throw new Error(`unknown arguments ${args.join(" ")}; usage: npm run timings [-- record before|after]`);
  }
  writeTable(renderTable(readJson(sidePath("before"), empty), readJson(sidePath("after"), empty)));
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
