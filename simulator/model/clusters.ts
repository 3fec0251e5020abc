import type { CloudProvider } from "./cloud";
import { randomHex } from "./ids";

/** Where a cluster has nodes: one entry per region config. */
export type ClusterRegion = { providerName: CloudProvider; regionName: string };

export type ClusterInput = {
  name: string;
  regions: ClusterRegion[];
  /**
   * REPLICASET (mongod strings), SHARDED or GEOSHARDED (a global cluster; both mongos strings, plus the
   * shard-optimized SRV string).
   */
  clusterType: "REPLICASET" | "SHARDED" | "GEOSHARDED";
};

/** What the cluster knows about one endpoint of its project, as the backend tells it. */
export type EndpointNotice = {
  /** Unique in the project: service id, endpoint key and creation moment (see applicationKey). */
  key: string;
  endpointId: string;
  providerName: CloudProvider;
  region: string;
};

type Applied = EndpointNotice & { appliesAt: number; removedAt: number | undefined; index: number };

/** Atlas writes regions as US_EAST_1; accept us-east-1 too. */
export function normalizeRegion(region: string): string {
  return region.toUpperCase().replace(/-/g, "_");
}

/** One (cloud, region) pair, however the region was spelled. */
export function regionKey(cloud: CloudProvider, region: string): string {
  return `${cloud}:${normalizeRegion(region)}`;
}

/**
 * An Atlas cluster as far as private endpoints go: where its nodes are, whether it is busy, and the
 * private-endpoint connection strings it lists. Like endpoints, its state is computed from
 * moments laid out when something happens (an endpoint became AVAILABLE or was deleted, the project's regional
 * mode changed): UPDATING for `updateMs` from each such moment, IDLE otherwise, or UPDATING while held busy.
 */
export class Cluster {
  readonly id = randomHex(24);
  private readonly hostSuffix = randomHex(5);
  private readonly applied = new Map<string, Applied>();
  private readonly updating: { from: number; to: number }[] = [];
  /** The project's regional mode as this cluster's strings follow it: each change applies from its moment. */
  private readonly regionalModes: { enabled: boolean; from: number }[];
  private nextIndex = 0;
  /** Held UPDATING (an upgrade, say) until released through the control API. */
  heldBusy = false;

  constructor(
    readonly input: ClusterInput,
    readonly createdAt: number,
    regionalMode = false,
  ) {
    this.regionalModes = [{ enabled: regionalMode, from: -Infinity }];
  }

  get name(): string {
    return this.input.name;
  }

