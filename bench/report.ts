import type { ClusterWaitResult } from "./cluster-wait";
import { formatSpread, type BenchResults } from "./results";
import { round } from "./stats";

const mib = (bytes: number) => `${round(bytes / 2 ** 20, 1)} MiB`;
const s = (ms: number) => `${round(ms / 1000, 2)} s`;

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => "---"), ...rows];
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** The results as markdown tables: printed on stdout and written to bench/RESULTS.md. */
export function formatReport(r: BenchResults): string {
  const m = r.machine;
  const api = r.httpRequestsPerApiCall;
  const d = api.details;
  const out: string[] = [];
  out.push(`Date: ${r.date} · size: ${r.size} · command: \`${r.command}\``);
  out.push(
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, Pulumi ${m.pulumi}, load average ${m.loadAverage} at start`,
  );
  out.push("");
  out.push("### Goals");
  out.push(
    table(
      ["figure", "goal", "value", "baseline", "met"],
      r.goals.map((g) => [g.figure, g.goal, g.value, g.baseline ?? "", g.met ? "yes" : "**no**"]),
    ),
  );
  out.push("");
  out.push(`### HTTP requests per Atlas API call (one AWS endpoint, ~${s(d.transitionMs)} transition, create-wait-delete-wait)`);
  out.push(
    table(
      ["client", "API calls", "HTTP requests", "challenges", "requests per call"],
      [
        ["ours, one provider process", `${d.ours.apiCalls}`, `${d.ours.requests}`, `${d.ours.challenges}`, `${api.value}`],
        [
          "ours, create and delete in separate processes",
          `${d.oursSeparateProcesses.apiCalls}`,
          `${d.oursSeparateProcesses.requests}`,
          `${d.oursSeparateProcesses.challenges}`,
          `${api.separateProcesses}`,
        ],
        [
          `ours, real CLI: ${r.stateAndMemory.endpoints}-endpoint up + destroy`,
          `${r.stateAndMemory.cliApiCalls}`,
          "",
          "",
          `${api.realCli}`,
        ],
        [
          "baseline: fresh challenge per call (Go SDK)",
          `${d.baseline.apiCalls}`,
          `${d.baseline.requests}`,
          `${d.baseline.challenges}`,
          `${api.baseline}`,
        ],
      ],
    ),
  );
  out.push("");
  const runs = r.readinessRows[0]?.runs ?? 0;
  const baseline = r.schedules.find((x) => x.baseline)?.name ?? "baseline";
  out.push(`### Readiness: lag after AVAILABLE and GETs per create (simulated time; ${runs} paired runs per cell)`);
  out.push(
    `Paired: run i draws one set of phase lengths (each ±50 % of its nominal share, seeded) and every schedule's endpoint of run i ` +
      `goes through exactly those, so a difference is between schedules, not between random transitions. ` +
      `"− ${baseline}" columns: per run, this schedule minus \`${baseline}\`; median [5th, 95th percentile].`,
  );
  out.push("");
  out.push(
    r.schedules
      .map(
        (x) =>
          `- \`${x.name}\`${x.shipped ? " (shipped)" : ""}${x.baseline ? " (baseline)" : ""}${x.control ? " (noise control)" : ""}: ${x.description}`,
      )
      .join("\n"),
  );
  out.push("");
  const seconds = (ms: number) => round(ms / 1000, 2);
  out.push(
    table(
      ["transition", "cloud", "schedule", "lag median", `lag − ${baseline}`, "GETs median", `GETs − ${baseline}`],
      r.readinessRows.map((row) => [
        s(row.transitionMs),
        row.cloud,
        row.schedule,
        s(row.lagMedianMs),
        `${formatSpread(row.lagDiffMs, seconds)} s`,
        `${row.pollsMedian}`,
        formatSpread(row.pollsDiff),
      ]),
    ),
  );
  out.push("");
  out.push(...closingNote(r));
  out.push("");
  out.push("### Preview, state, memory, parallelism");
  const p = r.parallel;
  out.push(
    table(
      ["figure", "value"],
      [
        [
          "previewMicrosPerResource (check + diff, in process)",
          `${r.previewMicrosPerResource} µs over ${r.preview.iterations} resource previews`,
        ],
        ["HTTP requests during them (no credentials, no Atlas URL set)", `${r.previewHttpRequests}`],
        [
          "providerStateBytes (`__provider` per resource, `pulumi stack export`)",
          `${r.providerStateBytes} B (whole resource entry ${r.stateAndMemory.resourceStateBytesMax} B)`,
        ],
        [
          `provider host peak RSS, ${r.stateAndMemory.endpoints}-endpoint \`pulumi up\``,
          `${mib(r.providerHostPeakRssBytes)} summed over ${r.stateAndMemory.providerHosts} host processes (shell wrapper and node); largest single process ${mib(r.stateAndMemory.providerHostPeakRssSingleBytes)}; ${r.stateAndMemory.rssSamples} samples every 100 ms`,
        ],
        [
          `parallelRatio: ${p.endpoints} vs 1 endpoint, ~${s(p.transitionMs)} transition at scale ${p.timeScale}, --parallel ${p.raisedParallel}`,
          `${r.parallelRatio} (${s(p.manyWallMs)} / ${s(p.oneWallMs)})`,
        ],
        [`same with the default --parallel (8 on 2 cores)`, `${r.parallelRatioDefaultParallel} (${s(p.manyDefaultParallelWallMs)})`],
      ],
    ),
  );
  if (r.clusterWait) out.push("", formatClusterWait(r.clusterWait).trimEnd());
  return `${out.join("\n")}\n`;
}

export const CLUSTER_WAIT_HEADING = "### Cluster wait: extra wall time and GETs after AVAILABLE";

/** The cluster-wait section (also written on its own by `npm run bench -- --cluster-wait`). */
export function formatClusterWait(c: ClusterWaitResult): string {
  const out: string[] = [];
  out.push(CLUSTER_WAIT_HEADING);
  out.push(
    `One AWS endpoint at a time, ~${s(c.transitionMs)} endpoint transition, ${s(c.clusterUpdateMs)} cluster update, time scale ${c.timeScale}, no jitter, ` +
      `median of ${c.runs} create pairs (waitForClusters false vs default true); the seeded project has ${c.clusters} clusters, ${c.clustersInRegion} in the endpoint's region. Simulated time.`,
  );
  out.push("");
  out.push(
    table(
      ["figure", "waitForClusters: false", "waitForClusters: true", "extra"],
      [
        ["create wall time (call to return)", s(c.wallWithoutMs), s(c.wallWithMs), s(c.extraWallMs)],
        [
          "GETs per create",
          `${c.getsWithout}`,
          `${c.getsWith}`,
          `${c.extraGets} (${c.clusterListGets} cluster list polls, ${c.serviceGets} endpoint service read)`,
        ],
        ["lag after the last cluster is IDLE listing the endpoint", "", s(c.lagAfterClustersIdleMs), ""],
        ["connection strings returned", "0", `${c.strings}`, ""],
      ],
    ),
  );
  return `${out.join("\n")}\n`;
}

/** Each readiness cell against its goals, and the trade the shipped schedule makes, from this run's figures. */
function closingNote(r: BenchResults): string[] {
  const shipped = r.schedules.find((x) => x.shipped)?.name;
  const baseline = r.schedules.find((x) => x.baseline)?.name;
  if (shipped === undefined || baseline === undefined) return [];
  const seconds = (ms: number) => round(ms / 1000, 2);
  const goalsByFigure = new Map(r.goals.map((g) => [g.figure, g]));
  const out = ["### Closing note: each readiness cell against its goals (shipped minus Terraform, paired)"];
  out.push(
    table(
      [
        "transition",
        "cloud",
        "lag − terraform: median [90 %]",
        "goal: median <= 0 (± A/A noise)",
        "met",
        "GETs − terraform: median [90 %]",
        "goal: <= +5",
        "met",
      ],
      r.readinessRows
        .filter((row) => row.schedule === shipped)
        .map((row) => {
          const key = `${row.transitionMs}/${row.cloud}`;
          const lagGoal = goalsByFigure.get(`readinessLagMs ${key}`);
          const pollsGoal = goalsByFigure.get(`pollsPerCreate ${key}`);
          return [
            s(row.transitionMs),
            row.cloud,
            `${formatSpread(row.lagDiffMs, seconds)} s (lag ${s(row.lagMedianMs)})`,
            lagGoal?.goal ?? "",
            lagGoal?.met ? "yes" : "**no**",
            `${formatSpread(row.pollsDiff)} (${row.pollsMedian} GETs)`,
            "<= +5",
            pollsGoal?.met ? "yes" : "**no**",
          ];
        }),
    ),
  );
  const faster = r.readinessRows.filter((row) => row.schedule === "every-5s" && row.transitionMs >= 60_000);
  if (faster.length > 0) {
    const range = (values: number[]) =>
      Math.min(...values) === Math.max(...values) ? `${values[0]}` : `${Math.min(...values)} to ${Math.max(...values)}`;
    const at = (ms: number) => faster.filter((row) => row.transitionMs === ms);
    const describeTier = (ms: number) =>
      `at ${s(ms)} its lag is ${range(at(ms).map((row) => seconds(row.lagDiffMs.median)))} s against Terraform's for ${range(at(ms).map((row) => row.pollsDiff.median))} more GETs`;
    out.push("");
    out.push(
      "Which goals cannot hold together: lag *better* than Terraform's on long waits, and at most 5 more GETs. On a grid of " +
        "interval d over a wait of W, the mean lag is about d/2 and the GETs about W/d, so lag x GETs is about W/2 whatever d is: " +
        "halving Terraform's 5 s mean lag costs W/10 more GETs (+6 at 60 s, +60 at 600 s). Measured here with `every-5s` " +
        `(the shipped start, then 5 s polls): ${describeTier(60_000)}; ${describeTier(600_000)}. Status changes do not move the bound: ` +
        "the phase after a change is as long as the one before it (±50 %), so it does not say when AVAILABLE comes.",
    );
  }
  const mine = r.readinessRows.filter((row) => row.schedule === shipped);
  const control = r.schedules.find((x) => x.control)?.name;
  const medians = (name: string) =>
    r.readinessRows.filter((row) => row.schedule === name && row.transitionMs >= 60_000).map((row) => seconds(row.lagDiffMs.median));
  if (control !== undefined) {
    out.push("");
    out.push(
      `At 60 s and 600 s the shipped schedule's median lag difference is ${Math.min(...medians(shipped))} to ${Math.max(...medians(shipped))} s; ` +
        `\`${control}\`, Terraform's schedule against itself, shows ${Math.min(...medians(control))} to ${Math.max(...medians(control))} s: equal within noise. ` +
        "The A/A band in the goal is that control's 90 % interval for single runs; its wide tails (seconds, at 600 s) are runs where answer times " +
        "alone moved a poll across the moment of AVAILABLE.",
    );
  }
  const quick = mine.filter((row) => row.transitionMs <= 5_000).map((row) => -seconds(row.lagDiffMs.median));
  const extra = mine.filter((row) => row.transitionMs >= 60_000).map((row) => row.pollsDiff.median);
  out.push("");
  out.push(
    `The trade, in one sentence: every create spends ${Math.max(...extra)} extra GETs on polls in its first 10 s, which see a quick ` +
      `endpoint ${Math.min(...quick)}-${Math.max(...quick)} s sooner than Terraform does, and after 10 s it polls exactly when ` +
      "Terraform would, so a slow endpoint is seen when Terraform would see it, for those few GETs more and no others.",
  );
  return out;
}
