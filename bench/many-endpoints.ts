import { resetPacers } from "../provider/client/pacing/registry";
import { CLUSTER_WATCHER_ENV, PACING_ENV } from "../provider/host/connection";
import { privateEndpointProvider } from "../provider/private-endpoint/provider";
import { resetClusterWatchers } from "../provider/waiting/cluster-waits";
import type { RequestLogEntry } from "../simulator";
import { freshEndpointInputs } from "./endpoint-inputs";
import { freshProviderProcess, inProcess, letTimePass, TIME_SCALE_ENV } from "./in-process";
import type { Bucket } from "./rate-limits";
import { delaysFor, type Tier } from "./readiness";
import { runProviderProcesses } from "./shared-bucket";
import { credentialEnv, type SimulatorProcess } from "./simulator-process";

const provider = privateEndpointProvider as Required<typeof privateEndpointProvider>;

export interface ProjectCostRow {
  endpoints: number;
  watcher: "on" | "off (baseline)";
  /** Atlas API calls (digest challenges left out) per create, all created at once, waitForClusters on. */
  requestsPerCreate: number;
  clusterReadsPerCreate: number;
  /** Atlas API calls per endpoint for a refresh of all of them at once. */
  requestsPerRefresh: number;
  failures: string[];
}

export interface SharedBucketRow {
  pacer: "steered by RateLimit-Remaining" | "refusal-driven (baseline)";
  requests: number;
  refused: number;
  refusedShare: number;
  wallMs: number;
  failures: string[];
}

export interface ManyEndpointsResult {
  tier: Tier;
  clusterUpdateMs: number;
  project: ProjectCostRow[];
  bucket: Bucket;
  processes: number;
  endpointsPerProcess: number;
  sharedBucketTimeScale: number;
  sharedBucket: SharedBucketRow[];
}

const apiCalls = (log: RequestLogEntry[]) => log.filter((entry) => entry.status !== 401 && entry.path.startsWith("/api/atlas/"));
const isClusterRead = (entry: RequestLogEntry) => entry.method === "GET" && /\/clusters$/.test(entry.path);
const messageOf = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/**
 * N endpoints in one project with waitForClusters on, created at once and then refreshed at once
 * in one provider process, with the cluster watcher and without it (PULUMI_ATLAS_PE_CLUSTER_WATCHER=off,
 * every wait and refresh reading the clusters on its own: the behaviour before it). Then three
 * provider processes x 12 endpoints against one small token bucket, with the pacer steered by
 * RateLimit-Remaining and with the refusal-driven settings it had before (the baseline).
 */
export async function measureManyEndpoints(
  simulator: SimulatorProcess,
  repoRoot: string,
  sizes: {
    counts: number[];
    tier: Tier;
    clusterUpdateMs: number;
    bucket: Bucket;
    processes: number;
    endpointsPerProcess: number;
    sharedBucketTimeScale: number;
  },
  progress: (line: string) => void,
): Promise<ManyEndpointsResult> {
  const { tier, clusterUpdateMs } = sizes;
  const project: ProjectCostRow[] = [];
  for (const endpoints of sizes.counts) {
    for (const watcher of [true, false]) {
      progress(`  ${endpoints} endpoints in one project, cluster watcher ${watcher ? "on" : "off (baseline)"}`);
      await simulator.configure({ timeScale: tier.timeScale, jitter: 0, delays: { ...delaysFor(tier.transitionMs), clusterUpdateMs } });
      // Let an earlier run's cluster update finish, so each run starts with IDLE clusters.
      await letTimePass(clusterUpdateMs * tier.timeScale * 1.1);
      const env = {
        ...credentialEnv(simulator.seed),
        [TIME_SCALE_ENV]: String(tier.timeScale),
        [CLUSTER_WATCHER_ENV]: watcher ? undefined : "off",
      };
      // Each measured step stands for a new provider process: no shared answer, pace or challenge carries over.
      const freshProcess = () => {
        freshProviderProcess();
        resetClusterWatchers();
        resetPacers();
      };
      const failures: string[] = [];
      const inputs = Array.from({ length: endpoints }, () => ({ ...freshEndpointInputs(simulator.seed, "AWS"), waitForClusters: true }));
      freshProcess();
      await simulator.clearRequests();
      const created = await inProcess(env, () => Promise.allSettled(inputs.map((i) => provider.create(i))));
      const createLog = apiCalls(await simulator.requests());
      const ok = created.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      for (const r of created) if (r.status === "rejected") failures.push(`create: ${messageOf(r.reason)}`);
      // A refresh waits for nothing: at time scale 1 the reuse window is the real one (1 s).
      freshProcess();
      await simulator.clearRequests();
      const refreshed = await inProcess({ ...env, [TIME_SCALE_ENV]: "1" }, () =>
        Promise.allSettled(ok.map((c) => provider.read(c.id, c.outs as Record<string, unknown>))),
      );
      const refreshLog = apiCalls(await simulator.requests());
      for (const r of refreshed) if (r.status === "rejected") failures.push(`refresh: ${messageOf(r.reason)}`);
      // Cleanup, not measured.
      await inProcess(env, () => Promise.allSettled(ok.map((c) => provider.delete(c.id, c.outs as Record<string, unknown>))));
      project.push({
        endpoints,
        watcher: watcher ? "on" : "off (baseline)",
        requestsPerCreate: createLog.length / endpoints,
        clusterReadsPerCreate: createLog.filter(isClusterRead).length / endpoints,
        requestsPerRefresh: refreshLog.length / Math.max(1, ok.length),
        failures,
      });
    }
  }

  const sharedBucket: SharedBucketRow[] = [];
  const isLimited = (entry: RequestLogEntry) => entry.path.startsWith("/api/atlas/") && entry.auth !== "challenge" && entry.auth !== "none";
  for (const steered of [true, false]) {
    progress(
      `  ${sizes.processes} provider processes x ${sizes.endpointsPerProcess} endpoints sharing one bucket, pacer ${steered ? "steered by RateLimit-Remaining" : "refusal-driven (baseline)"}`,
    );
    await simulator.configure({ timeScale: sizes.sharedBucketTimeScale, jitter: 0, delays: delaysFor(60_000), rateLimit: null });
    const before = (await simulator.endpoints()).length;
    await simulator.configure({ rateLimit: sizes.bucket });
    await simulator.clearRequests();
    const startedAt = Date.now();
    const failures: string[] = [];
    try {
      const results = await runProviderProcesses({
        baseUrl: simulator.baseUrl,
        publicKey: simulator.seed.apiKey.publicKey,
        privateKey: simulator.seed.apiKey.privateKey,
        groupId: simulator.seed.groupId,
        endpointServiceId: simulator.seed.endpointServices.AWS,
        processes: sizes.processes,
        endpointsPerProcess: sizes.endpointsPerProcess,
        timeScale: sizes.sharedBucketTimeScale,
        repoRoot,
        env: steered ? {} : { [PACING_ENV]: "refusal-driven" },
      });
      for (const r of results) failures.push(...r.failures);
    } catch (error) {
      failures.push(messageOf(error));
    }
    const wallMs = Date.now() - startedAt;
    const limited = (await simulator.requests()).filter(isLimited);
    await simulator.configure({ rateLimit: null });
    const left = (await simulator.endpoints()).length - before;
    if (left > 0) failures.push(`${left} endpoints left in the simulator`);
    const refused = limited.filter((entry) => entry.status === 429).length;
    sharedBucket.push({
      pacer: steered ? "steered by RateLimit-Remaining" : "refusal-driven (baseline)",
      requests: limited.length,
      refused,
      refusedShare: limited.length === 0 ? 0 : refused / limited.length,
      wallMs,
      failures,
    });
  }
  return {
    tier,
    clusterUpdateMs,
    project,
    bucket: sizes.bucket,
    processes: sizes.processes,
    endpointsPerProcess: sizes.endpointsPerProcess,
    sharedBucketTimeScale: sizes.sharedBucketTimeScale,
    sharedBucket,
  };
}

