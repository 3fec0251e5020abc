import { StreamPrivateLinkAlreadyExists } from "./errors";
import { objectId, randomHex } from "./ids";
import type { Pace } from "./pace";
import {
  FAILED_STREAM_PRIVATE_LINK_SEQUENCE,
  HELD_STREAM_PRIVATE_LINK_SEQUENCE,
  STREAM_PRIVATE_LINK_DELETION,
  STREAM_PRIVATE_LINK_SEQUENCE,
  Schedule,
  type StreamPrivateLinkState,
} from "./transitions";

export const STREAM_PROVIDERS = ["AWS", "AZURE", "GCP"] as const;
export type StreamProvider = (typeof STREAM_PROVIDERS)[number];

/** The request fields whose presence a vendor rules on. */
export type StreamField =
  | "region"
  | "arn"
  | "serviceEndpointId"
  | "dnsDomain"
  | "dnsSubDomain"
  | "azureResourceIds"
  | "gcpServiceAttachmentUris";

export type VendorRule = { required: StreamField[]; forbidden?: StreamField[] };

/** "Omitting the vendor field will default to using the GENERIC vendor" (the extract's `vendor` text). */
export const DEFAULT_STREAM_VENDOR = "GENERIC";

/**
 * The provider/vendor combinations the extract lists (`vendor`: AWS MSK, CONFLUENT, KINESIS, S3, LAMBDA; Azure
 * EVENTHUB, CONFLUENT, AZURE_BLOB_STORAGE; GCP CONFLUENT, PUBSUB; GENERIC when omitted), with the fields each needs.
 * Sources: the extract (`arn` "Required for AWS Provider and MSK vendor"; `dnsDomain` for AWS CONFLUENT and Azure
 * EVENTHUB/CONFLUENT; `dnsSubDomain` for AWS CONFLUENT, `[]` allowed; `azureResourceIds` for Azure Confluent;
 * `gcpServiceAttachmentUris` for GCP Confluent) and Terraform's mongodbatlas_stream_privatelink_endpoint (MSK: no
 * `region`, Atlas computes it from the arn; CONFLUENT: `region`, and a service endpoint id or attachment URIs, not
 * both; S3: `region` and `serviceEndpointId`; PUBSUB: `region`; AZURE_BLOB_STORAGE: `region`,
 * `serviceEndpointId`, `dnsDomain`). KINESIS, LAMBDA and GENERIC needing a `region` (GENERIC also a
 * `serviceEndpointId`) is the simulator's assumption: no public source says.
 */
export const STREAM_VENDOR_RULES: Record<StreamProvider, Record<string, VendorRule>> = {
  AWS: {
    MSK: { required: ["arn"], forbidden: ["region"] },
    CONFLUENT: { required: ["region", "serviceEndpointId", "dnsDomain", "dnsSubDomain"] },
    KINESIS: { required: ["region"] },
    S3: { required: ["region", "serviceEndpointId"] },
    LAMBDA: { required: ["region"] },
    GENERIC: { required: ["region", "serviceEndpointId"] },
  },
  AZURE: {
    EVENTHUB: { required: ["region", "serviceEndpointId", "dnsDomain"] },
    CONFLUENT: { required: ["region", "dnsDomain", "azureResourceIds"] },
    AZURE_BLOB_STORAGE: { required: ["region", "serviceEndpointId", "dnsDomain"] },
    GENERIC: { required: ["region", "serviceEndpointId"] },
  },
  GCP: {
    CONFLUENT: { required: ["region", "dnsDomain", "gcpServiceAttachmentUris"], forbidden: ["serviceEndpointId"] },
    PUBSUB: { required: ["region"] },
    GENERIC: { required: ["region", "serviceEndpointId"] },
  },
};

/** Fields only one cloud's connections have: sent for another cloud they are refused. */
export const STREAM_FIELD_OWNERS: Partial<Record<StreamField, StreamProvider>> = {
  arn: "AWS",
  azureResourceIds: "AZURE",
  gcpServiceAttachmentUris: "GCP",
};

/** A validated POST body (http/wire.ts checks it against STREAM_VENDOR_RULES). */
export type StreamPrivateLinkInput = {
  provider: StreamProvider;
  vendor: string;
  region?: string;
  arn?: string;
  serviceEndpointId?: string;
  dnsDomain?: string;
  dnsSubDomain?: string[];
  azureResourceIds?: string[];
  gcpServiceAttachmentUris?: string[];
  authenticationScheme?: string;
};

/** How a new connection's life goes: IDLE -> WORKING -> DONE normally; FAILED with a message; or held WORKING. */
export type ConnectionFate = { failureMessage: string } | { held: true } | "normal";

/** The cloud accounts Atlas's stream processing connects from in one project. */
export type ProviderAccounts = Record<StreamProvider, string>;

/** `arn:aws:kafka:<region>:<account>:cluster/...`: Atlas fills an MSK connection's region from its arn. */
export function mskRegion(arn: string): string | undefined {
  return /^arn:aws:kafka:([a-z0-9-]+):\d*:/.exec(arn)?.[1];
}

/** What a second connection may not point at again: the MSK arn, the service, the attachments, or the domain. */
export function connectionTarget(input: StreamPrivateLinkInput): string {
  const { provider, vendor, arn, serviceEndpointId, gcpServiceAttachmentUris, dnsDomain, region } = input;
  const at = arn ?? serviceEndpointId ?? gcpServiceAttachmentUris?.slice().sort().join(",") ?? `${dnsDomain ?? ""}@${region ?? ""}`;
  return `${provider}/${vendor}/${at}`;
}

