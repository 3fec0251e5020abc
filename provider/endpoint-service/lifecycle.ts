/**
 * EndpointService as the shared lifecycle runs it (operations/): its record, and the operations the
 * stable path provider/endpoint-service-lifecycle.ts hands to serialized providers and to the plugin.
 */
import type { AtlasClient, EndpointService } from "../client";
import type { AtlasResource } from "../operations/kind";
import { lifecycleOf } from "../operations/lifecycle";
import { notConfirmedGone } from "../waiting/gone";
import { placeService, type PlacedServiceRef } from "./create";
import { identityOf } from "./adoption";
import { keepsAdopted, whenServiceRefused } from "./delete";
import { ENDPOINT_SERVICE_DIFF } from "./diff";
import { describeService, formatServiceId, formatUnconfirmedServiceId } from "./ids";
import { ENDPOINT_SERVICE_INPUTS, type ResolvedServiceInputs } from "./inputs";
import { toServiceOutputs, type EndpointServiceOutputs } from "./outputs";
import { declaredServiceInputs, locateService, refreshedServiceInputs } from "./read";
import { failedAdvice } from "./settle";
import { observeService, recordedServicePhase, unknownServiceStatusOf } from "./statuses";
import { updateSettledService } from "./update";

/** Only Atlas's own 404 for the service (not GROUP_NOT_FOUND, not a proxy's 404) says it is gone. */
async function confirmGone(
  client: AtlasClient,
  ref: PlacedServiceRef,
  notFound: Parameters<AtlasClient["whyServiceNotFound"]>[0],
): Promise<void> {
  const verdict = client.whyServiceNotFound(notFound);
  if (verdict.gone) return;
  if (verdict.because === "serviceUnreadable") throw notFound;
  throw notConfirmedGone({ because: verdict.because, detail: verdict.detail }, describeService(ref), ref.groupId, notFound);
}

export const ENDPOINT_SERVICE: AtlasResource<ResolvedServiceInputs, PlacedServiceRef, EndpointService, EndpointServiceOutputs> = {
  name: "EndpointService",
  readyStatus: "AVAILABLE",
  inputs: ENDPOINT_SERVICE_INPUTS,
  describe: describeService,
  read: (client, ref) => client.getEndpointService(ref),
  remove: (client, ref) => client.deleteEndpointService(ref),
  confirmGone,
  observe: observeService,
  unknownStatus: unknownServiceStatusOf,
  idOf: formatServiceId,
  locate: locateService,
  recordedPhase: recordedServicePhase,
  outputs: (inputs, service, { ref, adopted }) => toServiceOutputs(inputs, ref?.endpointServiceId ?? "", service, adopted),
  create: {
    place: placeService,
    // Atlas gives the id: an unconfirmed create is recorded under its slot, found later by listing it.
    unconfirmedId: (inputs) => formatUnconfirmedServiceId(identityOf(inputs)),
    again: "creating it again",
  },
  settle: { held: "exists in Atlas", failedAdvice },
  refresh: {
    declared: declaredServiceInputs,
    refreshedInputs: refreshedServiceInputs,
  },
  update: { settled: updateSettledService },
  delete: { keeps: keepsAdopted, refused: (client, ref, refusal) => whenServiceRefused(client, ref, refusal) },
  diff: ENDPOINT_SERVICE_DIFF,
};

export const { configure, check, diff, create, read, update, remove } = lifecycleOf(ENDPOINT_SERVICE);
