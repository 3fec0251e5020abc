import type { CloudProvider } from "./cloud";
import { Cluster, ProjectClusters, regionKey, type ClusterInput } from "./clusters";
import {
  ProjectDataFederationEndpoints,
  type DataFederationEndpoint,
  type DataFederationEndpointInput,
  type EntryFate,
} from "./data-federation-endpoint";
import { EndpointService } from "./endpoint-service";
import {
  CannotCreateReplicaSetWithRegionalizedPrivatelink,
  CannotDeletePrivatelinkWithEndpoints,
  CannotDisableRegionalizedPrivatelinkWithMultipleEndpoints,
  CannotEnableRegionalizedPrivatelinkWithReplicaSets,
  ClusterNotFound,
  DataFederationPrivateEndpointNotFound,
  GroupNotFound,
  InvalidAttribute,
  NoPaymentInformationFound,
  PrivateEndpointAlreadyExists,
  PrivateEndpointNotFound,
  PrivateEndpointServiceAlreadyExistsForRegion,
  PrivateEndpointServiceNotFound,
  StreamPrivateLinkNotFound,
} from "./errors";
import { objectId } from "./ids";
import { NextOutcomes, type OutcomeKind } from "./outcomes";
import type { Pace } from "./pace";
import {
  AwsInterfaceEndpoint,
  AzurePrivateEndpoint,
  GcpEndpointGroup,
  type CreateEndpointInput,
  type EndpointVariations,
  type MissingOnCloud,
  type PrivateEndpoint,
} from "./private-endpoint";
import { ProjectStreamPrivateLinks, type StreamPrivateLink, type StreamPrivateLinkInput } from "./stream-private-link";
import type { DataFederationEndpointStatus, EndpointStatus, StreamPrivateLinkState } from "./transitions";

/** What Atlas may do to an endpoint's life beyond the recorded default; see simulator/dialect.ts. */
export type ModelVariations = {
  /** A status today's clients do not know, inserted after the first phase of one cloud's sequence. */
  extraStatus: { cloud: CloudProvider; status: string; lastsMs: number } | null;
  /** A deleted GCP endpoint answers DELETED for a while before the 404. */
  gcpDeletedBeforeGone: boolean;
  /** A port-mapped GCP endpoint lists its forwarding rule under the endpoint group's own name. */
  portMappedEndpointName: boolean;
};

export type BackendSettings = {
  /** After a create, GET of that endpoint answers 404 for this long (simulated ms). */
  eventualConsistencyMs: number;
  unpaidGroups: Set<string>;
  missingOnCloud: MissingOnCloud;
  /** Read at each create and delete, so a test can switch them between calls. */
  variations: ModelVariations;
};

export type CreateEndpointServiceInput = {
  providerName: CloudProvider;
  region: string;
  portMappingEnabled: boolean;
  supportedRemoteRegions: string[] | null;
};

export type EndpointSummary = {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
  endpointId: string;
  status: EndpointStatus;
  createdAt: number;
  availableAt: number | null;
  deleteRequested: boolean;
};

/** A Data Federation entry as the control API lists it (what Atlas holds, for "nothing left behind" checks). */
export type DataFederationEndpointSummary = {
  groupId: string;
  endpointId: string;
  provider: string;
  status: DataFederationEndpointStatus;
  comment: string | null;
  createdAt: number;
  deleteRequested: boolean;
};

/** A stream private link connection as the control API lists it. */
export type StreamPrivateLinkSummary = {
  groupId: string;
  connectionId: string;
  provider: string;
  vendor: string;
  state: StreamPrivateLinkState;
  createdAt: number;
  deleteRequested: boolean;
};

class Group {
  readonly services = new Map<string, EndpointService>();
  readonly clusters = new ProjectClusters();
  readonly dataFederationEndpoints = new ProjectDataFederationEndpoints();
  readonly streamPrivateLinks = new ProjectStreamPrivateLinks();
  /** The regionalized private endpoint setting (privateEndpoint/regionalMode); off in a new project. */
  regionalMode = false;
  constructor(readonly id: string) {}
}