export const MANY_ENDPOINTS_HEADING = "## Many endpoints in one project";

const n2 = (x: number) => x.toFixed(2);
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The RESULTS.md section. */
export function formatManyEndpoints(r: ManyEndpointsResult, footer: string): string {
  const b = r.bucket;
  const out = [
    MANY_ENDPOINTS_HEADING,
    "",
    `N AWS endpoints in one project with \`waitForClusters\` on, created at once and then refreshed at once in one provider process ` +
      `(~${r.tier.transitionMs / 1000} s transitions and a ${r.clusterUpdateMs / 1000} s cluster update after each AVAILABLE, time scale ${r.tier.timeScale}; ` +
      "the refresh at time scale 1). Atlas API calls, digest challenges left out. Baseline: every wait and refresh reads the clusters on its own " +
      `(${CLUSTER_WATCHER_ENV}=off), as before the cluster watcher. Goals at N = 20 (issue 23): at most 1 cluster read per create on average, at most 1.1 requests per endpoint for the refresh.`,
    "",
    "| endpoints | cluster watcher | requests per create | cluster reads per create | requests per endpoint, refresh | failures |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.project.map(
      (row) =>
        `| ${row.endpoints} | ${row.watcher} | ${n2(row.requestsPerCreate)} | ${n2(row.clusterReadsPerCreate)} | ${n2(row.requestsPerRefresh)} | ${row.failures.length === 0 ? "none" : `${row.failures.length}: ${row.failures[0]}`} |`,
    ),
    "",
    `${r.processes} provider processes (as many stacks updated at once), ${r.endpointsPerProcess} AWS endpoints each created and then deleted at once, ` +
      `waitForClusters off, time scale ${r.sharedBucketTimeScale}, sharing one bucket of ${b.capacity} refilled ${b.refillRate} per ${b.refillIntervalSeconds} s; ` +
      `each process has its own pacer. Baseline: the refusal-driven pacer (${PACING_ENV}=refusal-driven: paces at 15 % left, cuts only on an empty bucket or a 429, never below 1 request per second). Goal: every operation succeeds, at most 25 % refused.`,
    "",
    "| pacer | requests | refused | refused share | wall | goal met | failures |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...r.sharedBucket.map(
      (row) =>
        `| ${row.pacer} | ${row.requests} | ${row.refused} | ${pct(row.refusedShare)} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.pacer.startsWith("refusal") ? "(baseline)" : row.refusedShare <= 0.25 && row.failures.length === 0 ? "yes" : "**no**"} | ${row.failures.length === 0 ? "none" : `${row.failures.length}: ${row.failures[0]}`} |`,
    ),
    "",
    footer,
  ];
  return `${out.join("\n")}\n`;
}
