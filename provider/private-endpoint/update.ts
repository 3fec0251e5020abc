/**
 * PrivateEndpoint's update of an endpoint recorded as AVAILABLE (the resumed create is
 * operations/update.ts): options only (timeouts, deleteOnCreateTimeout, adoptExisting) call nothing
 * in Atlas; a cluster wait that did not finish, or other clusters to wait for, is waited for.
 */
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { PROVIDER_KEY, plainJson } from "../vocabulary/state";
import { timeoutMs } from "../vocabulary/time";
import { describeEndpoint, endpointRefFor } from "./ids";
import type { ResolvedInputs } from "./inputs";
import { recordedConnectionStrings } from "../waiting/cluster-waits";
import { recordedAnswer, toOutputs, type PrivateEndpointOutputs } from "./outputs";
import { settleClusters } from "./settle";

type Props = Record<string, unknown>;

/** The recorded outputs with the new options: diff only allows an update when nothing else changed. */
function withOptions(olds: Props, inputs: ResolvedInputs): PrivateEndpointOutputs {
  const strings = inputs.waitForClusters === false ? undefined : recordedConnectionStrings(olds.privateConnectionStrings);
  return toOutputs(inputs, recordedAnswer(olds), olds.adopted === true, strings);
}

/**
 * The endpoint is AVAILABLE but its cluster wait did not finish (deadline, error), or the clusters
 * to wait for changed: the update waits for them. State written before waitForClusters existed
 * has no such record and is left alone (refresh fills the strings in).
 */
function clusterWaitUnfinished(olds: Props, inputs: ResolvedInputs): boolean {
  if (inputs.waitForClusters === false || olds.waitForClusters === undefined) return false;
  return olds.privateConnectionStrings === undefined || JSON.stringify(olds.waitForClusters) !== JSON.stringify(inputs.waitForClusters);
}

export async function updateSettled(id: string, olds: Props, news: Props, inputs: ResolvedInputs): Promise<PrivateEndpointOutputs> {
  const outs = withOptions(olds, inputs);
  if (!clusterWaitUnfinished(olds, inputs)) return outs;
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
  return plainJson({ ...outs, privateConnectionStrings: strings });
}
