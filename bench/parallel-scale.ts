import { destroyStack, manyEndpointsStack } from "./cli-stacks";
import { delaysFor, type Tier } from "./readiness";
import type { SimulatorProcess } from "./simulator-process";

export interface ParallelScaleResult {
  transitionMs: number;
  timeScale: number;
  endpoints: number;
  raisedParallel: number;
  oneWallMs: number;
  manyWallMs: number;
  /** manyWallMs / oneWallMs with `--parallel` raised to the endpoint count. */
  ratio: number;
  manyDefaultParallelWallMs: number;
  /** The same with the engine's default parallelism (GOMAXPROCS x 4 = 8 resource operations at once on 2 cores). */
  ratioDefaultParallel: number;
  /** Runs that did not succeed, with the first error line: the ratio is then the wall time of a failed run. */
  failures: string[];
}

/**
 * `pulumi up` wall time for N endpoints over 1, every endpoint taking the same simulated
 * transition (no jitter, so the N-endpoint run is not measured against its slowest random draw).
 */
export async function measureParallelScale(
  workspace: string,
  simulator: SimulatorProcess,
  endpoints: number,
  tier: Tier,
): Promise<ParallelScaleResult> {
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0, delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 } });
  const failures: string[] = [];
  const timedUp = async (count: number, extra: string[]) => {
    const stack = await manyEndpointsStack(workspace, simulator, count, tier.timeScale);
    const up = await stack.up(extra);
    if (up.code !== 0) {
      const errored = /(\d+) errored/.exec(up.stdout)?.[1] ?? "?";
      const firstError = [...up.stdout.matchAll(/^\s*\* (.+)$/gm)].pop()?.[1] ?? up.stderr.trim().split("\n").pop();
      failures.push(`pulumi up of ${count} endpoints ${extra.join(" ")}: ${errored} errored, e.g. ${firstError}`);
    }
    // A failed destroy (the same cause) is retried once: cleanup, not measured.
    await destroyStack(stack).catch(() => destroyStack(stack));
    return up.wallMs;
  };
  const raisedParallel = Math.max(64, endpoints);
  const oneWallMs = await timedUp(1, []);
  const manyWallMs = await timedUp(endpoints, ["--parallel", String(raisedParallel)]);
  const manyDefaultParallelWallMs = await timedUp(endpoints, []);
  return {
    transitionMs: tier.transitionMs,
    timeScale: tier.timeScale,
    endpoints,
    raisedParallel,
    oneWallMs,
    manyWallMs,
    ratio: manyWallMs / oneWallMs,
    manyDefaultParallelWallMs,
    ratioDefaultParallel: manyDefaultParallelWallMs / oneWallMs,
    failures,
  };
}