/**
 * The Atlas state for private endpoints: plain classes, no HTTP. Method names follow the
 * Atlas operation ids; every failure is an AtlasError subclass. Deleted entities are swept
 * lazily on each call, at the moment their schedule says they are gone.
 */
export class AtlasBackend {
  private readonly groups = new Map<string, Group>();
  /** How the next Data Federation entries and stream links end, as a test armed it (control API). */
  readonly outcomes = new NextOutcomes();

  constructor(
    private readonly now: () => number,
    readonly pace: Pace,
    readonly settings: BackendSettings,
  ) {}

  addGroup(groupId: string): void {
    this.groups.set(groupId, new Group(groupId));
  }

  addAvailableEndpointService(groupId: string, id: string, cloud: CloudProvider, region: string, portMapping: boolean) {
    this.group(groupId).services.set(id, EndpointService.available(id, cloud, region, portMapping, this.now(), this.pace));
  }

  createPrivateEndpointService(groupId: string, input: CreateEndpointServiceInput): Record<string, unknown> {
    const group = this.group(groupId);
    const region = normalizeRegion(input.region);
    for (const service of group.services.values()) {
      if (
        service.cloudProvider === input.providerName &&
        normalizeRegion(service.regionName) === region &&
        service.portMappingEnabled === input.portMappingEnabled
      ) {
        throw new PrivateEndpointServiceAlreadyExistsForRegion(
          `A private endpoint service already exists for ${input.providerName} region ${region}.`,
          [
            { name: "providerName", value: input.providerName },
            { name: "region", value: region },
          ],
        );
      }
    }
    const createdAt = this.now();
    const service = EndpointService.initiating(
      objectId(createdAt),
      input.providerName,
      region,
      input.portMappingEnabled,
      createdAt,
      this.pace,
    );
    service.supportedRemoteRegions = input.supportedRemoteRegions;
    group.services.set(service.id, service);
    // The answer describes the service as created (INITIATING), however short that phase is at a small
    // time scale and however long a loaded machine took between the two lines above.
    return service.toAtlas(createdAt);
  }

  listPrivateEndpointServices(groupId: string, cloud: CloudProvider): Record<string, unknown>[] {
    const now = this.now();
    return [...this.group(groupId).services.values()]
      .filter((service) => service.cloudProvider === cloud)
      .map((service) => service.toAtlas(now));
  }

  getPrivateEndpointService(groupId: string, cloud: CloudProvider, serviceId: string): Record<string, unknown> {
    return this.service(groupId, cloud, serviceId).toAtlas(this.now());
  }

  updatePrivateEndpointService(groupId: string, serviceId: string, supportedRemoteRegions: string[] | null) {
    const service = this.group(groupId).services.get(serviceId);
    if (!service) throw serviceNotFound(serviceId);
    if (service.cloudProvider !== "AWS") {
      throw new InvalidAttribute(
        `Invalid attribute cloudProvider: endpoint service ${serviceId} is ${service.cloudProvider}, only AWS services can be updated.`,
        [{ name: "cloudProvider", value: service.cloudProvider }],
      );
    }
    service.supportedRemoteRegions = supportedRemoteRegions;
    return service.toAtlas(this.now());
  }

  deletePrivateEndpointService(groupId: string, cloud: CloudProvider, serviceId: string): void {
    const service = this.service(groupId, cloud, serviceId);
    if (service.endpoints.size > 0) {
      throw new CannotDeletePrivatelinkWithEndpoints(
        `A private endpoint service with endpoints cannot be deleted. Please delete all endpoints and retry.`,
        [{ name: "endpointServiceId", value: serviceId }],
      );
    }
    service.requestDeletion(this.now(), this.pace);
  }

