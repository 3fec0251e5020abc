import type { ClusterWaitResult } from "./cluster-wait";
import type { BenchResults } from "./results";
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
  out.push(`Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, Pulumi ${m.pulumi}, load average ${m.loadAverage} at start`);
  out.push("");
  out.push("### Goals");
  out.push(table(["figure", "goal", "value", "baseline", "met"], r.goals.map((g) => [g.figure, g.goal, g.value, g.baseline ?? "", g.met ? "yes" : "**no**"])));
  out.push("");
  out.push(`### HTTP requests per Atlas API call (one AWS endpoint, ~${s(d.transitionMs)} transition, create-wait-delete-wait)`);
  out.push(
    table(
      ["client", "API calls", "HTTP requests", "challenges", "requests per call"],
      [
        ["ours, one provider process", `${d.ours.apiCalls}`, `${d.ours.requests}`, `${d.ours.challenges}`, `${api.value}`],
        ["ours, create and delete in separate processes", `${d.oursSeparateProcesses.apiCalls}`, `${d.oursSeparateProcesses.requests}`, `${d.oursSeparateProcesses.challenges}`, `${api.separateProcesses}`],
        [`ours, real CLI: ${r.stateAndMemory.endpoints}-endpoint up + destroy`, `${r.stateAndMemory.cliApiCalls}`, "", "", `${api.realCli}`],
        ["baseline: fresh challenge per call (Go SDK)", `${d.baseline.apiCalls}`, `${d.baseline.requests}`, `${d.baseline.challenges}`, `${api.baseline}`],
      ],
    ),
  );
  out.push("");
  out.push("### Readiness: lag after AVAILABLE and GETs per create (simulated time; median of " + `${r.readinessRows[0]?.runs ?? 0} runs, each phase ±50%)`);
  out.push(r.schedules.map((x) => `- \`${x.name}\`${x.shipped ? " (shipped)" : ""}${x.baseline ? " (baseline)" : ""}: ${x.description}`).join("\n"));
  out.push("");
  out.push(
    table(
      ["transition", "cloud", "schedule", "lag median", "lag p90", "GETs median", "GETs p90"],
      r.readinessRows.map((row) => [s(row.transitionMs), row.cloud, row.schedule, s(row.lagMedianMs), s(row.lagP90Ms), `${row.pollsMedian}`, `${row.pollsP90}`]),
    ),
  );
  out.push("");
  out.push("### Preview, state, memory, parallelism");
  const p = r.parallel;
  out.push(
    table(
      ["figure", "value"],
      [
        ["previewMicrosPerResource (check + diff, in process)", `${r.previewMicrosPerResource} µs over ${r.preview.iterations} resource previews`],
        ["HTTP requests during them (no credentials, no Atlas URL set)", `${r.previewHttpRequests}`],
        ["providerStateBytes (`__provider` per resource, `pulumi stack export`)", `${r.providerStateBytes} B (whole resource entry ${r.stateAndMemory.resourceStateBytesMax} B)`],
        [`provider host peak RSS, ${r.stateAndMemory.endpoints}-endpoint \`pulumi up\``, `${mib(r.providerHostPeakRssBytes)} summed over ${r.stateAndMemory.providerHosts} host processes (shell wrapper and node); largest single process ${mib(r.stateAndMemory.providerHostPeakRssSingleBytes)}; ${r.stateAndMemory.rssSamples} samples every 100 ms`],
        [`parallelRatio: ${p.endpoints} vs 1 endpoint, ~${s(p.transitionMs)} transition at scale ${p.timeScale}, --parallel ${p.raisedParallel}`, `${r.parallelRatio} (${s(p.manyWallMs)} / ${s(p.oneWallMs)})`],
        [`same with the default --parallel (8 on 2 cores)`, `${r.parallelRatioDefaultParallel} (${s(p.manyDefaultParallelWallMs)})`],
      ],
    ),
  );
  if (r.clusterWait) out.push("", formatClusterWait(r.clusterWait).trimEnd());
  return out.join("\n") + "\n";
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
        ["GETs per create", `${c.getsWithout}`, `${c.getsWith}`, `${c.extraGets} (${c.clusterListGets} cluster list polls, ${c.serviceGets} endpoint service read)`],
        ["lag after the last cluster is IDLE listing the endpoint", "", s(c.lagAfterClustersIdleMs), ""],
        ["connection strings returned", "0", `${c.strings}`, ""],
      ],
    ),
  );
  return out.join("\n") + "\n";
}
