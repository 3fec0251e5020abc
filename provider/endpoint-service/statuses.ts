/**
 * What each endpoint service status means, any cloud, as data. WAITING_FOR_USER is Atlas done with
 * its side and waiting for the cloud-side endpoint: ready to use, as Terraform's target set has it.
 */
import type { EndpointServiceStatus } from "../vocabulary/clouds";
import { judged, phaseIn, unlistedIn, type Observation, type StatusSets, type Unlisted } from "../waiting/status-table";

export const SERVICE_STATUS_TABLE = {
  pending: ["INITIATING"],
  ready: ["AVAILABLE", "WAITING_FOR_USER"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
} as const satisfies StatusSets<EndpointServiceStatus>;

const _everyServiceStatusHasAMeaning: [Unlisted<EndpointServiceStatus, typeof SERVICE_STATUS_TABLE>] extends [never] ? true : never = true;
void _everyServiceStatusHasAMeaning;

/** The fields of a service answer (or a record of one) that say where it is. */
export interface ServiceStatusView {
  status?: string;
  errorMessage?: string;
}

/** An `errorMessage` is a failure; an unknown status is pending. */
export function observeService(service: ServiceStatusView): Observation {
  return judged(phaseIn(SERVICE_STATUS_TABLE, service.status), service.status ?? "NO_STATUS_YET", service.errorMessage);
}

/** A service status this version's table does not list; undefined when known or absent. */
export function unknownServiceStatusOf(service: ServiceStatusView): string | undefined {
  return unlistedIn(SERVICE_STATUS_TABLE, service.status);
}

/** Where a record says the service is; one without a status (an unconfirmed create) is still being created. */
export function recordedServicePhase(props: Record<string, unknown>): Observation["phase"] {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return observeService({ status: text(props.status), errorMessage: text(props.errorMessage) }).phase;
}

export const readyStatus = "AVAILABLE";
export { observeService as observe, unknownServiceStatusOf as unknownStatus, recordedServicePhase as recordedPhase };
