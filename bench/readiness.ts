import { withPollSchedule } from "../provider/waiting/wait";
import { privateEndpointProvider } from "../provider/private-endpoint/provider";
import type { CloudProvider } from "../provider/vocabulary/clouds";
import { freshEndpointInputs, simulatorEndpointId } from "./endpoint-inputs";
import { inProcess, simulatorNow, TIME_SCALE_ENV } from "./in-process";
import type { NamedSchedule } from "./schedules";
import { credentialEnv, type SimulatorProcess } from "./simulator-process";
import { median, percentile } from "./stats";

/** A transition of about `transitionMs` simulated, run at `timeScale` (wall = simulated x scale). */
export interface Tier {
  transitionMs: number;
  timeScale: number;
}

/** Median and 90 % interval (5th to 95th percentile) of per-run values. */
export interface Spread {
  median: number;
  p5: number;
  p95: number;
}

export interface ReadinessRow {
  transitionMs: number;
  cloud: CloudProvider;
  schedule: string;
  runs: number;
  /** Simulated ms from the simulator's availableAt to create returning. */
  lagMedianMs: number;
  lagP90Ms: number;
  pollsMedian: number;
  pollsP90: number;
  /** Per run, this schedule's lag minus the baseline's on the same transition times (simulated ms). */
  lagDiffMs: Spread;
  /** Per run, this schedule's GETs minus the baseline's on the same transition times. */
  pollsDiff: Spread;
  /** Per run (in run order), the simulated ms from create to AVAILABLE this schedule's endpoint went through. */
  transitionsMs: number[];
}

const spread = (values: number[]): Spread => ({ median: median(values), p5: percentile(values, 5), p95: percentile(values, 95) });

/** Small seeded PRNG (mulberry32): the same transitions on every run of the bench. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES: Record<CloudProvider, (keyof ReturnType<typeof delaysFor>)[]> = {
  AWS: ["awsPendingAcceptanceMs", "awsPendingMs"],
  AZURE: ["azureInitiatingMs"],
  GCP: ["gcpInitiatingMs", "gcpVerifiedMs"],
};

/** Run `run`'s phase lengths for `cloud`: each phase its nominal length x U[1 - jitter, 1 + jitter]. */
function drawTransition(random: () => number, cloud: CloudProvider, transitionMs: number, jitter: number): Record<string, number> {
  const nominal = delaysFor(transitionMs);
  return Object.fromEntries(PHASES[cloud].map((name) => [name, Math.round(nominal[name] * (1 + jitter * (2 * random() - 1)))]));
}

/**
 * "Transition time T" = the sum of a cloud's phase delays, split as the simulator's defaults
 * split it (AWS PENDING_ACCEPTANCE 3 : PENDING 4, GCP INITIATING 3 : VERIFIED 4, Azure one
 * INITIATING phase), each phase then jittered by ±50% by the simulator.
 */
export function delaysFor(transitionMs: number) {
  const three = Math.round((transitionMs * 3) / 7);
  return {
    awsPendingAcceptanceMs: three,
    awsPendingMs: transitionMs - three,
    azureInitiatingMs: transitionMs,
    gcpInitiatingMs: three,
    gcpVerifiedMs: transitionMs - three,
  };
}

export const READINESS_CLOUDS: CloudProvider[] = ["AWS", "AZURE", "GCP"];

export const READINESS_JITTER = 0.5;

/**
 * Runs `runs` creates per cloud and schedule, all schedules of a cloud at once, through privateEndpointProvider.create
 * (the real wait code; the schedule injected per async context). Paired: run i draws one set of
 * phase lengths (seeded, each ±50 %) and every schedule's endpoint of run i is fixed to it in the
 * simulator, so the schedules differ only in when they look. Lag is taken against the
 * simulator's exact availableAt; polls are the GETs of that endpoint in the simulator's log.
 */
export async function measureReadiness(
  simulator: SimulatorProcess,
  tier: Tier,
  schedules: NamedSchedule[],
  runs: number,
): Promise<ReadinessRow[]> {
  await simulator.configure({
    timeScale: tier.timeScale,
    jitter: 0,
    delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 },
    endpointDelays: null,
  });
  await simulator.clearRequests();
  const env = { ...credentialEnv(simulator.seed), [TIME_SCALE_ENV]: String(tier.timeScale) };
  const random = seededRandom(tier.transitionMs);
  // One cloud at a time: every wait in this process shares one digest nonce, and at compressed time
  // hundreds of concurrent polls reach the simulator out of nc order (it rejects a lower nc as a replay).
  const finished = [];
  for (const cloud of READINESS_CLOUDS) {
    const jobs = Array.from({ length: runs }, (_, run) => {
      const transition = drawTransition(random, cloud, tier.transitionMs, READINESS_JITTER);
      return schedules.map((schedule) => ({ cloud, schedule, run, transition, inputs: freshEndpointInputs(simulator.seed, cloud) }));
    }).flat();
    await simulator.configure({ endpointDelays: Object.fromEntries(jobs.map((job) => [simulatorEndpointId(job.inputs), job.transition])) });
    finished.push(
      ...(await inProcess(env, () =>
        Promise.all(
          jobs.map(async (job) => {
            await withPollSchedule(job.schedule.schedule, () => privateEndpointProvider.create!(job.inputs));
            return { ...job, endpointId: simulatorEndpointId(job.inputs), returnedAt: simulatorNow() };
          }),
        ),
      )),
    );
  }
  await simulator.configure({ endpointDelays: null });
  const endpoints = new Map((await simulator.endpoints()).map((e) => [e.endpointId, e]));
  const log = await simulator.requests();
  const getsByPath = new Map<string, number>();
  for (const entry of log) {
    if (entry.method === "GET" && entry.status !== 401) getsByPath.set(entry.path, (getsByPath.get(entry.path) ?? 0) + 1);
  }
  const samples = finished.map((run) => {
    const endpoint = endpoints.get(run.endpointId);
    if (!endpoint?.availableAt) throw new Error(`endpoint ${run.endpointId} is not AVAILABLE in the simulator after create returned`);
    const encoded = `/endpoint/${encodeURIComponent(run.endpointId)}`;
    const polls = [...getsByPath].filter(([path]) => path.endsWith(encoded)).reduce((sum, [, n]) => sum + n, 0);
    return {
      ...run,
      lagMs: (run.returnedAt - endpoint.availableAt) / tier.timeScale,
      polls,
      transitionMs: (endpoint.availableAt - endpoint.createdAt) / tier.timeScale,
    };
  });
  const baseline = schedules.find((schedule) => schedule.baseline) ?? schedules[0]!;
  return READINESS_CLOUDS.flatMap((cloud) =>
    schedules.map((schedule) => {
      const mine = samples.filter((s) => s.cloud === cloud && s.schedule === schedule).sort((a, b) => a.run - b.run);
      const lags = mine.map((s) => s.lagMs);
      const polls = mine.map((s) => s.polls);
      const paired = mine.map((s) => ({ s, b: samples.find((b) => b.cloud === cloud && b.schedule === baseline && b.run === s.run)! }));
      return {
        transitionMs: tier.transitionMs,
        cloud,
        schedule: schedule.name,
        runs: mine.length,
        lagMedianMs: median(lags),
        lagP90Ms: percentile(lags, 90),
        pollsMedian: median(polls),
        pollsP90: percentile(polls, 90),
        lagDiffMs: spread(paired.map(({ s, b }) => s.lagMs - b.lagMs)),
        pollsDiff: spread(paired.map(({ s, b }) => s.polls - b.polls)),
        transitionsMs: mine.map((s) => s.transitionMs),
      };
    }),
  );
}
