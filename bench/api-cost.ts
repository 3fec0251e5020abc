import type { AtlasEndpoint } from "../provider/client";
import { privateEndpointProvider } from "../provider/private-endpoint/provider";
import { observe } from "../provider/private-endpoint/statuses";
import { UNTIL_GONE, UNTIL_READY, type Observation } from "../provider/waiting/status-table";
import { realClock } from "../provider/vocabulary/time";
import { waitFor } from "../provider/waiting/wait";
import { FreshChallengeDigestClient } from "./baseline-digest-client";
import { freshEndpointInputs } from "./endpoint-inputs";
import { freshProviderProcess, inProcess, TIME_SCALE_ENV } from "./in-process";
import { delaysFor, type Tier } from "./readiness";
import { countRequests, credentialEnv, type SimulatorProcess } from "./simulator-process";

export interface LifecycleCost {
  apiCalls: number;
  requests: number;
  challenges: number;
  requestsPerApiCall: number;
}

export interface ApiCostResult {
  transitionMs: number;
  /** create, wait, delete, wait for 404 in one provider host process (e.g. a replace, or `pulumi up` removing it). */
  ours: LifecycleCost;
  /** The same with create and delete in separate processes (`pulumi up`, later `pulumi destroy`). */
  oursSeparateProcesses: LifecycleCost;
  /** A fresh digest challenge for every call (Atlas's Go SDK), same lifecycle, same poll schedule. */
  baseline: LifecycleCost;
}

const cost = (counts: { requests: number; apiCalls: number; challenges: number }): LifecycleCost => ({
  ...counts,
  requestsPerApiCall: counts.requests / counts.apiCalls,
});

/** One AWS endpoint through create, wait, delete, wait for 404; requests counted in the simulator's log. */
export async function measureApiCost(simulator: SimulatorProcess, tier: Tier): Promise<ApiCostResult> {
  await simulator.configure({ timeScale: tier.timeScale, jitter: 0, delays: { ...delaysFor(tier.transitionMs), deletingMs: 3000 } });
  const env = { ...credentialEnv(simulator.seed), [TIME_SCALE_ENV]: String(tier.timeScale) };

  const ourLifecycle = async (separateProcesses: boolean) => {
    await simulator.clearRequests();
    await inProcess(env, async () => {
      freshProviderProcess();
      const { id, outs } = await privateEndpointProvider.create!(freshEndpointInputs(simulator.seed, "AWS"));
      if (separateProcesses) freshProviderProcess();
      await privateEndpointProvider.delete!(id, outs);
    });
    return cost(countRequests(await simulator.requests()));
  };
  const ours = await ourLifecycle(false);
  const oursSeparateProcesses = await ourLifecycle(true);

  await simulator.clearRequests();
  await inProcess(env, () => baselineLifecycle(simulator, tier.timeScale));
  const baseline = cost(countRequests(await simulator.requests()));
  return { transitionMs: tier.transitionMs, ours, oursSeparateProcesses, baseline };
}

async function baselineLifecycle(simulator: SimulatorProcess, timeScale: number): Promise<void> {
  const { seed } = simulator;
  const client = new FreshChallengeDigestClient(seed.baseUrl, seed.apiKey.publicKey, seed.apiKey.privateKey);
  const inputs = freshEndpointInputs(seed, "AWS");
  const ref = {
    groupId: seed.groupId,
    cloudProvider: "AWS" as const,
    endpointServiceId: seed.endpointServices.AWS,
    endpointId: String(inputs.endpointId),
  };
  const look = async () => {
    const answer = await client.getPrivateEndpoint(ref);
    const observation: Observation =
      answer.status === 404 ? { phase: "gone", label: "GONE" } : observe(answer.body as unknown as AtlasEndpoint);
    return { value: answer.status, observation };
  };
  const created = await client.createPrivateEndpoint(ref, { cloudProvider: "AWS", id: ref.endpointId });
  if (created.status !== 200) throw new Error(`baseline create answered ${created.status}`);
  const common = { clock: realClock, timeScale, timeoutMs: 3_600_000, poll: look };
  const ready = await waitFor({
    ...common,
    spec: UNTIL_READY,
    initial: { value: 200, observation: observe(created.body as unknown as AtlasEndpoint) },
  });
  if (ready.kind !== "reached") throw new Error(`baseline wait ended ${ready.kind}`);
  const deleted = await client.deletePrivateEndpoint(ref);
  if (deleted.status !== 204) throw new Error(`baseline delete answered ${deleted.status}`);
  const gone = await waitFor({ ...common, spec: UNTIL_GONE });
  if (gone.kind !== "reached") throw new Error(`baseline delete wait ended ${gone.kind}`);
}
