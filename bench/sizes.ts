import type { Bucket } from "./rate-limits";
import type { Tier } from "./readiness";

/** How big each measurement is: the full run for RESULTS.md, or a tiny one for CI (a couple of minutes). */
export interface BenchSizes {
  /** Creates per cloud and schedule and transition time (readiness). */
  runs: number;
  /** Time scales chosen so a wait stays short while timer and HTTP latency (a few ms) stay small in simulated time. */
  readinessTiers: Tier[];
  apiCostTier: Tier;
  previewIterations: number;
  stateEndpoints: number;
  stateTier: Tier;
  parallelEndpoints: number;
  parallelTier: Tier;
  /** Endpoints created and destroyed at once against a token bucket far below the polling rate. */
  rateLimitEndpoints: number;
  rateLimitTier: Tier;
  rateLimitBucket: Bucket;
  /** Cluster wait cost: endpoint transition and cluster update time, scale, create pairs. */
  clusterWait: { tier: Tier; clusterUpdateMs: number; runs: number };
  /** Many endpoints in one project: requests per create and refresh for each count; processes sharing one bucket. */
  manyEndpoints: {
    counts: number[];
    tier: Tier;
    clusterUpdateMs: number;
    bucket: Bucket;
    processes: number;
    endpointsPerProcess: number;
    sharedBucketTimeScale: number;
  };
}

export const FULL: BenchSizes = {
  runs: 20,
  readinessTiers: [
    { transitionMs: 5_000, timeScale: 1 },
    { transitionMs: 60_000, timeScale: 0.25 },
    { transitionMs: 600_000, timeScale: 0.1 },
  ],
  apiCostTier: { transitionMs: 60_000, timeScale: 0.25 },
  previewIterations: 5_000,
  stateEndpoints: 20,
  stateTier: { transitionMs: 60_000, timeScale: 0.1 },
  parallelEndpoints: 50,
  parallelTier: { transitionMs: 60_000, timeScale: 0.25 },
  rateLimitEndpoints: 50,
  rateLimitTier: { transitionMs: 60_000, timeScale: 0.05 },
  rateLimitBucket: { capacity: 20, refillRate: 5, refillIntervalSeconds: 1 },
  clusterWait: { tier: { transitionMs: 60_000, timeScale: 0.05 }, clusterUpdateMs: 60_000, runs: 5 },
  manyEndpoints: {
    counts: [1, 10, 20, 50],
    // Time scale 0.25: the shared cluster answer lives half a fast poll interval (250 ms here); at
    // 0.05 (50 ms) a loaded machine's timer and HTTP latency alone would spread polls beyond it.
    tier: { transitionMs: 20_000, timeScale: 0.25 },
    clusterUpdateMs: 20_000,
    bucket: { capacity: 20, refillRate: 2, refillIntervalSeconds: 1 },
    processes: 3,
    endpointsPerProcess: 12,
    sharedBucketTimeScale: 0.05,
  },
};

/**
 * The CI size. Its in-process parts (readiness, API cost, cluster wait, requests per endpoint in one project) run
 * on simulated time (bench/in-process.ts), so they keep Atlas's own pace (time scale 1) and still take seconds:
 * a transition of ten minutes is skipped, not waited out. The parts through the real CLI or other processes wait
 * in real time, at compressed time scales.
 */
export const TINY: BenchSizes = {
  runs: 2,
  readinessTiers: [
    { transitionMs: 5_000, timeScale: 1 },
    { transitionMs: 60_000, timeScale: 1 },
    { transitionMs: 600_000, timeScale: 1 },
  ],
  apiCostTier: { transitionMs: 60_000, timeScale: 1 },
  previewIterations: 300,
  stateEndpoints: 2,
  stateTier: { transitionMs: 60_000, timeScale: 0.02 },
  parallelEndpoints: 3,
  parallelTier: { transitionMs: 60_000, timeScale: 0.05 },
  rateLimitEndpoints: 3,
  rateLimitTier: { transitionMs: 60_000, timeScale: 0.05 },
  rateLimitBucket: { capacity: 2, refillRate: 5, refillIntervalSeconds: 1 },
  clusterWait: { tier: { transitionMs: 60_000, timeScale: 1 }, clusterUpdateMs: 60_000, runs: 1 },
  manyEndpoints: {
    counts: [1, 3],
    tier: { transitionMs: 60_000, timeScale: 1 },
    clusterUpdateMs: 60_000,
    bucket: { capacity: 4, refillRate: 4, refillIntervalSeconds: 1 },
    processes: 2,
    endpointsPerProcess: 2,
    sharedBucketTimeScale: 0.05,
  },
};
