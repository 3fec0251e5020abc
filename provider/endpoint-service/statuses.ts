/**
 * What each endpoint service status means, any cloud, as data. WAITING_FOR_USER is Atlas done with
 * its side and waiting for the cloud-side endpoint: ready to use, as Terraform's target set has it.
 */
import type { EndpointServiceStatus } from "../vocabulary/clouds";
import { oneStatusField, statusTable } from "../waiting/status-table";

export const SERVICE_STATUS_TABLE = statusTable<EndpointServiceStatus>()({
  pending: ["INITIATING"],
  ready: ["AVAILABLE", "WAITING_FOR_USER"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
});

export const { readyStatus, observe, unknownStatus, recordedPhase } = oneStatusField(SERVICE_STATUS_TABLE, "AVAILABLE");