/** A stream processing private link connection (`StreamsPrivateLinkConnection`). */
export class StreamPrivateLink {
  readonly id: string;
  private readonly schedule: Schedule<StreamPrivateLinkState>;
  private deletion: Schedule<StreamPrivateLinkState> | undefined;
  private readonly failureMessage: string | undefined;
  /** Made when the connection is created, listed once it is DONE (Terraform outputs it then). */
  private readonly made: { interfaceEndpointId: string | null; interfaceEndpointName: string | null; gcpConnectionIds: string[] | null };

  constructor(
    readonly input: StreamPrivateLinkInput,
    readonly createdAt: number,
    pace: Pace,
    fate: ConnectionFate,
    private readonly providerAccountId: string,
  ) {
    this.id = objectId(createdAt);
    this.failureMessage = typeof fate === "object" && "failureMessage" in fate ? fate.failureMessage : undefined;
    const phases =
      this.failureMessage !== undefined
        ? FAILED_STREAM_PRIVATE_LINK_SEQUENCE
        : typeof fate === "object"
          ? HELD_STREAM_PRIVATE_LINK_SEQUENCE
          : STREAM_PRIVATE_LINK_SEQUENCE;
    this.schedule = Schedule.layOut(phases, createdAt, pace, this.id);
    this.made = madeOnTheCloud(input, this.id, providerAccountId);
  }

  state(now: number): StreamPrivateLinkState {
    return this.deletion ? this.deletion.statusAt(now) : this.schedule.statusAt(now);
  }

  /** A repeated delete of a connection already on its way out is accepted. */
  requestDeletion(now: number, pace: Pace): void {
    if (!this.deletion) this.deletion = Schedule.layOut(STREAM_PRIVATE_LINK_DELETION, now, pace);
  }

  isDeleting(): boolean {
    return this.deletion !== undefined;
  }

  isGone(now: number): boolean {
    return this.deletion?.isOver(now) ?? false;
  }

  toAtlas(now: number): Record<string, unknown> {
    const state = this.state(now);
    const { input } = this;
    const doneAt = this.schedule.reachedAt("DONE");
    const ready = doneAt !== undefined && doneAt <= now;
    return {
      _id: this.id,
      arn: input.arn ?? null,
      authenticationScheme: input.authenticationScheme ?? null,
      azureResourceIds: input.azureResourceIds ?? null,
      dnsDomain: input.dnsDomain ?? (input.vendor === "PUBSUB" ? "pubsub.googleapis.com" : null),
      dnsSubDomain: input.dnsSubDomain ?? null,
      errorMessage: state === "FAILED" ? (this.failureMessage ?? null) : null,
      gcpConnectionIds: ready ? this.made.gcpConnectionIds : null,
      gcpServiceAttachmentUris: input.gcpServiceAttachmentUris ?? null,
      interfaceEndpointId: ready ? this.made.interfaceEndpointId : null,
      interfaceEndpointName: ready ? this.made.interfaceEndpointName : null,
      provider: input.provider,
      providerAccountId: this.providerAccountId,
      region: input.vendor === "MSK" && input.arn ? (mskRegion(input.arn) ?? null) : (input.region ?? null),
      serviceEndpointId: input.serviceEndpointId ?? null,
      state,
      vendor: input.vendor,
    };
  }
}

/** AWS: a VPC interface endpoint; Azure: a private endpoint resource; GCP: one PSC connection per attachment. */
function madeOnTheCloud(input: StreamPrivateLinkInput, id: string, account: string) {
  const name = `atlas-streams-${id}`;
  switch (input.provider) {
    case "AWS":
      return { interfaceEndpointId: `vpce-${randomHex(17)}`, interfaceEndpointName: name, gcpConnectionIds: null };
    case "AZURE":
      return {
        interfaceEndpointId: `/subscriptions/${account}/resourceGroups/${name}/providers/Microsoft.Network/privateEndpoints/${name}`,
        interfaceEndpointName: name,
        gcpConnectionIds: null,
      };
    case "GCP": {
      const count = input.gcpServiceAttachmentUris?.length ?? 1;
      return {
        interfaceEndpointId: null,
        interfaceEndpointName: null,
        gcpConnectionIds: Array.from({ length: count }, () => String(BigInt(`0x${randomHex(14)}`))),
      };
    }
    default:
      return input.provider satisfies never;
  }
}

/** A project's stream private link connections. */
export class ProjectStreamPrivateLinks {
  private readonly byId = new Map<string, StreamPrivateLink>();
  readonly accounts: ProviderAccounts = {
    AWS: String(BigInt(`0x${randomHex(10)}`) % 10n ** 12n).padStart(12, "0"),
    AZURE: uuidFrom(randomHex(32)),
    GCP: `p-${randomHex(24)}`,
  };

  /** Refuses a second live connection to the same target (409); a deleting one no longer counts. */
  create(input: StreamPrivateLinkInput, now: number, pace: Pace, fate: () => ConnectionFate): StreamPrivateLink {
    const target = connectionTarget(input);
    for (const existing of this.byId.values()) {
      if (!existing.isDeleting() && connectionTarget(existing.input) === target) {
        throw new StreamPrivateLinkAlreadyExists(
          `A private link connection ${existing.id} to the same ${input.vendor} target already exists in this project.`,
          [{ name: "connectionId", value: existing.id }],
        );
      }
    }
    const connection = new StreamPrivateLink(input, now, pace, fate(), this.accounts[input.provider]);
    this.byId.set(connection.id, connection);
    return connection;
  }

  get(id: string): StreamPrivateLink | undefined {
    return this.byId.get(id);
  }

  all(): StreamPrivateLink[] {
    return [...this.byId.values()];
  }

  sweep(now: number): void {
    for (const [id, connection] of this.byId) if (connection.isGone(now)) this.byId.delete(id);
  }
}

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
