/**
 * What each connection state means, as data: Terraform's mongodbatlas_stream_privatelink_endpoint
 * waits from IDLE and WORKING to DONE (FAILED ends it, with `errorMessage`), and after a delete
 * through DELETE_REQUESTED and DELETING to DELETED or the 404.
 */
import type { KnownStreamPrivateLinkState } from "../client";
import { judged, phaseIn, unlistedIn, type Observation, type StatusSets, type Unlisted } from "../waiting/status-table";

export const STREAM_LINK_STATE_TABLE = {
  pending: ["IDLE", "WORKING"],
  ready: ["DONE"],
  failed: ["FAILED"],
  deleting: ["DELETE_REQUESTED", "DELETING"],
  gone: ["DELETED"],
} as const satisfies StatusSets<KnownStreamPrivateLinkState>;

const _everyStateHasAMeaning: [Unlisted<KnownStreamPrivateLinkState, typeof STREAM_LINK_STATE_TABLE>] extends [never] ? true : never = true;
void _everyStateHasAMeaning;

/** The fields of an answer (or a record of one) that say where the connection is. */
export interface LinkStateView {
  state?: string;
  errorMessage?: string;
}

/** An `errorMessage` is a failure; a state this version does not know is pending. */
export function observeLink(link: LinkStateView): Observation {
  return judged(phaseIn(STREAM_LINK_STATE_TABLE, link.state), link.state ?? "NO_STATE_YET", link.errorMessage);
}

/** A state this version's table does not list; undefined when known or absent. */
export function unknownLinkStateOf(link: LinkStateView): string | undefined {
  return unlistedIn(STREAM_LINK_STATE_TABLE, link.state);
}

/** Where a record says the connection is; one without a state (an unconfirmed create) is still being created. */
export function recordedLinkPhase(props: Record<string, unknown>): Observation["phase"] {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return observeLink({ state: text(props.state), errorMessage: text(props.errorMessage) }).phase;
}

export const readyStatus = "DONE";
export { observeLink as observe, unknownLinkStateOf as unknownStatus, recordedLinkPhase as recordedPhase };