  createPrivateEndpoint(groupId: string, cloud: CloudProvider, serviceId: string, input: CreateEndpointInput): Record<string, unknown> {
    const group = this.group(groupId);
    if (this.settings.unpaidGroups.has(groupId)) {
      throw new NoPaymentInformationFound(`No payment information was found for group ${groupId}.`, [{ name: "groupId", value: groupId }]);
    }
    const service = this.service(group.id, cloud, serviceId);
    const id = createdEndpointId(input);
    const key = endpointKey(cloud, id);
    if (service.endpoints.has(key)) {
      throw new PrivateEndpointAlreadyExists(`The private endpoint service ${serviceId} already contains an endpoint with id ${id}.`, [
        { name: "endpointServiceId", value: serviceId },
        { name: "endpointId", value: id },
      ]);
    }
    const endpoint = this.buildEndpoint(service, input);
    service.endpoints.set(key, endpoint);
    // The answer describes the endpoint as created (AWS PENDING_ACCEPTANCE, Azure/GCP INITIATING), however
    // short the first phase is at a small time scale.
    return endpoint.toAtlas(endpoint.createdAt);
  }

  getPrivateEndpoint(groupId: string, cloud: CloudProvider, serviceId: string, endpointId: string): Record<string, unknown> {
    const now = this.now();
    const endpoint = this.endpoint(groupId, cloud, serviceId, endpointId);
    if (now < endpoint.createdAt + this.pace.scaled(this.settings.eventualConsistencyMs)) throw endpointNotFound(endpointId);
    return endpoint.toAtlas(now);
  }

  deletePrivateEndpoint(groupId: string, cloud: CloudProvider, serviceId: string, endpointId: string): void {
    const endpoint = this.endpoint(groupId, cloud, serviceId, endpointId);
    // A repeated delete of an endpoint already on its way out is accepted, as Atlas does.
    if (!endpoint.isDeleting()) {
      endpoint.requestDeletion(this.now(), this.pace, cloud === "GCP" && this.settings.variations.gcpDeletedBeforeGone);
      this.group(groupId).clusters.endpointDeleted(
        serviceId,
        endpointKey(cloud, endpointId),
        endpoint.createdAt,
        this.now(),
        this.clusterUpdateMs,
      );
    }
  }

  listClusters(groupId: string): Record<string, unknown>[] {
    const now = this.now();
    return this.group(groupId)
      .clusters.all()
      .map((cluster) => cluster.toAtlas(groupId, now));
  }

  getCluster(groupId: string, name: string): Record<string, unknown> {
    return this.cluster(groupId, name).toAtlas(groupId, this.now());
  }

  /**
   * Seed and control API: a new cluster applies the AVAILABLE endpoints in its regions (UPDATING first). A project
   * in regional mode takes no replica set (the spec: "Once enabled, you cannot create replica sets").
   */
  addCluster(groupId: string, input: ClusterInput): Record<string, unknown> {
    const group = this.group(groupId);
    if (group.regionalMode && input.clusterType === "REPLICASET") {
      throw new CannotCreateReplicaSetWithRegionalizedPrivatelink(
        `Cannot create the replica set ${input.name}: group ${groupId} has regionalized private endpoints enabled, which allows only sharded clusters.`,
        [{ name: "groupId", value: groupId }],
      );
    }
    const cluster = new Cluster(input, this.now(), group.regionalMode);
    group.clusters.add(cluster);
    this.sweep(this.now());
    return cluster.toAtlas(groupId, this.now());
  }

  /** Control API: a deleted cluster is simply gone (GET answers 404). */
  removeCluster(groupId: string, name: string): void {
    this.cluster(groupId, name);
    this.group(groupId).clusters.remove(name);
  }

  /** Control API: hold a cluster UPDATING (an upgrade, say) or release it. */
  holdCluster(groupId: string, name: string, busy: boolean): Record<string, unknown> {
    const cluster = this.cluster(groupId, name);
    cluster.heldBusy = busy;
    return cluster.toAtlas(groupId, this.now());
  }

  getRegionalEndpointMode(groupId: string): { enabled: boolean } {
    return { enabled: this.group(groupId).regionalMode };
  }

