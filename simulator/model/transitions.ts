import type { CloudProvider } from "./cloud";
import type { DelayName, Pace } from "./pace";

/**
 * Status sequences as data (endpoints, endpoint services, Data Federation entries, stream private links; the
 * clusters' UPDATING windows live in clusters.ts). Each phase holds a status and, unless it is final, the delay
 * (by name) it lasts. A schedule is the sequence laid out on the wall clock when the move
 * starts, so the status at any moment is a lookup, and the moment a status was reached is
 * exact even though nothing runs in the background.
 */
export type Phase<S extends string> = {
  status: S;
  lastsFor?: DelayName /** A fixed span (simulated ms, scaled, no jitter) instead of a named delay. */;
  lastsMs?: number;
};

export type AwsStatus = "PENDING_ACCEPTANCE" | "PENDING" | "AVAILABLE" | "REJECTED" | "DELETING";
export type AzureStatus = "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING";
export type GcpStatus = "INITIATING" | "VERIFIED" | "AVAILABLE" | "FAILED" | "DELETING" | "DELETED";
/** A status today's clients do not know, inserted by a test to stand for one Atlas may add. */
export type UnknownStatus = string & { readonly unknownStatus?: never };
export type EndpointStatus = AwsStatus | AzureStatus | GcpStatus | UnknownStatus;
export type EndpointServiceStatus = "INITIATING" | "AVAILABLE" | "WAITING_FOR_USER" | "FAILED" | "DELETING";

/** Reached when the cloud-side resource exists. */
export const ENDPOINT_SEQUENCES: Record<CloudProvider, Phase<EndpointStatus>[]> = {
  AWS: [
    { status: "PENDING_ACCEPTANCE", lastsFor: "awsPendingAcceptanceMs" },
    { status: "PENDING", lastsFor: "awsPendingMs" },
    { status: "AVAILABLE" },
  ],
  AZURE: [{ status: "INITIATING", lastsFor: "azureInitiatingMs" }, { status: "AVAILABLE" }],
  GCP: [{ status: "INITIATING", lastsFor: "gcpInitiatingMs" }, { status: "VERIFIED", lastsFor: "gcpVerifiedMs" }, { status: "AVAILABLE" }],
};

/** Reached when Atlas accepted an id that does not exist on the cloud side. */
export const MISSING_ENDPOINT_SEQUENCES: Record<CloudProvider, Phase<EndpointStatus>[]> = {
  AWS: [{ status: "PENDING_ACCEPTANCE", lastsFor: "awsPendingAcceptanceMs" }, { status: "REJECTED" }],
  AZURE: [{ status: "INITIATING", lastsFor: "azureInitiatingMs" }, { status: "FAILED" }],
  GCP: [{ status: "INITIATING", lastsFor: "gcpInitiatingMs" }, { status: "FAILED" }],
};

export const FINAL_ENDPOINT_STATUSES: ReadonlySet<EndpointStatus> = new Set(["AVAILABLE", "REJECTED", "FAILED"]);

/** After the last phase the entity is gone. */
export const DELETION_SEQUENCE: Phase<"DELETING">[] = [{ status: "DELETING", lastsFor: "deletingMs" }];

/** GCP as it may also answer: DELETED for a while before the 404. */
export const GCP_DELETION_WITH_DELETED: Phase<"DELETING" | "DELETED">[] = [
  { status: "DELETING", lastsFor: "deletingMs" },
  { status: "DELETED", lastsFor: "deletingMs" },
];

/** The sequence with `status` inserted after its first phase, lasting `lastsMs`. */
export function withInsertedStatus(phases: Phase<EndpointStatus>[], status: string, lastsMs: number): Phase<EndpointStatus>[] {
  return [phases[0]!, { status, lastsMs }, ...phases.slice(1)];
}

export const ENDPOINT_SERVICE_SEQUENCE: Phase<EndpointServiceStatus>[] = [
  { status: "INITIATING", lastsFor: "endpointServiceInitiatingMs" },
  { status: "AVAILABLE" },
];

/** `PrivateNetworkEndpointIdEntry.status` in the Data Federation extract. */
export type DataFederationEndpointStatus = "PENDING" | "OK" | "FAILED" | "DELETING";

