import type { Pace } from "./pace";
import {
  DATA_FEDERATION_ENDPOINT_SEQUENCE,
  DELETION_SEQUENCE,
  FAILED_DATA_FEDERATION_ENDPOINT_SEQUENCE,
  HELD_DATA_FEDERATION_ENDPOINT_SEQUENCE,
  Schedule,
  type DataFederationEndpointStatus,
} from "./transitions";

/** `PrivateNetworkEndpointIdEntry.provider`: Atlas Data Federation supports AWS and Azure. */
export const DATA_FEDERATION_PROVIDERS = ["AWS", "AZURE"] as const;
export type DataFederationProvider = (typeof DATA_FEDERATION_PROVIDERS)[number];

/** A validated POST body (the wire checks shapes and patterns; see http/wire.ts). */
export type DataFederationEndpointInput = {
  /** AWS: the vpce id; Azure: the private endpoint's resource id (decoded). */
  endpointId: string;
  provider: DataFederationProvider;
  comment: string | undefined;
  /** Atlas's region name (US_EAST_1), normalized. */
  region: string | undefined;
  customerEndpointDNSName: string | undefined;
  azureLinkId: string | undefined;
  customerEndpointIPAddress: string | undefined;
};

/** How a new entry's life goes: normally PENDING -> OK; FAILED with a message; or held PENDING. */
export type EntryFate = { failureMessage: string } | { held: true } | "normal";

/** Azure resource ids are case-insensitive, vpce ids lower-case hex: one entry per id whatever its case. */
export function entryKey(endpointId: string): string {
  return endpointId.toLowerCase();
}

/** One entry of a project's private endpoint list for Federated Database Instances and Online Archives. */
export class DataFederationEndpoint {
  /** The one field a repeated POST of the same id changes (the spec: "updates the comment value only"). */
  comment: string | undefined;
  private readonly schedule: Schedule<DataFederationEndpointStatus>;
  private deletion: Schedule<"DELETING"> | undefined;
  private readonly failureMessage: string | undefined;

  constructor(
    readonly input: DataFederationEndpointInput,
    readonly createdAt: number,
    pace: Pace,
    fate: EntryFate,
  ) {
    this.comment = input.comment;
    this.failureMessage = typeof fate === "object" && "failureMessage" in fate ? fate.failureMessage : undefined;
    const phases =
      this.failureMessage !== undefined
        ? FAILED_DATA_FEDERATION_ENDPOINT_SEQUENCE
        : typeof fate === "object"
          ? HELD_DATA_FEDERATION_ENDPOINT_SEQUENCE
          : DATA_FEDERATION_ENDPOINT_SEQUENCE;
    this.schedule = Schedule.layOut(phases, createdAt, pace, input.endpointId);
  }

  get endpointId(): string {
    return this.input.endpointId;
  }

  status(now: number): DataFederationEndpointStatus {
    return this.deletion ? this.deletion.statusAt(now) : this.schedule.statusAt(now);
  }

  /** A repeated delete of an entry already on its way out is accepted, as for endpoints. */
  requestDeletion(now: number, pace: Pace): void {
    if (!this.deletion) this.deletion = Schedule.layOut(DELETION_SEQUENCE, now, pace);
  }

  isDeleting(): boolean {
    return this.deletion !== undefined;
  }

  isGone(now: number): boolean {
    return this.deletion?.isOver(now) ?? false;
  }

  /** `PrivateNetworkEndpointIdEntry`; absent fields are null, as recorded Atlas sends them elsewhere. */
  toAtlas(now: number): Record<string, unknown> {
    const status = this.status(now);
    const { input } = this;
    return {
      azureLinkId: input.azureLinkId ?? null,
      comment: this.comment ?? null,
      customerEndpointDNSName: input.customerEndpointDNSName ?? null,
      customerEndpointIPAddress: input.customerEndpointIPAddress ?? null,
      endpointId: input.endpointId,
      errorMessage: status === "FAILED" ? (this.failureMessage ?? null) : null,
      provider: input.provider,
      region: input.region ?? null,
      status,
      type: "DATA_LAKE",
    };
  }
}

/** A project's entries, in the order they were added (the order GET lists them in). */
export class ProjectDataFederationEndpoints {
  private readonly byKey = new Map<string, DataFederationEndpoint>();

  /**
   * The spec's upsert: an id already listed keeps everything but its comment (a changed comment replaces the old
   * one; none given leaves it); a new id is appended. An id still DELETING is registered anew, as a new entry.
   */
  upsert(input: DataFederationEndpointInput, now: number, pace: Pace, fate: () => EntryFate): void {
    const key = entryKey(input.endpointId);
    const existing = this.byKey.get(key);
    if (existing && !existing.isDeleting()) {
      if (input.comment !== undefined) existing.comment = input.comment;
      return;
    }
    // A re-registered id goes to the end of the list, as a new entry would.
    this.byKey.delete(key);
    this.byKey.set(key, new DataFederationEndpoint(input, now, pace, fate()));
  }

  get(endpointId: string): DataFederationEndpoint | undefined {
    return this.byKey.get(entryKey(endpointId));
  }

  all(): DataFederationEndpoint[] {
    return [...this.byKey.values()];
  }

  /** Forgets entries whose deletion has finished. */
  sweep(now: number): void {
    for (const [key, entry] of this.byKey) if (entry.isGone(now)) this.byKey.delete(key);
  }
}
