/**
 * What each connection state means, as data: Terraform's mongodbatlas_stream_privatelink_endpoint
 * waits from IDLE and WORKING to DONE (FAILED ends it, with `errorMessage`), and after a delete
 * through DELETE_REQUESTED and DELETING to DELETED or the 404.
 */
import type { KnownStreamPrivateLinkState } from "../client";
import { oneStatusField, statusTable } from "../waiting/status-table";

export const STREAM_LINK_STATE_TABLE = statusTable<KnownStreamPrivateLinkState>()({
  pending: ["IDLE", "WORKING"],
  ready: ["DONE"],
  failed: ["FAILED"],
  deleting: ["DELETE_REQUESTED", "DELETING"],
  gone: ["DELETED"],
});

/** An `errorMessage` is a failure; a state this version does not know is pending. */
export const { readyStatus, observe, unknownStatus, recordedPhase } = oneStatusField(STREAM_LINK_STATE_TABLE, "DONE", "state");
