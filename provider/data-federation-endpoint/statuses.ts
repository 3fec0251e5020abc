/**
 * What each Data Federation entry status means, as data. PENDING until Atlas has accepted the endpoint, OK when
 * it has; FAILED carries Atlas's errorMessage (the cloud endpoint could not be approved); DELETING until Atlas
 * forgets the entry.
 */
import type { DataFederationEndpointStatus } from "../client/data-federation-endpoint-schemas";
import { oneStatusField, statusTable } from "../waiting/status-table";

export const STATUS_TABLE = statusTable<DataFederationEndpointStatus>()({
  pending: ["PENDING"],
  ready: ["OK"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
});

export const { readyStatus, observe, unknownStatus, recordedPhase } = oneStatusField(STATUS_TABLE, "OK");