  /** Where the nodes are, each (cloud, region) once, in the order the cluster lists them. */
  get regions(): ClusterRegion[] {
    const seen = new Set<string>();
    return this.input.regions.filter((region) => {
      const key = regionKey(region.providerName, region.regionName);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * Multi-region and global sharded clusters are the ones whose strings regional mode changes (the spec:
   * "Connection strings to existing multi-region and global sharded clusters change when you enable this setting").
   */
  get followsRegionalMode(): boolean {
    return this.input.clusterType !== "REPLICASET" && this.regions.length > 1;
  }

  /** The project's regional mode changed at `at`: a cluster it concerns re-lists its strings, UPDATING for `updateMs`. */
  regionalModeChanged(enabled: boolean, at: number, updateMs: number): void {
    if (!this.followsRegionalMode) {
      this.regionalModes.push({ enabled, from: at });
      return;
    }
    this.regionalModes.push({ enabled, from: at + updateMs });
    this.updating.push({ from: at, to: at + updateMs });
  }

  private regionalAt(now: number): boolean {
    let enabled = false;
    for (const mode of this.regionalModes) if (mode.from <= now) enabled = mode.enabled;
    return enabled;
  }

  hasNodesIn(cloud: CloudProvider, region: string): boolean {
    return this.input.regions.some((r) => r.providerName === cloud && normalizeRegion(r.regionName) === normalizeRegion(region));
  }

  knows(key: string): boolean {
    return this.applied.has(key);
  }

  /** An endpoint in one of the cluster's regions became AVAILABLE at `at`: apply it, UPDATING for `updateMs`. */
  applyEndpoint(notice: EndpointNotice, at: number, updateMs: number): void {
    if (this.applied.has(notice.key)) return;
    this.applied.set(notice.key, { ...notice, appliesAt: at + updateMs, removedAt: undefined, index: this.nextIndex++ });
    this.updating.push({ from: at, to: at + updateMs });
  }

  /** The endpoint is being deleted: its entry goes, again through UPDATING. */
  removeEndpoint(key: string, at: number, updateMs: number): void {
    const entry = this.applied.get(key);
    if (!entry || entry.removedAt !== undefined) return;
    entry.removedAt = at + updateMs;
    this.updating.push({ from: at, to: at + updateMs });
  }

  stateName(now: number): "IDLE" | "UPDATING" {
    if (this.heldBusy) return "UPDATING";
    return this.updating.some((window) => window.from <= now && now < window.to) ? "UPDATING" : "IDLE";
  }

  /**
   * `connectionStrings.privateEndpoint`. Regional mode on, a multi-region or global sharded cluster lists one
   * region-specific string per endpoint, each reaching the mongos of its endpoint's region (Atlas's docs: "Each
   * regional private endpoint connects to the mongos instances in that region"). Otherwise the k-th string joins the
   * k-th endpoint of every region the cluster has nodes in, so a multi-region cluster lists none until each of its
   * regions has one (the spec: "only if you deployed a private endpoint to all regions to which you deployed this
   * clusters' nodes"); a single-region cluster lists one string per endpoint.
   */
  private privateEndpoints(now: number): Record<string, unknown>[] {
    const listed = [...this.applied.values()].filter(
      (entry) => entry.appliesAt <= now && (entry.removedAt === undefined || now < entry.removedAt),
    );
    const name = this.name.toLowerCase();
    if (this.followsRegionalMode && this.regionalAt(now)) {
      return listed.map((entry) => this.connection([entry], `${name}-pl-${entry.index}-${entry.region.toLowerCase().replace(/_/g, "-")}`));
    }
    const byRegion = this.regions.map((region) =>
      listed.filter((entry) => regionKey(entry.providerName, entry.region) === regionKey(region.providerName, region.regionName)),
    );
    const count = Math.min(...byRegion.map((entries) => entries.length));
    return Array.from({ length: count }, (_, k) => {
      const entries = byRegion.map((inRegion) => inRegion[k]!);
      return this.connection(entries, `${name}-pl-${entries[0]!.index}`);
    });
  }

  private connection(entries: Applied[], label: string): Record<string, unknown> {
    const sharded = this.input.clusterType !== "REPLICASET";
    const pl = `${label}.${this.hostSuffix}.mongodb.net`;
    const hosts = sharded ? [`${pl}:1024`, `${pl}:1025`] : [`${pl}:1024`, `${pl}:1025`, `${pl}:1026`];
    return {
      connectionString: `mongodb://${hosts.join(",")}/?ssl=true&authSource=admin${sharded ? "" : `&replicaSet=atlas-${this.hostSuffix}-shard-0`}`,
      endpoints: entries.map((entry) => ({ endpointId: entry.endpointId, providerName: entry.providerName, region: entry.region })),
      srvConnectionString: `mongodb+srv://${pl}`,
      ...(sharded ? { srvShardOptimizedConnectionString: `mongodb+srv://${label}-lb.${this.hostSuffix}.mongodb.net` } : {}),
      type: sharded ? "MONGOS" : "MONGOD",
    };
  }

  /** The 2024-08-05 ClusterDescription, trimmed to fields the simulator can fill truthfully. */
  toAtlas(groupId: string, now: number): Record<string, unknown> {
    const host = `${this.name.toLowerCase()}.${this.hostSuffix}.mongodb.net`;
    const privateEndpoint = this.privateEndpoints(now);
    return {
      clusterType: this.input.clusterType,
      connectionStrings: {
        privateEndpoint,
        standard: `mongodb://${host}:27017/?ssl=true&authSource=admin`,
        standardSrv: `mongodb+srv://${host}`,
      },
      createDate: new Date(this.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      groupId,
      id: this.id,
      mongoDBMajorVersion: "8.0",
      mongoDBVersion: "8.0.4",
      name: this.name,
      paused: false,
      replicationSpecs: [
        {
          id: randomFrom(this.id, 1),
          // No hardware specs: the provider never reads them, and they are per-cloud oneOfs without a discriminator.
          regionConfigs: this.input.regions.map((region, index) => ({
            priority: 7 - index,
            providerName: region.providerName,
            regionName: normalizeRegion(region.regionName),
          })),
          zoneId: randomFrom(this.id, 2),
          zoneName: "Zone 1",
        },
      ],
      stateName: this.stateName(now),
    };
  }
}

/** A stable 24-hex id derived from another (replication spec and zone ids). */
function randomFrom(id: string, salt: number): string {
  return (id.slice(salt) + id.slice(0, salt)).slice(0, 24);
}

/** What the clusters need to see of an endpoint service (kept structural: no import cycle with the backend). */
export type ServiceView = {
  id: string;
  cloudProvider: CloudProvider;
  regionName: string;
  endpoints: Map<string, { endpointId: string; createdAt: number; availableAt(now: number): number | null }>;
};

/** A project's clusters, by name, and how they follow the project's endpoints. */
export class ProjectClusters {
  private readonly byName = new Map<string, Cluster>();

  add(cluster: Cluster): void {
    this.byName.set(cluster.name, cluster);
  }

  remove(name: string): boolean {
    return this.byName.delete(name);
  }

  get(name: string): Cluster | undefined {
    return this.byName.get(name);
  }

  all(): Cluster[] {
    return [...this.byName.values()];
  }

  /** The project's replica sets: while there are any, regional mode cannot be enabled. */
  replicaSets(): Cluster[] {
    return this.all().filter((cluster) => cluster.input.clusterType === "REPLICASET");
  }

  regionalModeChanged(enabled: boolean, now: number, updateMs: () => number): void {
    for (const cluster of this.byName.values()) cluster.regionalModeChanged(enabled, now, updateMs());
  }

  /**
   * Every endpoint that has become AVAILABLE is applied by each cluster with nodes in its service's
   * cloud and region, from the exact moment it became AVAILABLE (the moment is computed, so a late
   * look gives the same answer as a timely one).
   */
  observe(services: Iterable<ServiceView>, now: number, updateMs: () => number): void {
    for (const service of services) {
      for (const [endpointKey, endpoint] of service.endpoints) {
        const availableAt = endpoint.availableAt(now);
        if (availableAt === null) continue;
        const key = applicationKey(service.id, endpointKey, endpoint.createdAt);
        for (const cluster of this.byName.values()) {
          if (cluster.knows(key) || !cluster.hasNodesIn(service.cloudProvider, service.regionName)) continue;
          // A cluster added after the endpoint became AVAILABLE applies it from its own creation.
          const at = Math.max(availableAt, cluster.createdAt);
          cluster.applyEndpoint(
            { key, endpointId: endpoint.endpointId, providerName: service.cloudProvider, region: normalizeRegion(service.regionName) },
            at,
            updateMs(),
          );
        }
      }
    }
  }

  endpointDeleted(serviceId: string, endpointKey: string, createdAt: number, now: number, updateMs: () => number): void {
    for (const cluster of this.byName.values()) cluster.removeEndpoint(applicationKey(serviceId, endpointKey, createdAt), now, updateMs());
  }
}

/**
 * One endpoint's life, not just its id: an endpoint deleted and registered again with the same id
 * (a recovered destroy, a replace) is a new endpoint the clusters apply again.
 */
function applicationKey(serviceId: string, endpointKey: string, createdAt: number): string {
  return `${serviceId}/${endpointKey}@${createdAt}`;
}
