import type { CloudProvider } from "./cloud";
import type { Pace } from "./pace";
import {
  DELETION_SEQUENCE,
  ENDPOINT_SEQUENCES,
  GCP_DELETION_WITH_DELETED,
  withInsertedStatus,
  IllegalTransition,
  MISSING_ENDPOINT_SEQUENCES,
  Schedule,
  type EndpointStatus,
} from "./transitions";

export type CreateAwsEndpoint = { cloudProvider: "AWS"; id: string };
export type CreateAzureEndpoint = { cloudProvider: "AZURE"; id: string; privateEndpointIPAddress: string };
export type ForwardingRuleInput = { endpointName: string; ipAddress: string };
export type CreateGcpEndpoint = {
  cloudProvider: "GCP";
  endpointGroupName: string;
  gcpProjectId: string;
  endpoints: ForwardingRuleInput[];
};
export type CreateEndpointInput = CreateAwsEndpoint | CreateAzureEndpoint | CreateGcpEndpoint;

/** Decides whether a cloud-side id exists; Atlas only finds out after accepting the create. */
export type MissingOnCloud = (cloud: CloudProvider, id: string) => boolean;

/** Variations of an endpoint's life that Atlas may produce, fixed when the endpoint is created. */
export type EndpointVariations = {
  /** A status inserted after the first phase of the normal sequence. */
  insertedStatus?: { status: string; lastsMs: number };
  /** GCP port-mapped: each forwarding rule is answered with the endpoint group's own name. */
  rulesNamedAfterGroup?: boolean;
};

/** One private endpoint registered with an endpoint service. Wire shape per cloud in `toAtlas`. */
export abstract class PrivateEndpoint {
  abstract readonly cloudProvider: CloudProvider;
  deleteRequested = false;
  private deletion: Schedule<"DELETING" | "DELETED"> | undefined;

  protected readonly schedule: Schedule<EndpointStatus>;

  /** `failureMessage` is set when the cloud-side resource does not exist; shown once the endpoint has failed. */
  protected constructor(
    cloud: CloudProvider,
    /** The id as it appears (decoded) in GET/DELETE paths; also keys a test's fixed delays (`endpointDelays`). */
    readonly endpointId: string,
    readonly createdAt: number,
    pace: Pace,
    private readonly failureMessage: string | undefined,
    protected readonly variations: EndpointVariations,
  ) {
    this.schedule = Schedule.layOut(
      PrivateEndpoint.sequenceFor(cloud, failureMessage !== undefined, variations),
      createdAt,
      pace,
      endpointId,
    );
  }

  status(now: number): EndpointStatus {
    return this.deletion ? this.deletion.statusAt(now) : this.schedule.statusAt(now);
  }

  /** The exact moment the endpoint became AVAILABLE, or null if it has not (yet). */
  availableAt(now: number): number | null {
    const at = this.schedule.reachedAt("AVAILABLE");
    if (at === undefined || at > now) return null;
    if (this.deletion && this.deletion.steps[0]!.at <= at) return null;
    return at;
  }

  errorMessage(now: number): string | undefined {
    const status = this.status(now);
    return status === "REJECTED" || status === "FAILED" ? this.failureMessage : undefined;
  }

  /** `deletedBeforeGone`: answer DELETED for a while before the 404, as GCP endpoints may. */
  requestDeletion(now: number, pace: Pace, deletedBeforeGone = false): void {
    if (this.deletion) throw new IllegalTransition("DELETING", "requestDeletion");
    this.deleteRequested = true;
    this.deletion = Schedule.layOut(deletedBeforeGone ? GCP_DELETION_WITH_DELETED : DELETION_SEQUENCE, now, pace);
  }

  isDeleting(): boolean {
    return this.deletion !== undefined;
  }

  isGone(now: number): boolean {
    return this.deletion?.isOver(now) ?? false;
  }

  abstract toAtlas(now: number): Record<string, unknown>;

  protected common(now: number): Record<string, unknown> {
    const errorMessage = this.errorMessage(now);
    return {
      cloudProvider: this.cloudProvider,
      deleteRequested: this.deleteRequested,
      // Atlas sends absent fields as null (recorded: "errorMessage":null).
      errorMessage: errorMessage ?? null,
    };
  }

  protected static sequenceFor(cloud: CloudProvider, missing: boolean, variations: EndpointVariations) {
    if (missing) return MISSING_ENDPOINT_SEQUENCES[cloud];
    const inserted = variations.insertedStatus;
    return inserted ? withInsertedStatus(ENDPOINT_SEQUENCES[cloud], inserted.status, inserted.lastsMs) : ENDPOINT_SEQUENCES[cloud];
  }
}

