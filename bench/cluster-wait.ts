import { privateEndpointProvider } from "../provider/private-endpoint/provider";
import { freshEndpointInputs, simulatorEndpointId } from "./endpoint-inputs";
import { inProcess, letTimePass, simulatorNow, TIME_SCALE_ENV } from "./in-process";
import { delaysFor, type Tier } from "./readiness";
import { credentialEnv, type SimulatorProcess } from "./simulator-process";
import { median } from "./stats";

export interface ClusterWaitResult {
  transitionMs: number;
  clusterUpdateMs: number;
  timeScale: number;
  runs: number;
  /** Clusters the seeded project has, and how many are in the AWS service's region (listed in the output). */
  clusters: number;
  clustersInRegion: number;
  /** Median simulated ms from the create call to its return, without and with the cluster wait. */
  wallWithoutMs: number;
  wallWithMs: number;
  extraWallMs: number;
  /** Median simulated ms from the last cluster turning IDLE (with the endpoint listed) to create returning. */
  lagAfterClustersIdleMs: number;
  /** Median GETs per create (every GET the create sent), without and with. */
  getsWithout: number;
  getsWith: number;
  extraGets: number;
  /** Of the extra GETs: the cluster list polls and the endpoint service read (region rule). */
  clusterListGets: number;
  serviceGets: number;
  /** Connection strings each create with the wait returned (median). */
  strings: number;
}

/**
 * What the cluster wait costs: pairs of AWS creates, one with waitForClusters: false and one with
 * the default (true), one at a time (each AVAILABLE puts the project's clusters through an update,
 * so concurrent creates would wait on each other's updates). No jitter; times are simulated ms.
 */
export async function measureClusterWait(
  simulator: SimulatorProcess,
  tier: Tier,
  clusterUpdateMs: number,
  runs: number,
): Promise<ClusterWaitResult> {
  // No jitter: the moment the clusters are IDLE with the endpoint listed is then exact (AVAILABLE + clusterUpdateMs).
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0, delays: { ...delaysFor(tier.transitionMs), clusterUpdateMs } });
  const env = { ...credentialEnv(simulator.seed), [TIME_SCALE_ENV]: String(tier.timeScale) };
  const clustersInRegion = simulator.seed.clusters.filter((c) =>
    c.regions.some((r) => r.providerName === "AWS" && r.regionName === "US_EAST_1"),
  ).length;
  const samples = {
    without: [] as { wall: number; gets: number }[],
    with: [] as { wall: number; gets: number; lag: number; list: number; service: number; strings: number }[],
  };
  for (let run = 0; run < runs; run++) {
    for (const wait of [false, true]) {
      // Let the previous create's cluster update finish, so each run starts with IDLE clusters.
      await letTimePass(clusterUpdateMs * tier.timeScale * 1.1);
      await simulator.clearRequests();
      const inputs = { ...freshEndpointInputs(simulator.seed, "AWS"), waitForClusters: wait };
      const startedAt = simulatorNow();
      const created = await inProcess(env, () => privateEndpointProvider.create!(inputs));
      const returnedAt = simulatorNow();
      const log = (await simulator.requests()).filter((entry) => entry.method === "GET" && entry.status !== 401);
      const wall = (returnedAt - startedAt) / tier.timeScale;
      if (!wait) {
        samples.without.push({ wall, gets: log.length });
        continue;
      }
      const listGets = log.filter((entry) => entry.path.endsWith("/clusters")).length;
      const serviceGets = log.filter((entry) => /\/endpointService\/[0-9a-f]{24}$/.test(entry.path)).length;
      const endpoint = (await simulator.endpoints()).find((e) => e.endpointId === simulatorEndpointId(inputs));
      if (!endpoint?.availableAt)
        throw new Error(`endpoint ${simulatorEndpointId(inputs)} is not AVAILABLE in the simulator after create returned`);
      const idleAt = endpoint.availableAt + clusterUpdateMs * tier.timeScale;
      const strings = (created.outs as { privateConnectionStrings?: unknown[] }).privateConnectionStrings?.length ?? 0;
      samples.with.push({
        wall,
        gets: log.length,
        lag: (returnedAt - idleAt) / tier.timeScale,
        list: listGets,
        service: serviceGets,
        strings,
      });
    }
  }
  const wallWithoutMs = median(samples.without.map((s) => s.wall));
  const wallWithMs = median(samples.with.map((s) => s.wall));
  const getsWithout = median(samples.without.map((s) => s.gets));
  const getsWith = median(samples.with.map((s) => s.gets));
  return {
    transitionMs: tier.transitionMs,
    clusterUpdateMs,
    timeScale: tier.timeScale,
    runs,
    clusters: simulator.seed.clusters.length,
    clustersInRegion,
    wallWithoutMs,
    wallWithMs,
    extraWallMs: wallWithMs - wallWithoutMs,
    lagAfterClustersIdleMs: median(samples.with.map((s) => s.lag)),
    getsWithout,
    getsWith,
    extraGets: getsWith - getsWithout,
    clusterListGets: median(samples.with.map((s) => s.list)),
    serviceGets: median(samples.with.map((s) => s.service)),
    strings: median(samples.with.map((s) => s.strings)),
  };
}
