/**
 * PrivateEndpoint as the shared lifecycle runs it (operations/): its record, and the operations the
 * stable path provider/lifecycle.ts hands to serialized providers and to the plugin.
 */
import type { AtlasClient, AtlasEndpoint } from "../client";
import { reportProgress } from "../host/stderr";
import type { AtlasResource } from "../operations/kind";
import { deleteAndWait } from "../operations/delete";
import { lifecycleOf } from "../operations/lifecycle";
import type { EndpointRef } from "../vocabulary/refs";
import { NotConfirmedGone, notConfirmedGone } from "../waiting/gone";
import { register } from "./create";
import { whenRefused } from "./delete";
import { PRIVATE_ENDPOINT_DIFF } from "./diff";
import { describeEndpoint, endpointRefFor, endpointRefOf, formatResourceId } from "./ids";
import { PRIVATE_ENDPOINT_INPUTS, type ResolvedInputs } from "./inputs";
import { toOutputs, type PrivateEndpointOutputs } from "./outputs";
import { declaredInputs, refreshedInputs, refreshedOutputs } from "./read";
import { failedAdvice, onCreateDeadline, whenAvailable } from "./settle";
import { observe, recordedPhase, unknownStatusOf } from "./statuses";
import { updateSettled } from "./update";

/**
 * Only Atlas's own word makes a 404 "gone": the endpoint's service answers 200 (the endpoint is gone)
 * or 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND (its service went, and the endpoint with it).
 */
async function confirmGone(client: AtlasClient, ref: EndpointRef, notFound: Parameters<AtlasClient["whyNotFound"]>[1]): Promise<void> {
  const verdict = await client.whyNotFound(ref, notFound);
  const what = describeEndpoint(ref);
  if (verdict.gone) {
    if (verdict.because === "service")
      reportProgress(`${what}: its endpoint service ${ref.endpointServiceId} is gone from Atlas, and the endpoint with it`);
    return;
  }
  if (verdict.because === "serviceUnreadable") {
    throw new NotConfirmedGone(
      `${notFound.message}, but reading its endpoint service ${ref.endpointServiceId} did not confirm it is gone (${verdict.detail}). ` +
        `Check that endpoint service ${ref.endpointServiceId} exists in project groupId="${ref.groupId}"`,
      { method: notFound.method, path: notFound.path },
    );
  }
  throw notConfirmedGone({ because: verdict.because, detail: verdict.detail }, what, ref.groupId, notFound);
}

export const PRIVATE_ENDPOINT: AtlasResource<ResolvedInputs, EndpointRef, AtlasEndpoint, PrivateEndpointOutputs> = {
  name: "PrivateEndpoint",
  readyStatus: "AVAILABLE",
  inputs: PRIVATE_ENDPOINT_INPUTS,
  describe: describeEndpoint,
  read: (client, ref) => client.getPrivateEndpoint(ref),
  remove: (client, ref) => client.deletePrivateEndpoint(ref),
  confirmGone,
  observe,
  unknownStatus: unknownStatusOf,
  idOf: formatResourceId,
  locate: async (_client, id, props) => endpointRefFor(id, props),
  recordedPhase,
  outputs: (inputs, endpoint, { adopted }) => toOutputs(inputs, endpoint, adopted),
  create: {
    place: register,
    // The inputs name the endpoint: an unconfirmed create is recorded under the id it will have.
    unconfirmedId: (inputs) => formatResourceId(endpointRefOf(inputs)),
    again: "registering it again",
  },
  settle: {
    held: "is registered with Atlas",
    ready: whenAvailable,
    failedAdvice,
    onDeadline: (client, settling, lastStatus, record) =>
      onCreateDeadline(settling, lastStatus, record, (deleteTimeoutMs) =>
        deleteAndWait(PRIVATE_ENDPOINT, client, settling.placed.ref, deleteTimeoutMs, {}),
      ),
  },
  refresh: {
    declared: declaredInputs,
    outputs: refreshedOutputs,
    refreshedInputs: (outputs) => refreshedInputs(outputs),
  },
  update: { settled: updateSettled },
  delete: { refused: (client, ref, refusal, deleteTimeoutMs) => whenRefused(PRIVATE_ENDPOINT, client, ref, refusal, deleteTimeoutMs) },
  diff: PRIVATE_ENDPOINT_DIFF,
};

export const { configure, check, diff, create, read, update, remove } = lifecycleOf(PRIVATE_ENDPOINT);