export class AwsInterfaceEndpoint extends PrivateEndpoint {
  readonly cloudProvider = "AWS";

  constructor(
    readonly interfaceEndpointId: string,
    now: number,
    pace: Pace,
    missing: boolean,
    variations: EndpointVariations = {},
  ) {
    super(
      "AWS",
      interfaceEndpointId,
      now,
      pace,
      missing ? `Interface endpoint ${interfaceEndpointId} was not found.` : undefined,
      variations,
    );
  }

  toAtlas(now: number): Record<string, unknown> {
    return { ...this.common(now), connectionStatus: this.status(now), interfaceEndpointId: this.interfaceEndpointId };
  }
}

export class AzurePrivateEndpoint extends PrivateEndpoint {
  readonly cloudProvider = "AZURE";

  constructor(
    readonly privateEndpointResourceId: string,
    readonly privateEndpointIPAddress: string,
    now: number,
    pace: Pace,
    missing: boolean,
    variations: EndpointVariations = {},
  ) {
    super(
      "AZURE",
      privateEndpointResourceId,
      now,
      pace,
      missing ? `Private endpoint ${privateEndpointResourceId} was not found.` : undefined,
      variations,
    );
  }

  /** Atlas's generated connection name, shaped as the spec pattern `<subscription>%2F<group>%2F<name>`. */
  get privateEndpointConnectionName(): string {
    const parts = this.privateEndpointResourceId.split("/");
    return [parts[2], parts[4], parts[8]].join("%2F");
  }

  toAtlas(now: number): Record<string, unknown> {
    return {
      ...this.common(now),
      privateEndpointConnectionName: this.privateEndpointConnectionName,
      privateEndpointIPAddress: this.privateEndpointIPAddress,
      privateEndpointResourceId: this.privateEndpointResourceId,
      status: this.status(now),
    };
  }
}

type ForwardingRule = ForwardingRuleInput & { missing: boolean; settlesAt: number };

export class GcpEndpointGroup extends PrivateEndpoint {
  readonly cloudProvider = "GCP";
  private readonly rules: ForwardingRule[];

  constructor(
    readonly endpointGroupName: string,
    readonly gcpProjectId: string,
    rules: ForwardingRuleInput[],
    readonly portMappingEnabled: boolean,
    now: number,
    pace: Pace,
    missingRules: boolean[],
    variations: EndpointVariations = {},
  ) {
    const missing = missingRules.some(Boolean);
    const missingNames = rules.filter((_, index) => missingRules[index]).map((rule) => rule.endpointName);
    super(
      "GCP",
      endpointGroupName,
      now,
      pace,
      missing ? `Forwarding rule ${missingNames.join(", ")} was not found in GCP project ${gcpProjectId}.` : undefined,
      variations,
    );
    // Rules settle one by one across the VERIFIED span; the group is AVAILABLE when the last one is.
    const settledAt = this.schedule.reachedAt(missing ? "FAILED" : "AVAILABLE")!;
    const verifiedAt = this.schedule.reachedAt("VERIFIED") ?? settledAt;
    this.rules = rules.map((rule, index) => ({
      ...rule,
      missing: missingRules[index] ?? false,
      settlesAt: missing ? settledAt : verifiedAt + ((settledAt - verifiedAt) * (index + 1)) / rules.length,
    }));
  }

  private ruleStatus(rule: ForwardingRule, now: number): "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" {
    const status = this.status(now);
    // DELETED is a group status (the spec lists it for groups only); the rules stay DELETING.
    if (status === "DELETING" || status === "DELETED") return "DELETING";
    if (now < rule.settlesAt) return "INITIATING";
    return rule.missing ? "FAILED" : "AVAILABLE";
  }

  toAtlas(now: number): Record<string, unknown> {
    return {
      ...this.common(now),
      endpointGroupName: this.endpointGroupName,
      endpoints: this.rules.map((rule) => ({
        endpointName: this.portMappingEnabled && this.variations.rulesNamedAfterGroup ? this.endpointGroupName : rule.endpointName,
        ipAddress: rule.ipAddress,
        status: this.ruleStatus(rule, now),
      })),
      gcpProjectId: this.gcpProjectId,
      portMappingEnabled: this.portMappingEnabled,
      status: this.status(now),
    };
  }
}
