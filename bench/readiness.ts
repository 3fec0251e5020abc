import { withPollSchedule } from "../provider/waiting/wait";
import { privateEndpointProvider } from "../provider/resource/provider";
import type { CloudProvider } from "../provider/vocabulary/clouds";
import { freshEndpointInputs, simulatorEndpointId } from "./endpoint-inputs";
import { inProcess, TIME_SCALE_ENV } from "./in-process";
import type { NamedSchedule } from "./schedules";
import { credentialEnv, type SimulatorProcess } from "./simulator-process";
import { median, percentile } from "./stats";

/** A transition of about `transitionMs` simulated, run at `timeScale` (wall = simulated x scale). */
export interface Tier {
  transitionMs: number;
  timeScale: number;
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

/**
 * Runs `runs` creates per cloud and schedule, all schedules of a cloud at once, through privateEndpointProvider.create
 * (the real wait code; the schedule injected per async context). Lag is taken against the
 * simulator's exact availableAt; polls are the GETs of that endpoint in the simulator's log.
 */
export async function measureReadiness(simulator: SimulatorProcess, tier: Tier, schedules: NamedSchedule[], runs: number): Promise<ReadinessRow[]> {
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0.5, delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 } });
  await simulator.clearRequests();
  const env = { ...credentialEnv(simulator.seed), [TIME_SCALE_ENV]: String(tier.timeScale) };
  // One cloud at a time: every wait in this process shares one digest nonce, and at compressed time
  // hundreds of concurrent polls reach the simulator out of nc order (it rejects a lower nc as a replay).
  const finished = [];
  for (const cloud of READINESS_CLOUDS) {
    const jobs = schedules.flatMap((schedule) => Array.from({ length: runs }, () => ({ cloud, schedule })));
    finished.push(
      ...(await inProcess(env, () =>
        Promise.all(
          jobs.map(async (job) => {
            const inputs = freshEndpointInputs(simulator.seed, job.cloud);
            await withPollSchedule(job.schedule.schedule, () => privateEndpointProvider.create!(inputs));
            return { ...job, endpointId: simulatorEndpointId(inputs), returnedAt: Date.now() };
          }),
        ),
      )),
    );
  }
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
    return { ...run, lagMs: (run.returnedAt - endpoint.availableAt) / tier.timeScale, polls };
  });
  return READINESS_CLOUDS.flatMap((cloud) =>
    schedules.map((schedule) => {
      const mine = samples.filter((s) => s.cloud === cloud && s.schedule === schedule);
      const lags = mine.map((s) => s.lagMs);
      const polls = mine.map((s) => s.polls);
      return {
        transitionMs: tier.transitionMs,
        cloud,
        schedule: schedule.name,
        runs: mine.length,
        lagMedianMs: median(lags),
        lagP90Ms: percentile(lags, 90),
        pollsMedian: median(polls),
        pollsP90: percentile(polls, 90),
      };
    }),
  );
}
