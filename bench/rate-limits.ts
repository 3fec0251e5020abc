import { PACING_ENV } from "../provider/host/connection";
import type { RequestLogEntry } from "../simulator";
import { manyEndpointsStack } from "./cli-stacks";
import { delaysFor, type Tier } from "./readiness";
import type { SimulatorProcess } from "./simulator-process";

/** Atlas's token bucket shape: capacity, then refillRate tokens every refillIntervalSeconds. */
export interface Bucket {
  capacity: number;
  refillRate: number;
  refillIntervalSeconds: number;
}

export interface RateLimitedRun {
  pacer: "on" | "off (baseline)";
  /** Requests that reached Atlas's rate limiter (digest challenges are answered before it, left out). */
  requests: number;
  refused: number;
  refusedShare: number;
  upWallMs: number;
  destroyWallMs: number;
  wallMs: number;
  /** requests / refill rate: the shortest time Atlas's bucket lets that many requests through. */
  floorMs: number;
  wallOverFloor: number;
  /** (requests - refused) / refill rate: a refused request takes no token, so this is the floor of the work done. */
  acceptedFloorMs: number;
  /** Anything that did not succeed, or endpoints left behind. */
  failures: string[];
}

export interface RateLimitResult {
  endpoints: number;
  parallel: number;
  transitionMs: number;
  timeScale: number;
  bucket: Bucket;
  /** What the waits would poll without a limit, at the start of a wait (requests per second). */
  unpacedPollRate: number;
  runs: RateLimitedRun[];
}

/**
 * N endpoints created and destroyed through the real CLI at --parallel 64 while the simulator's
 * token bucket allows far fewer requests than the waits would poll: once with the shared pacer,
 * once without it (PULUMI_ATLAS_PE_PACING=off) as the baseline.
 */
export async function measureRateLimits(
  workspace: string,
  simulator: SimulatorProcess,
  endpoints: number,
  tier: Tier,
  bucket: Bucket,
  withBaseline = true,
): Promise<RateLimitResult> {
  const parallel = 64;
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0, delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 } });
  const runs: RateLimitedRun[] = [];
  try {
    for (const pacing of withBaseline ? [true, false] : [true]) {
      await simulator.configure({ rateLimit: null });
      // Earlier parts of a full run may leave endpoints of their own: count only this stack's.
      const before = (await simulator.endpoints()).length;
      const stack = await manyEndpointsStack(workspace, simulator, endpoints, tier.timeScale);
      const env = pacing ? {} : { [PACING_ENV]: "off" };
      await simulator.configure({ rateLimit: bucket });
      await simulator.clearRequests();
      const failures: string[] = [];
      const up = await stack.up(["--parallel", String(parallel)], { env });
      if (up.code !== 0) failures.push(`pulumi up: ${firstError(up.stdout, up.stderr)}`);
      const destroy = await stack.destroy(["--parallel", String(parallel)], { env });
      if (destroy.code !== 0) failures.push(`pulumi destroy: ${firstError(destroy.stdout, destroy.stderr)}`);
      const limited = (await simulator.requests()).filter(isRateLimited);
      await simulator.configure({ rateLimit: null });
      if (destroy.code !== 0) await stack.destroy(["--parallel", String(parallel)]); // cleanup, not measured
      const left = (await simulator.endpoints()).length - before;
      if (left > 0) failures.push(`${left} endpoints left in the simulator`);
      const refused = limited.filter((entry) => entry.status === 429).length;
      const wallMs = up.wallMs + destroy.wallMs;
      const floorMs = (limited.length / (bucket.refillRate / bucket.refillIntervalSeconds)) * 1000;
      runs.push({
        pacer: pacing ? "on" : "off (baseline)",
        requests: limited.length,
        refused,
        refusedShare: limited.length === 0 ? 0 : refused / limited.length,
        upWallMs: up.wallMs,
        destroyWallMs: destroy.wallMs,
        wallMs,
        floorMs,
        wallOverFloor: wallMs / floorMs,
        acceptedFloorMs: ((limited.length - refused) / (bucket.refillRate / bucket.refillIntervalSeconds)) * 1000,
        failures,
      });
    }
  } finally {
    await simulator.configure({ rateLimit: null });
  }
  return {
    endpoints,
    parallel,
    transitionMs: tier.transitionMs,
    timeScale: tier.timeScale,
    bucket,
    unpacedPollRate: endpoints / (2 * tier.timeScale),
    runs,
  };
}

/** Requests the token bucket saw: authenticated Atlas API calls (a digest challenge is answered before it). */
function isRateLimited(entry: RequestLogEntry): boolean {
  return entry.path.startsWith("/api/atlas/") && entry.auth !== "challenge" && entry.auth !== "none";
}

function firstError(stdout: string, stderr: string): string {
  const errored = /(\d+) errored/.exec(stdout)?.[1] ?? "?";
  const line = [...stdout.matchAll(/^\s*\* (.+)$/gm)].pop()?.[1] ?? stderr.trim().split("\n").pop();
  return `${errored} errored, e.g. ${line}`;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The RESULTS.md section. */
export function formatRateLimits(r: RateLimitResult, command: string): string {
  const perSecond = r.bucket.refillRate / r.bucket.refillIntervalSeconds;
  const out = [
    "## Rate limits: many endpoints against Atlas's token bucket",
    "",
    `\`${command}\`: ${r.endpoints} AWS endpoints created (\`pulumi up --parallel ${r.parallel}\`) and destroyed (\`pulumi destroy --parallel ${r.parallel}\`) through the real CLI, ` +
      `~${r.transitionMs / 1000} s transitions at time scale ${r.timeScale}, against a bucket of capacity ${r.bucket.capacity} refilled ${r.bucket.refillRate} per ${r.bucket.refillIntervalSeconds} s ` +
      `(${perSecond} requests/s; unpaced, the waits would poll about ${Math.round(r.unpacedPollRate)} requests/s). ` +
      `Floor = requests / refill rate; a refused request takes no token, so the floor of the accepted requests alone is shown too. ` +
      `Goals: at most 25 % refused, wall time within 1.5x the floor. Baseline: the same without the shared pacer (${PACING_ENV}=off); ` +
      "it finishes too (waits outlast refusals either way) but hammers Atlas: most of its requests are refused.",
    "",
    "| pacer | requests | refused | refused share | up + destroy wall | floor | wall / floor | floor of accepted | wall / that | goals met | failures |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of r.runs) {
    const met =
      run.pacer === "on"
        ? run.refusedShare <= 0.25 && run.wallOverFloor <= 1.5 && run.failures.length === 0
          ? "yes"
          : "no"
        : "(baseline)";
    out.push(
      `| ${run.pacer} | ${run.requests} | ${run.refused} | ${pct(run.refusedShare)} | ${s(run.wallMs)} (${s(run.upWallMs)} + ${s(run.destroyWallMs)}) | ${s(run.floorMs)} | ${run.wallOverFloor.toFixed(2)} | ${s(run.acceptedFloorMs)} | ${(run.wallMs / run.acceptedFloorMs).toFixed(2)} | ${met} | ${run.failures.join("; ") || "none"} |`,
    );
  }
  return `${out.join("\n")}\n`;
}
