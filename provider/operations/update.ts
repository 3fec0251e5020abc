import type { UpdateResult } from "@pulumi/pulumi/dynamic";
import { isAtlasNotFound, type AtlasEndpoint } from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import type { EndpointStatusView } from "../vocabulary/clouds";
import { describeEndpoint, endpointRefFor } from "../vocabulary/ids";
import { PROVIDER_KEY, resolveInputs, type ResolvedInputs, timeoutMs } from "../vocabulary/inputs";
import { plainJson, type PrivateEndpointOutputs } from "../vocabulary/outputs";
import { realClock } from "../vocabulary/time";
import { observe } from "../waiting/status-table";
import { register } from "./create";
import { settleClusters, settle } from "./settle";

/** Outputs recorded as AVAILABLE (every GCP rule too) and without an error: nothing left to wait for. */
function isSettled(olds: Record<string, unknown>): boolean {
  return typeof olds.cloudProvider === "string" && observe(olds as unknown as EndpointStatusView).phase === "ready";
}

/** The old outputs with the new options: diff only allows an update when nothing else changed. */
function withOptions(olds: Record<string, unknown>, inputs: ResolvedInputs): PrivateEndpointOutputs {
  const { [PROVIDER_KEY]: _provider, ...outputs } = olds;
  return plainJson({
    ...(outputs as unknown as PrivateEndpointOutputs),
    timeouts: inputs.timeouts,
    deleteOnCreateTimeout: inputs.deleteOnCreateTimeout,
    adoptExisting: inputs.adoptExisting,
    waitForClusters: inputs.waitForClusters,
    privateConnectionStrings:
      inputs.waitForClusters === false
        ? undefined
        : (outputs.privateConnectionStrings as PrivateEndpointOutputs["privateConnectionStrings"]),
  });
}

/**
 * The endpoint is AVAILABLE but its cluster wait did not finish (deadline, error), or the clusters
 * to wait for changed: the update waits for them. State written before waitForClusters existed
 * has no such record and is left alone (refresh fills the strings in).
 */
function clusterWaitUnfinished(olds: Record<string, unknown>, inputs: ResolvedInputs): boolean {
  if (inputs.waitForClusters === false || olds.waitForClusters === undefined) return false;
  return olds.privateConnectionStrings === undefined || JSON.stringify(olds.waitForClusters) !== JSON.stringify(inputs.waitForClusters);
}

/**
 * Options only (timeouts, deleteOnCreateTimeout, adoptExisting): no call to Atlas, complete
 * outputs returned. The engine also calls update for a resource recorded with initialization
 * errors (create deadline, failure while waiting); then this resumes the wait, and registers
 * the endpoint again if Atlas no longer has it.
 */
export async function update(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<UpdateResult<PrivateEndpointOutputs>> {
  const inputs = resolveInputs(news);
  if (isSettled(olds)) {
    if (!clusterWaitUnfinished(olds, inputs)) return { outs: withOptions(olds, inputs) };
    const outs = withOptions(olds, inputs);
    const ref = endpointRefFor(id, olds);
    reportProgress(`${describeEndpoint(ref)}: AVAILABLE; resuming the wait for the project's clusters`);
    const timeout = timeoutMs(inputs.timeouts, "create");
    const strings = await settleClusters(connectToAtlas(), {
      id,
      ref,
      inputs,
      timeoutMs: timeout,
      remainingMs: timeout,
      record: () => plainJson({ ...outs, privateConnectionStrings: undefined, [PROVIDER_KEY]: news[PROVIDER_KEY] }),
    });
    return { outs: plainJson({ ...outs, privateConnectionStrings: strings }) };
  }

  const startedAt = realClock.now();
  const client = connectToAtlas(startedAt + timeoutMs(inputs.timeouts, "create"));
  const ref = endpointRefFor(id, olds);
  const what = describeEndpoint(ref);
  let current: AtlasEndpoint | undefined;
  let adopted = olds.adopted === true;
  let acceptedAt: number | undefined;
  try {
    current = await client.getPrivateEndpoint(ref);
    const seen = observe(current);
    if (seen.phase !== "ready") reportProgress(`${what}: resuming the wait for AVAILABLE (status ${seen.label})`);
  } catch (error) {
    if (!isAtlasNotFound(error)) throw error;
    reportProgress(`${what}: no longer in Atlas; registering it again`);
    const registration = await register(client, inputs);
    current = registration.endpoint;
    adopted = registration.adopted;
    acceptedAt = realClock.now();
  }
  const { outs } = await settle(client, {
    id,
    ref,
    inputs,
    provider: news[PROVIDER_KEY],
    adopted,
    initial: current,
    acceptedAt,
    timeoutMs: timeoutMs(inputs.timeouts, "create"),
    startedAt,
  });
  return { outs };
}
