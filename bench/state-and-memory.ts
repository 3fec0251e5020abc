import { dynamicResources } from "../scripts/lib/pulumi-workspace";
import { destroyStack, manyEndpointsStack, succeeded } from "./cli-stacks";
import { delaysFor, type Tier } from "./readiness";
import { ProviderHostRssSampler } from "./rss-sampler";
import { countRequests, type SimulatorProcess } from "./simulator-process";

export interface StateAndMemoryResult {
  endpoints: number;
  /** Largest `__provider` (the serialized provider) of one resource in `pulumi stack export`, UTF-8 bytes. */
  providerStateBytesMax: number;
  /** Whole state entry (inputs + outputs) of one resource, for scale. */
  resourceStateBytesMax: number;
  /** Peak resident memory of the dynamic provider host(s) during `pulumi up`, summed over hosts alive at once. */
  providerHostPeakRssBytes: number;
  /** Peak of the largest single host process (the node process running the provider). */
  providerHostPeakRssSingleBytes: number;
  providerHosts: number;
  rssSamples: number;
  /** Requests per API call over the real `pulumi up` + `pulumi destroy` (two provider host processes). */
  cliRequestsPerApiCall: number;
  cliApiCalls: number;
}

/** `pulumi up` of N endpoints through the real CLI, sampling the provider host's RSS; then export and destroy. */
export async function measureStateAndMemory(
  workspace: string,
  simulator: SimulatorProcess,
  endpoints: number,
  tier: Tier,
): Promise<StateAndMemoryResult> {
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0.5, delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 } });
  const stack = await manyEndpointsStack(workspace, simulator, endpoints, tier.timeScale);
  await simulator.clearRequests();
  const sampler = new ProviderHostRssSampler();
  try {
    await succeeded(
      stack.up(["--parallel", String(Math.max(64, endpoints))], { onSpawn: (pid) => sampler.start(pid) }),
      `pulumi up (${endpoints} endpoints)`,
    );
  } finally {
    sampler.stop();
  }
  const { deployment } = await stack.exportState();
  const resources = dynamicResources(deployment);
  if (resources.length !== endpoints)
    throw new Error(`expected ${endpoints} PrivateEndpoint resources in state, found ${resources.length}`);
  const bytes = (value: unknown) => Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value ?? null), "utf8");
  await destroyStack(stack);
  const counts = countRequests(await simulator.requests());
  return {
    endpoints,
    providerStateBytesMax: Math.max(...resources.map((r) => Math.max(bytes(r.outputs?.__provider), bytes(r.inputs?.__provider)))),
    resourceStateBytesMax: Math.max(...resources.map((r) => bytes({ inputs: r.inputs, outputs: r.outputs }))),
    providerHostPeakRssBytes: sampler.peakTotalBytes,
    providerHostPeakRssSingleBytes: sampler.peakSingleBytes,
    providerHosts: sampler.hostsSeen.size,
    rssSamples: sampler.samples,
    cliRequestsPerApiCall: counts.requests / counts.apiCalls,
    cliApiCalls: counts.apiCalls,
  };
}
