import type { ApiCostResult } from "./api-cost";
import type { ClusterWaitResult } from "./cluster-wait";
import type { MachineInfo } from "./machine";
import type { ParallelScaleResult } from "./parallel-scale";
import type { PreviewCostResult } from "./preview-cost";
import type { ReadinessRow } from "./readiness";
import type { NamedSchedule } from "./schedules";
import type { StateAndMemoryResult } from "./state-and-memory";
import { round } from "./stats";

export interface Goal {
  figure: string;
  goal: string;
  value: string;
  baseline?: string;
  met: boolean;
}

/** Everything one run measured, in the shape `--json` prints. */
export interface BenchResults {
  date: string;
  command: string;
  size: "full" | "tiny";
  machine: MachineInfo;
  schedules: { name: string; description: string; shipped: boolean; baseline: boolean }[];
  httpRequestsPerApiCall: { value: number; baseline: number; goal: number; separateProcesses: number; realCli: number; details: ApiCostResult };
  /** `${transitionMs}/${cloud}` -> median lag (simulated ms) per schedule name. */
  readinessLagMs: Record<string, Record<string, number>>;
  /** `${transitionMs}/${cloud}` -> median GETs per create per schedule name. */
  pollsPerCreate: Record<string, Record<string, number>>;
  readinessRows: ReadinessRow[];
  previewMicrosPerResource: number;
  previewHttpRequests: number;
  preview: PreviewCostResult;
  providerStateBytes: number;
  providerHostPeakRssBytes: number;
  stateAndMemory: StateAndMemoryResult;
  parallelRatio: number;
  parallelRatioDefaultParallel: number;
  parallel: ParallelScaleResult;
  /** What waiting for the project's clusters after AVAILABLE costs (extra wall time and GETs). */
  clusterWait?: ClusterWaitResult;
  goals: Goal[];
  allGoalsMet: boolean;
}

export function assembleResults(parts: {
  command: string;
  size: "full" | "tiny";
  machine: MachineInfo;
  schedules: NamedSchedule[];
  apiCost: ApiCostResult;
  readiness: ReadinessRow[];
  preview: PreviewCostResult;
  state: StateAndMemoryResult;
  parallel: ParallelScaleResult;
  clusterWait?: ClusterWaitResult;
}): BenchResults {
  const shipped = parts.schedules.find((s) => s.shipped)!.name;
  const baseline = parts.schedules.find((s) => s.baseline)!.name;
  const readinessLagMs: BenchResults["readinessLagMs"] = {};
  const pollsPerCreate: BenchResults["pollsPerCreate"] = {};
  for (const row of parts.readiness) {
    const key = `${row.transitionMs}/${row.cloud}`;
    (readinessLagMs[key] ??= {})[row.schedule] = round(row.lagMedianMs);
    (pollsPerCreate[key] ??= {})[row.schedule] = row.pollsMedian;
  }
  const goals: Goal[] = [];
  const { ours, baseline: digestBaseline, oursSeparateProcesses } = parts.apiCost;
  goals.push({
    figure: "httpRequestsPerApiCall",
    goal: "<= 1.1",
    value: `${round(ours.requestsPerApiCall, 3)}`,
    baseline: `${round(digestBaseline.requestsPerApiCall, 3)}`,
    met: ours.requestsPerApiCall <= 1.1,
  });
  for (const key of Object.keys(readinessLagMs)) {
    const lag = readinessLagMs[key]!;
    const polls = pollsPerCreate[key]!;
    const transitionMs = Number(key.split("/")[0]);
    goals.push({
      figure: `readinessLagMs ${key}`,
      goal: transitionMs <= 5_000 ? `<= baseline and <= 1500` : "<= baseline",
      value: `${lag[shipped]}`,
      baseline: `${lag[baseline]}`,
      met: lag[shipped]! <= lag[baseline]! && (transitionMs > 5_000 || lag[shipped]! <= 1500),
    });
    goals.push({
      figure: `pollsPerCreate ${key}`,
      goal: "<= baseline + 5",
      value: `${polls[shipped]}`,
      baseline: `${polls[baseline]}`,
      met: polls[shipped]! <= polls[baseline]! + 5,
    });
  }
  goals.push({ figure: "previewHttpRequests", goal: "0", value: `${parts.preview.httpRequests}`, met: parts.preview.httpRequests === 0 });
  goals.push({ figure: "providerStateBytes", goal: "<= 16384", value: `${parts.state.providerStateBytesMax}`, met: parts.state.providerStateBytesMax <= 16_384 });
  goals.push({
    figure: `parallelRatio (--parallel ${parts.parallel.raisedParallel})`,
    goal: "<= 1.5",
    value: `${round(parts.parallel.ratio, 2)}`,
    baseline: `default --parallel: ${round(parts.parallel.ratioDefaultParallel, 2)}`,
    met: parts.parallel.ratio <= 1.5 && parts.parallel.failures.length === 0,
  });
  for (const failure of parts.parallel.failures) goals.push({ figure: "pulumi up succeeded", goal: "no errors", value: failure, met: false });
  return {
    date: new Date().toISOString(),
    command: parts.command,
    size: parts.size,
    machine: parts.machine,
    schedules: parts.schedules.map((s) => ({ name: s.name, description: s.description, shipped: s.shipped === true, baseline: s.baseline === true })),
    httpRequestsPerApiCall: {
      value: round(ours.requestsPerApiCall, 3),
      baseline: round(digestBaseline.requestsPerApiCall, 3),
      goal: 1.1,
      separateProcesses: round(oursSeparateProcesses.requestsPerApiCall, 3),
      realCli: round(parts.state.cliRequestsPerApiCall, 3),
      details: parts.apiCost,
    },
    readinessLagMs,
    pollsPerCreate,
    readinessRows: parts.readiness,
    previewMicrosPerResource: round(parts.preview.microsPerResource, 1),
    previewHttpRequests: parts.preview.httpRequests,
    preview: parts.preview,
    providerStateBytes: parts.state.providerStateBytesMax,
    providerHostPeakRssBytes: parts.state.providerHostPeakRssBytes,
    stateAndMemory: parts.state,
    parallelRatio: round(parts.parallel.ratio, 3),
    parallelRatioDefaultParallel: round(parts.parallel.ratioDefaultParallel, 3),
    parallel: parts.parallel,
    clusterWait: parts.clusterWait,
    goals,
    allGoalsMet: goals.every((g) => g.met),
  };
}