  /**
   * The spec's rules: enabling needs a project without replica sets; disabling is refused while more than one
   * private endpoint sits in one region and another region has one too (which covers "more than one private
   * endpoint in more than one region"). Every endpoint still registered counts, DELETING ones included, until it is
   * gone. A change re-lists the strings of the multi-region and global sharded clusters, through UPDATING.
   */
  toggleRegionalEndpointMode(groupId: string, enabled: boolean): { enabled: boolean } {
    const group = this.group(groupId);
    if (enabled === group.regionalMode) return { enabled };
    if (enabled) {
      const replicaSets = group.clusters.replicaSets().map((cluster) => cluster.name);
      if (replicaSets.length > 0) {
        throw new CannotEnableRegionalizedPrivatelinkWithReplicaSets(
          `Regionalized private endpoints can be enabled only in a project without replica sets; group ${groupId} holds the replica sets ${replicaSets.join(", ")}.`,
          [{ name: "groupId", value: groupId }],
        );
      }
    } else {
      const perRegion = endpointsPerRegion(group);
      const crowded = [...perRegion.values()].some((count) => count > 1);
      if (crowded && perRegion.size > 1) {
        const counts = [...perRegion].map(([region, count]) => `${region} has ${count}`).join(", ");
        throw new CannotDisableRegionalizedPrivatelinkWithMultipleEndpoints(
          `Regionalized private endpoints cannot be disabled while a region has more than one private endpoint and other regions have private endpoints too (${counts}); delete endpoints until one region holds them all or each region holds at most one.`,
          [{ name: "groupId", value: groupId }],
        );
      }
    }
    group.regionalMode = enabled;
    group.clusters.regionalModeChanged(enabled, this.now(), this.clusterUpdateMs);
    return { enabled };
  }

  listPrivateEndpointIds(groupId: string): Record<string, unknown>[] {
    const now = this.now();
    return this.group(groupId)
      .dataFederationEndpoints.all()
      .map((entry) => entry.toAtlas(now));
  }

  /** The spec's upsert (see ProjectDataFederationEndpoints.upsert); answers the project's whole list. */
  createPrivateEndpointId(groupId: string, input: DataFederationEndpointInput): Record<string, unknown>[] {
    const group = this.group(groupId);
    group.dataFederationEndpoints.upsert(input, this.now(), this.pace, () => this.entryFate(input));
    return this.listPrivateEndpointIds(groupId);
  }

  getPrivateEndpointId(groupId: string, endpointId: string): Record<string, unknown> {
    return this.dataFederationEndpoint(groupId, endpointId).toAtlas(this.now());
  }

  deletePrivateEndpointId(groupId: string, endpointId: string): void {
    this.dataFederationEndpoint(groupId, endpointId).requestDeletion(this.now(), this.pace);
  }

  listPrivateLinkConnections(groupId: string): Record<string, unknown>[] {
    const now = this.now();
    return this.group(groupId)
      .streamPrivateLinks.all()
      .map((connection) => connection.toAtlas(now));
  }

  createPrivateLinkConnection(groupId: string, input: StreamPrivateLinkInput): Record<string, unknown> {
    const group = this.group(groupId);
    const createdAt = this.now();
    const connection = group.streamPrivateLinks.create(input, createdAt, this.pace, () => fateOf(this.outcomes, "streamPrivateLink"));
    // The answer describes the connection as created (IDLE), however short that phase is at a small time scale.
    return connection.toAtlas(createdAt);
  }

  getPrivateLinkConnection(groupId: string, connectionId: string): Record<string, unknown> {
    return this.streamPrivateLink(groupId, connectionId).toAtlas(this.now());
  }

  deletePrivateLinkConnection(groupId: string, connectionId: string): void {
    this.streamPrivateLink(groupId, connectionId).requestDeletion(this.now(), this.pace);
  }

  /** Every project's regional mode, for the control API. */
  listRegionalModes(): { groupId: string; enabled: boolean }[] {
    return [...this.groups.values()].map((group) => ({ groupId: group.id, enabled: group.regionalMode }));
  }

  /** Every Data Federation entry still present, for the control API. */
  listAllDataFederationEndpoints(): DataFederationEndpointSummary[] {
    const now = this.now();
    this.sweep(now);
    return [...this.groups.values()].flatMap((group) =>
      group.dataFederationEndpoints.all().map((entry) => ({
        groupId: group.id,
        endpointId: entry.endpointId,
        provider: entry.input.provider,
        status: entry.status(now),
        comment: entry.comment ?? null,
        createdAt: entry.createdAt,
        deleteRequested: entry.isDeleting(),
      })),
    );
  }

