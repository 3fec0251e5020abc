import { z } from "zod";
import { type Assignable, nullsAsAbsent, pageOf } from "./schemas";

/**
 * Cluster reads, version 2024-08-05 (the newest the GETs offer in
 * ../shared/atlas-openapi/clusters.openapi.json). Only what the endpoint resource needs is typed;
 * everything else is kept (loose objects), `null` reads as absent, and `stateName` is any string so
 * a state Atlas adds later is seen, not a parse failure.
 */
export const CLUSTER_MEDIA_TYPE = "application/vnd.atlas.2024-08-05+json";

/** The states the extract lists; others may come and are passed through as strings. */
export type KnownClusterState = "IDLE" | "CREATING" | "UPDATING" | "DELETING" | "REPAIRING";

export interface ClusterPrivateEndpointRef {
  endpointId?: string;
  providerName?: string;
  region?: string;
}

export interface ClusterPrivateEndpointStrings {
  connectionString?: string;
  srvConnectionString?: string;
  srvShardOptimizedConnectionString?: string;
  /** MONGOD or MONGOS (others kept). */
  type?: string;
  endpoints?: ClusterPrivateEndpointRef[];
}

export interface ClusterRegionConfig {
  providerName?: string;
  regionName?: string;
  /** For a TENANT (shared tier) config: the cloud that backs it. */
  backingProviderName?: string;
}

export interface Cluster {
  name: string;
  /** REPLICASET, SHARDED or GEOSHARDED (others kept): regional mode changes the strings of sharded multi-region ones. */
  clusterType?: string;
  stateName?: KnownClusterState | (string & {});
  paused?: boolean;
  replicationSpecs?: { regionConfigs?: ClusterRegionConfig[] }[];
  connectionStrings?: { privateEndpoint?: ClusterPrivateEndpointStrings[] };
}

const endpointRef = z.looseObject({
  endpointId: z.string().optional(),
  providerName: z.string().optional(),
  region: z.string().optional(),
});

const privateEndpointStrings = z.looseObject({
  connectionString: z.string().optional(),
  srvConnectionString: z.string().optional(),
  srvShardOptimizedConnectionString: z.string().optional(),
  type: z.string().optional(),
  endpoints: z.array(endpointRef).optional(),
});

const cluster = z.looseObject({
  name: z.string(),
  clusterType: z.string().optional(),
  stateName: z.string().optional(),
  paused: z.boolean().optional(),
  replicationSpecs: z
    .array(
      z.looseObject({
        regionConfigs: z
          .array(
            z.looseObject({
              providerName: z.string().optional(),
              regionName: z.string().optional(),
              backingProviderName: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  connectionStrings: z.looseObject({ privateEndpoint: z.array(privateEndpointStrings).optional() }).optional(),
});

export const clusterSchema = nullsAsAbsent(cluster);

export const clusterPageSchema = pageOf(cluster);

export type _ClusterSchemaChecks = [Assignable<Cluster, z.output<typeof clusterSchema>>];
