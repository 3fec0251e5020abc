/**
 * What each endpoint service status means, any cloud, as data. WAITING_FOR_USER is Atlas done with
 * its side and waiting for the cloud-side endpoint: ready to use, as Terraform's target set has it.
 */
import type { EndpointServiceStatus } from "../vocabulary/clouds";
import { oneStatusField, type StatusSets, type Unlisted } from "../waiting/status-table";

export const SERVICE_STATUS_TABLE = {
  pending: ["INITIATING"],
  ready: ["AVAILABLE", "WAITING_FOR_USER"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
} as const satisfies StatusSets<EndpointServiceStatus>;

const _everyServiceStatusHasAMeaning: [Unlisted<EndpointServiceStatus, typeof SERVICE_STATUS_TABLE>] extends [never] ? true : never = true;
void _everyServiceStatusHasAMeaning;

export const { readyStatus, observe, unknownStatus, recordedPhase } = oneStatusField(SERVICE_STATUS_TABLE, "AVAILABLE");
