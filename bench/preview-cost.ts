import { privateEndpointProvider } from "../provider/private-endpoint/provider";
import { CLOUD_PROVIDERS } from "../provider/vocabulary/clouds";
import { UNKNOWN } from "../provider/vocabulary/validation";
import { freshEndpointInputs } from "./endpoint-inputs";
import { inProcess } from "./in-process";
import { countRequests, type SimulatorProcess } from "./simulator-process";

export interface PreviewCostResult {
  iterations: number;
  /** check + diff, per resource, averaged over all iterations and clouds. */
  microsPerResource: number;
  /** HTTP requests the simulator saw while they ran (goal 0); they also ran with no credentials or Atlas URL set. */
  httpRequests: number;
}

/**
 * check + diff for recorded resources of each cloud, as `pulumi preview` calls them: once with
 * unchanged inputs, once with a change that replaces, once with an unknown input. No credentials
 * and no base URL in env, so any call to Atlas would fail rather than hit the simulator silently.
 */
export async function measurePreviewCost(simulator: SimulatorProcess, iterations: number): Promise<PreviewCostResult> {
  const cases = CLOUD_PROVIDERS.flatMap((cloud) => {
    const olds = freshEndpointInputs(simulator.seed, cloud);
    const id = `${olds.groupId}:${cloud}:${olds.endpointServiceId}:x`;
    const changed =
      cloud === "GCP"
        ? { ...olds, endpointGroupName: "psc-other" }
        : { ...olds, endpointId: cloud === "AWS" ? "vpce-0123456789abcdef0" : `${olds.endpointId}x` };
    const unknown = cloud === "GCP" ? { ...olds, endpoints: UNKNOWN } : { ...olds, endpointId: UNKNOWN };
    return [olds, changed, unknown].map((news) => ({ id, olds: { ...olds, connectionStatus: "AVAILABLE" }, news }));
  });
  await simulator.clearRequests();
  const provider = privateEndpointProvider;
  const run = async (times: number) => {
    for (let i = 0; i < times; i++) {
      for (const { id, olds, news } of cases) {
        const checked = await provider.check!(olds, news);
        if (checked.failures && checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        await provider.diff!(id, olds, checked.inputs);
      }
    }
  };
  const elapsedNs = await inProcess({}, async () => {
    await run(Math.min(200, iterations)); // warm-up: JIT and zod schema caches, as after the first resource of a real preview
    const started = process.hrtime.bigint();
    await run(iterations);
    return Number(process.hrtime.bigint() - started);
  });
  const { requests } = countRequests(await simulator.requests());
  return {
    iterations: iterations * cases.length,
    microsPerResource: elapsedNs / 1000 / (iterations * cases.length),
    httpRequests: requests,
  };
}
