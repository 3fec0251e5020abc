/** What a RegionalMode records in state, and the one converter from Atlas's answer to it. */
import type { Cluster, ClusterPrivateEndpointStrings } from "../client";
import { plainJson } from "../vocabulary/state";
import type { Timeouts } from "../vocabulary/time";
import { connectionStringOf, type PrivateConnectionString } from "../waiting/cluster-waits";
import type { RegionalModeRef } from "./ids";
import type { ResolvedRegionalModeInputs } from "./inputs";

/** One endpoint a connection string goes through, as the cluster lists it. */
export interface ConnectionStringEndpoint {
  endpointId?: string;
  /** AWS, AZURE or GCP. */
  providerName?: string;
  /** Atlas's region name, e.g. US_EAST_1. */
  region?: string;
}

/**
 * How to reach one cluster through private endpoints, as PrivateEndpoint outputs it, plus the
 * endpoints (and so the regions) it goes through: with regional mode on, a multi-region or global
 * sharded cluster lists one string per region, each reaching that region's mongos.
 */
export interface RegionalConnectionString extends PrivateConnectionString {
  endpoints?: ConnectionStringEndpoint[];
}

/**
 * Everything a RegionalMode records in state: the inputs, the setting as Atlas last had it, what
 * destroy puts back, and the clusters' strings. Plain JSON: an absent field is omitted.
 */
export interface RegionalModeOutputs {
  groupId: string;
  /** The setting as Atlas last answered it (the declared value until Atlas was read). */
  enabled: boolean;
  restoreOnDestroy: boolean;
  timeouts?: Timeouts;
  /** The setting before this resource first changed it: what destroy puts back when restoreOnDestroy is true. */
  previous: boolean;
  /** Every private connection string of the project's clusters, once they have applied the setting. */
  privateConnectionStrings?: RegionalConnectionString[];
  /** True when Atlas already had the declared setting at create, so the create changed nothing. */
  adopted: boolean;
}

/** A cluster's `connectionStrings.privateEndpoint[]` entry, with the endpoints it goes through. */
export function regionalStringOf(cluster: Cluster, entry: ClusterPrivateEndpointStrings): RegionalConnectionString {
  return {
    ...connectionStringOf(cluster, entry),
    endpoints: entry.endpoints?.map(({ endpointId, providerName, region }) => ({ endpointId, providerName, region })),
  };
}

/** Every private connection string the project's clusters list now. */
export function projectConnectionStrings(clusters: Cluster[]): RegionalConnectionString[] {
  return clusters.flatMap((cluster) => (cluster.connectionStrings?.privateEndpoint ?? []).map((entry) => regionalStringOf(cluster, entry)));
}

/** The connection strings a record holds (undefined when it holds none). */
export function recordedStrings(recorded: unknown): RegionalConnectionString[] | undefined {
  if (!Array.isArray(recorded)) return undefined;
  return recorded.filter((entry): entry is RegionalConnectionString => typeof entry?.clusterName === "string");
}

/** The one place an answer becomes outputs. `setting` is undefined when Atlas was not read. */
export function toOutputs(
  inputs: ResolvedRegionalModeInputs,
  setting: { enabled: boolean } | undefined,
  previous: boolean,
  adopted: boolean,
  privateConnectionStrings?: RegionalConnectionString[],
): RegionalModeOutputs {
  return plainJson({
    groupId: inputs.groupId,
    enabled: setting?.enabled ?? inputs.enabled,
    restoreOnDestroy: inputs.restoreOnDestroy,
    timeouts: inputs.timeouts,
    previous,
    privateConnectionStrings,
    adopted,
  } satisfies RegionalModeOutputs);
}

/**
 * What a create found, and so what destroy puts back: Atlas's answer when it was read (the ref
 * carries it), else what a flag's two values leave: a create changes the setting only when Atlas
 * had the other value, so adopted means the declared value and not adopted the other one.
 */
export function previousOf(inputs: ResolvedRegionalModeInputs, placed: { ref: RegionalModeRef | undefined; adopted: boolean }): boolean {
  return placed.ref?.previous ?? (placed.adopted ? inputs.enabled : !inputs.enabled);
}

/** The converter as create calls it. */
export function outputsOf(
  inputs: ResolvedRegionalModeInputs,
  setting: { enabled: boolean } | undefined,
  placed: { ref: RegionalModeRef | undefined; adopted: boolean },
): RegionalModeOutputs {
  return toOutputs(inputs, setting, previousOf(inputs, placed), placed.adopted);
}