  /** Every stream private link connection still present, for the control API. */
  listAllStreamPrivateLinks(): StreamPrivateLinkSummary[] {
    const now = this.now();
    this.sweep(now);
    return [...this.groups.values()].flatMap((group) =>
      group.streamPrivateLinks.all().map((connection) => ({
        groupId: group.id,
        connectionId: connection.id,
        provider: connection.input.provider,
        vendor: connection.input.vendor,
        state: connection.state(now),
        createdAt: connection.createdAt,
        deleteRequested: connection.isDeleting(),
      })),
    );
  }

  /** An armed outcome first; else an id the cloud does not have (missingOnCloud) fails, as endpoints do. */
  private entryFate(input: DataFederationEndpointInput): EntryFate {
    const armed = fateOf(this.outcomes, "dataFederationEndpoint");
    if (armed !== "normal") return armed;
    if (this.settings.missingOnCloud(input.provider, input.endpointId)) {
      return { failureMessage: `Private endpoint ${input.endpointId} was not found in ${input.provider}.` };
    }
    return "normal";
  }

  private dataFederationEndpoint(groupId: string, endpointId: string): DataFederationEndpoint {
    const entry = this.group(groupId).dataFederationEndpoints.get(endpointId);
    if (!entry)
      throw new DataFederationPrivateEndpointNotFound(`No private endpoint with ID ${endpointId} exists in group ${groupId}.`, [
        { name: "endpointId", value: endpointId },
      ]);
    return entry;
  }

  private streamPrivateLink(groupId: string, connectionId: string): StreamPrivateLink {
    const connection = this.group(groupId).streamPrivateLinks.get(connectionId);
    if (!connection)
      throw new StreamPrivateLinkNotFound(`No private link connection with ID ${connectionId} exists in group ${groupId}.`, [
        { name: "connectionId", value: connectionId },
      ]);
    return connection;
  }

  private cluster(groupId: string, name: string): Cluster {
    const cluster = this.group(groupId).clusters.get(name);
    if (!cluster)
      throw new ClusterNotFound(`No cluster named ${name} exists in group ${groupId}.`, [
        { name: "clusterName", value: name },
        { name: "groupId", value: groupId },
      ]);
    return cluster;
  }

  private readonly clusterUpdateMs = () => this.pace.durationOf("clusterUpdateMs");

  /** Every endpoint still present, for the control API. */
  listAllEndpoints(): EndpointSummary[] {
    const now = this.now();
    this.sweep(now);
    const summaries: EndpointSummary[] = [];
    for (const group of this.groups.values()) {
      for (const service of group.services.values()) {
        for (const endpoint of service.endpoints.values()) {
          summaries.push({
            groupId: group.id,
            cloudProvider: endpoint.cloudProvider,
            endpointServiceId: service.id,
            endpointId: endpoint.endpointId,
            status: endpoint.status(now),
            createdAt: endpoint.createdAt,
            availableAt: endpoint.availableAt(now),
            deleteRequested: endpoint.deleteRequested,
          });
        }
      }
    }
    return summaries;
  }

  private buildEndpoint(service: EndpointService, input: CreateEndpointInput): PrivateEndpoint {
    const now = this.now();
    const missing = this.settings.missingOnCloud;
    const { extraStatus, portMappedEndpointName } = this.settings.variations;
    const variations: EndpointVariations = {
      insertedStatus: extraStatus?.cloud === input.cloudProvider ? { status: extraStatus.status, lastsMs: extraStatus.lastsMs } : undefined,
      rulesNamedAfterGroup: portMappedEndpointName,
    };
    switch (input.cloudProvider) {
      case "AWS":
        return new AwsInterfaceEndpoint(input.id, now, this.pace, missing("AWS", input.id), variations);
      case "AZURE":
        return new AzurePrivateEndpoint(input.id, input.privateEndpointIPAddress, now, this.pace, missing("AZURE", input.id), variations);
      case "GCP": {
        if (service.portMappingEnabled && input.endpoints.length !== 1) {
          throw new InvalidAttribute(
            `Invalid attribute endpoints specified: the port-mapped endpoint service ${service.id} accepts exactly one endpoint, got ${input.endpoints.length}.`,
            [{ name: "endpoints", value: input.endpoints.length }],
          );
        }
        const groupMissing = missing("GCP", input.endpointGroupName);
        const missingRules = input.endpoints.map((rule) => groupMissing || missing("GCP", rule.endpointName));
        return new GcpEndpointGroup(
          input.endpointGroupName,
          input.gcpProjectId,
          input.endpoints,
          service.portMappingEnabled,
          now,
          this.pace,
          missingRules,
          variations,
        );
      }
      default:
        return input satisfies never;
    }
  }