/** A Data Federation / Online Archive private endpoint entry: Atlas accepts it PENDING, then it is OK. */
export const DATA_FEDERATION_ENDPOINT_SEQUENCE: Phase<DataFederationEndpointStatus>[] = [
  { status: "PENDING", lastsFor: "dataFederationPendingMs" },
  { status: "OK" },
];

/** An entry whose endpoint Atlas cannot approve (missing on the cloud side, or a test's injected outcome). */
export const FAILED_DATA_FEDERATION_ENDPOINT_SEQUENCE: Phase<DataFederationEndpointStatus>[] = [
  { status: "PENDING", lastsFor: "dataFederationPendingMs" },
  { status: "FAILED" },
];

/** An entry a test holds PENDING: it never settles. */
export const HELD_DATA_FEDERATION_ENDPOINT_SEQUENCE: Phase<DataFederationEndpointStatus>[] = [{ status: "PENDING" }];

/**
 * A stream processing private link connection's `state` (the extract types it as a free string). The names and
 * the order are the ones Terraform's mongodbatlas_stream_privatelink_endpoint waits through: pending IDLE and
 * WORKING, target DONE or FAILED; on delete pending DELETE_REQUESTED and DELETING, target DELETED (or the 404).
 */
export type StreamPrivateLinkState = "IDLE" | "WORKING" | "DONE" | "FAILED" | "DELETE_REQUESTED" | "DELETING";

export const STREAM_PRIVATE_LINK_SEQUENCE: Phase<StreamPrivateLinkState>[] = [
  { status: "IDLE", lastsFor: "streamLinkIdleMs" },
  { status: "WORKING", lastsFor: "streamLinkWorkingMs" },
  { status: "DONE" },
];

export const FAILED_STREAM_PRIVATE_LINK_SEQUENCE: Phase<StreamPrivateLinkState>[] = [
  { status: "IDLE", lastsFor: "streamLinkIdleMs" },
  { status: "WORKING", lastsFor: "streamLinkWorkingMs" },
  { status: "FAILED" },
];

/** A connection a test holds WORKING: it never settles. */
export const HELD_STREAM_PRIVATE_LINK_SEQUENCE: Phase<StreamPrivateLinkState>[] = [
  { status: "IDLE", lastsFor: "streamLinkIdleMs" },
  { status: "WORKING" },
];

/** After the last phase the connection is gone (GET answers 404). */
export const STREAM_PRIVATE_LINK_DELETION: Phase<StreamPrivateLinkState>[] = [
  { status: "DELETE_REQUESTED", lastsFor: "streamLinkDeleteRequestedMs" },
  { status: "DELETING", lastsFor: "deletingMs" },
];

export type ScheduledStatus<S extends string> = { status: S; at: number };

/** A sequence laid out from `start`; `endsAt` is when the last phase ends (Infinity if it is final). */
export class Schedule<S extends string> {
  private constructor(
    readonly steps: ScheduledStatus<S>[],
    readonly endsAt: number,
  ) {}

  /** `endpointId` picks up phase lengths fixed for that endpoint (Pace.endpointDelays). */
  static layOut<S extends string>(phases: Phase<S>[], start: number, pace: Pace, endpointId?: string): Schedule<S> {
    const steps: ScheduledStatus<S>[] = [];
    let at = start;
    let endsAt = Infinity;
    phases.forEach((phase, index) => {
      steps.push({ status: phase.status, at });
      if (phase.lastsFor !== undefined || phase.lastsMs !== undefined) {
        at += phase.lastsFor !== undefined ? pace.durationOf(phase.lastsFor, endpointId) : pace.scaled(phase.lastsMs!);
        if (index === phases.length - 1) endsAt = at;
      }
    });
    return new Schedule(steps, endsAt);
  }

  statusAt(now: number): S {
    let current = this.steps[0]!;
    for (const step of this.steps) {
      if (step.at <= now) current = step;
    }
    return current.status;
  }

  /** When `status` was (or will be) reached, or undefined if it is not on this schedule. */
  reachedAt(status: S): number | undefined {
    return this.steps.find((step) => step.status === status)?.at;
  }

  isOver(now: number): boolean {
    return now >= this.endsAt;
  }
}

/** Thrown when the model is asked for a move its transition table does not allow. */
export class IllegalTransition extends Error {
  override readonly name = "IllegalTransition";
  constructor(from: string, move: string) {
    super(`Illegal transition: ${move} from status=${from}`);
  }
}
