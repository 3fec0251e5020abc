import { randomUUID } from "node:crypto";
import type { ClusterInput } from "./model/clusters";
import { randomHex, randomToken } from "./model/ids";

/**
 * The seed line printed by the CLI: the seeded project, one AVAILABLE endpoint service per cloud, credentials, and a
 * second, sharded-only project.
 */
export type SimulatorSeed = {
  baseUrl: string;
  groupId: string;
  endpointServices: { AWS: string; AZURE: string; GCP: string; GCP_PORT_MAPPED: string };
  apiKey: { publicKey: string; privateKey: string };
  readOnlyApiKey: { publicKey: string; privateKey: string };
  serviceAccount: { clientId: string; clientSecret: string };
  /** Not in the line, added so the 403 path can be exercised with OAuth too. */
  readOnlyServiceAccount: { clientId: string; clientSecret: string };
  /** The default project's clusters (names and where their nodes are), see SEEDED_CLUSTERS. */
  clusters: ClusterInput[];
  /**
   * A second project holding only sharded clusters, so regional mode can be enabled in it (the default project has
   * replica sets): one AVAILABLE AWS endpoint service in each of its two regions.
   */
  shardedProject: { groupId: string; endpointServices: { US_EAST_1: string; US_WEST_2: string } };
  /** The sharded project's clusters, see SEEDED_SHARDED_CLUSTERS. */
  shardedClusters: ClusterInput[];
};

export type SeedValues = Omit<SimulatorSeed, "baseUrl" | "clusters" | "shardedClusters">;

export const SEEDED_REGIONS = { AWS: "US_EAST_1", AZURE: "US_EAST_2", GCP: "CENTRAL_US", GCP_PORT_MAPPED: "CENTRAL_US" } as const;

/**
 * The default project's clusters: two with nodes in the AWS service's region (a replica set and a
 * sharded cluster, so both string types show), one in the GCP services' region, one where no
 * seeded service is (it never lists an endpoint).
 */
export const SEEDED_CLUSTERS: ClusterInput[] = [
  { name: "orders", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: SEEDED_REGIONS.AWS }] },
  { name: "analytics", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: SEEDED_REGIONS.AWS }] },
  { name: "inventory", clusterType: "REPLICASET", regions: [{ providerName: "GCP", regionName: SEEDED_REGIONS.GCP }] },
  { name: "archive", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "EU_WEST_1" }] },
];

/**
 * The sharded project's clusters: a multi-region sharded cluster and a global (GEOSHARDED) one across the two
 * regions of its services, whose private strings regional mode changes, and a single-region sharded one, whose
 * strings it leaves alone.
 */
export const SEEDED_SHARDED_CLUSTERS: ClusterInput[] = [
  {
    name: "events",
    clusterType: "SHARDED",
    regions: [
      { providerName: "AWS", regionName: "US_EAST_1" },
      { providerName: "AWS", regionName: "US_WEST_2" },
    ],
  },
  {
    name: "worldwide",
    clusterType: "GEOSHARDED",
    regions: [
      { providerName: "AWS", regionName: "US_EAST_1" },
      { providerName: "AWS", regionName: "US_WEST_2" },
    ],
  },
  { name: "metrics", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "US_EAST_1" }] },
];

export function createSeedValues(given: Partial<SeedValues> = {}): SeedValues {
  return {
    groupId: given.groupId ?? randomHex(24),
    endpointServices: given.endpointServices ?? {
      AWS: randomHex(24),
      AZURE: randomHex(24),
      GCP: randomHex(24),
      GCP_PORT_MAPPED: randomHex(24),
    },
    shardedProject: given.shardedProject ?? {
      groupId: randomHex(24),
      endpointServices: { US_EAST_1: randomHex(24), US_WEST_2: randomHex(24) },
    },
    apiKey: given.apiKey ?? { publicKey: randomLower(8), privateKey: randomUuid() },
    readOnlyApiKey: given.readOnlyApiKey ?? { publicKey: randomLower(8), privateKey: randomUuid() },
    serviceAccount: given.serviceAccount ?? { clientId: `mdb_sa_id_${randomHex(24)}`, clientSecret: `mdb_sa_sk_${randomToken(30)}` },
    readOnlyServiceAccount: given.readOnlyServiceAccount ?? {
      clientId: `mdb_sa_id_${randomHex(24)}`,
      clientSecret: `mdb_sa_sk_${randomToken(30)}`,
    },
  };
}

function randomLower(length: number): string {
  return Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
}

function randomUuid(): string {
  return randomUUID();
}