  private sweep(now: number): void {
    for (const group of this.groups.values()) {
      // Before services drop deleted endpoints: clusters learn of every endpoint that became AVAILABLE.
      group.clusters.observe(group.services.values(), now, this.clusterUpdateMs);
      for (const [id, service] of group.services) {
        service.sweep(now);
        if (service.isGone(now)) group.services.delete(id);
      }
      group.dataFederationEndpoints.sweep(now);
      group.streamPrivateLinks.sweep(now);
    }
  }

  private group(groupId: string): Group {
    this.sweep(this.now());
    const group = this.groups.get(groupId);
    if (!group) throw new GroupNotFound(`No group with ID ${groupId} exists.`, [{ name: "groupId", value: groupId }]);
    return group;
  }

  private service(groupId: string, cloud: CloudProvider, serviceId: string): EndpointService {
    const service = this.group(groupId).services.get(serviceId);
    if (!service || service.cloudProvider !== cloud) throw serviceNotFound(serviceId, cloud);
    return service;
  }

  private endpoint(groupId: string, cloud: CloudProvider, serviceId: string, endpointId: string): PrivateEndpoint {
    const endpoint = this.service(groupId, cloud, serviceId).endpoints.get(endpointKey(cloud, endpointId));
    if (!endpoint) throw endpointNotFound(endpointId);
    return endpoint;
  }
}

/** How many endpoints each (cloud, region) of the project holds, services of one region counted together. */
function endpointsPerRegion(group: Group): Map<string, number> {
  const counts = new Map<string, number>();
  for (const service of group.services.values()) {
    if (service.endpoints.size === 0) continue;
    const key = regionKey(service.cloudProvider, service.regionName);
    counts.set(key, (counts.get(key) ?? 0) + service.endpoints.size);
  }
  return counts;
}

/** The armed outcome for the next entity of a kind, as the fate its constructor takes. */
function fateOf(outcomes: NextOutcomes, kind: OutcomeKind): { failureMessage: string } | { held: true } | "normal" {
  const outcome = outcomes.take(kind);
  if (!outcome) return "normal";
  if (outcome.status === "HELD") return { held: true };
  return { failureMessage: outcome.errorMessage ?? "Injected failure (simulator control)." };
}

/** Azure resource ids are case-insensitive (resourceGroups == resourcegroups); vpce ids are lower-case hex. */
export function endpointKey(cloud: CloudProvider, id: string): string {
  switch (cloud) {
    case "AWS":
    case "AZURE":
      return id.toLowerCase();
    case "GCP":
      return id;
    default:
      return cloud satisfies never;
  }
}

function createdEndpointId(input: CreateEndpointInput): string {
  switch (input.cloudProvider) {
    case "AWS":
    case "AZURE":
      return input.id;
    case "GCP":
      return input.endpointGroupName;
    default:
      return input satisfies never;
  }
}

function normalizeRegion(region: string): string {
  return region.toUpperCase().replace(/-/g, "_");
}

function serviceNotFound(serviceId: string, cloud?: CloudProvider) {
  return new PrivateEndpointServiceNotFound(
    `No private endpoint service with ID ${serviceId}${cloud ? ` exists for cloud provider ${cloud}` : " exists"}.`,
    [{ name: "endpointServiceId", value: serviceId }],
  );
}

function endpointNotFound(endpointId: string) {
  return new PrivateEndpointNotFound(`No private endpoint with ID ${endpointId} exists.`, [{ name: "endpointId", value: endpointId }]);
}
