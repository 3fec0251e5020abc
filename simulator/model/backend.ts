import type { CloudProvider } from "./cloud";
import { Cluster, ProjectClusters, type ClusterInput } from "./clusters";
import { EndpointService } from "./endpoint-service";
import {
  CannotDeletePrivatelinkWithEndpoints,
  ClusterNotFound,
  GroupNotFound,
  InvalidAttribute,
  NoPaymentInformationFound,
  PrivateEndpointAlreadyExists,
  PrivateEndpointNotFound,
  PrivateEndpointServiceAlreadyExistsForRegion,
  PrivateEndpointServiceNotFound,
} from "./errors";
import { objectId } from "./ids";
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
import type { EndpointStatus } from "./transitions";

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

class Group {
  readonly services = new Map<string, EndpointService>();
  readonly clusters = new ProjectClusters();
  constructor(readonly id: string) {}
}

/**
 * The Atlas state for private endpoints: plain classes, no HTTP. Method names follow the
 * Atlas operation ids; every failure is an AtlasError subclass. Deleted entities are swept
 * lazily on each call, at the moment their schedule says they are gone.
 */
export class AtlasBackend {
  private readonly groups = new Map<string, Group>();

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

  /** Seed and control API: a new cluster applies the AVAILABLE endpoints in its regions (UPDATING first). */
  addCluster(groupId: string, input: ClusterInput): Record<string, unknown> {
    const group = this.group(groupId);
    const cluster = new Cluster(input, this.now());
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
