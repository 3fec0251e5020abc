/**
 * What each Data Federation entry status means, as data. PENDING until Atlas has accepted the endpoint, OK when
 * it has; FAILED carries Atlas's errorMessage (the cloud endpoint could not be approved); DELETING until Atlas
 * forgets the entry.
 */
import type { DataFederationEndpointStatus } from "../client/data-federation-endpoint-schemas";
import { judged, phaseIn, unlistedIn, type Observation, type StatusSets, type Unlisted } from "../waiting/status-table";

export const STATUS_TABLE = {
  pending: ["PENDING"],
  ready: ["OK"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
} as const satisfies StatusSets<DataFederationEndpointStatus>;

const _everyStatusHasAMeaning: [Unlisted<DataFederationEndpointStatus, typeof STATUS_TABLE>] extends [never] ? true : never = true;
void _everyStatusHasAMeaning;

/** The fields of an entry (or a record of one) that say where it is. */
export interface EntryStatusView {
  status?: string;
  errorMessage?: string;
}

/** An `errorMessage` is a failure (Atlas's words first); an unknown status is pending. */
export function observe(entry: EntryStatusView): Observation {
  return judged(phaseIn(STATUS_TABLE, entry.status), entry.status ?? "NO_STATUS_YET", entry.errorMessage);
}

/** A status this version's table does not list; undefined when known or absent. */
export function unknownStatus(entry: EntryStatusView): string | undefined {
  return unlistedIn(STATUS_TABLE, entry.status);
}

/** Where a record says the entry is; one without a status (an unconfirmed create) is still being created. */
export function recordedPhase(props: Record<string, unknown>): Observation["phase"] {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return observe({ status: text(props.status), errorMessage: text(props.errorMessage) }).phase;
}

export const readyStatus = "OK";
