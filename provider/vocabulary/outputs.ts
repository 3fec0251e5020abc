import type { CloudProvider, EndpointStatusView } from "./clouds";
import type { ResolvedInputs } from "./inputs";
import type { DurationInput } from "./time";

/** A GCP forwarding rule as Atlas reports it. */
export interface ForwardingRuleOutput {
  endpointName: string;
  ipAddress: string;
  /** INITIATING, AVAILABLE, FAILED or DELETING; absent until Atlas reports one. */
  status?: string;
}

/** How to reach one cluster through this endpoint, as Atlas lists it (no credentials in it). */
export interface PrivateConnectionString {
  clusterName: string;
  /** MONGOD (replica set) or MONGOS (sharded). */
  type?: string;
  connectionString?: string;
  srvConnectionString?: string;
  /** Sharded clusters, where Atlas gives one. */
  srvShardOptimizedConnectionString?: string;
}

/**
 * Everything a PrivateEndpoint records in state: the inputs (so diff and read have them) and what
 * Atlas reports. Plain JSON: an absent field is omitted, never `undefined`.
 */
export interface PrivateEndpointOutputs {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
  endpointId?: string;
  privateEndpointIPAddress?: string;
  gcpProjectId?: string;
  endpointGroupName?: string;
  endpoints?: ForwardingRuleOutput[];
  timeouts?: { create?: DurationInput; delete?: DurationInput };
  deleteOnCreateTimeout: boolean;
  adoptExisting: boolean;
  waitForClusters?: boolean | string[];
  /** One entry per cluster reached through this endpoint, once the clusters have applied it. */
  privateConnectionStrings?: PrivateConnectionString[];
  connectionStatus?: string;
  status?: string;
  interfaceEndpointId?: string;
  privateEndpointConnectionName?: string;
  privateEndpointResourceId?: string;
  portMappingEnabled?: boolean;
  errorMessage?: string;
  deleteRequested?: boolean;
  adopted: boolean;
}

/** The fields of an Atlas endpoint response that become outputs (any cloud). */
export interface AtlasEndpointView extends EndpointStatusView {
  interfaceEndpointId?: string;
  privateEndpointConnectionName?: string;
  privateEndpointIPAddress?: string;
  privateEndpointResourceId?: string;
  endpointGroupName?: string;
  gcpProjectId?: string;
  portMappingEnabled?: boolean;
  endpoints?: { endpointName?: string; ipAddress?: string; status?: string }[];
}

/** Drops `undefined` (and empty strings from Atlas) at any depth, so state is plain JSON. */
export function plainJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => plainJson(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = plainJson(item);
    return out as T;
  }
  return value;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value);

function forwardingRules(inputs: ResolvedInputs, endpoint: AtlasEndpointView | undefined): ForwardingRuleOutput[] | undefined {
  if (inputs.cloudProvider !== "GCP") return undefined;
  const reported = endpoint?.endpoints;
  if (!reported || reported.length === 0) return inputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress }));
  return reported.map((rule, index) => {
    const declared = inputs.endpoints.find((d) => d.endpointName === rule.endpointName) ?? inputs.endpoints[index];
    return {
      endpointName: rule.endpointName ?? declared?.endpointName ?? "",
      ipAddress: rule.ipAddress ?? declared?.ipAddress ?? "",
      status: rule.status,
    };
  });
}

/** The one place Atlas responses become outputs. `endpoint` is undefined when Atlas was never read. */
export function toOutputs(
  inputs: ResolvedInputs,
  endpoint: AtlasEndpointView | undefined,
  adopted: boolean,
  privateConnectionStrings?: PrivateConnectionString[],
): PrivateEndpointOutputs {
  const cloud = inputs.cloudProvider;
  const outputs: PrivateEndpointOutputs = {
    groupId: inputs.groupId,
    cloudProvider: cloud,
    endpointServiceId: inputs.endpointServiceId,
    endpointId: cloud === "GCP" ? undefined : inputs.endpointId,
    privateEndpointIPAddress:
      cloud === "AZURE" ? (nonEmpty(endpoint?.privateEndpointIPAddress) ?? inputs.privateEndpointIPAddress) : undefined,
    gcpProjectId: cloud === "GCP" ? (nonEmpty(endpoint?.gcpProjectId) ?? inputs.gcpProjectId) : undefined,
    endpointGroupName: cloud === "GCP" ? (nonEmpty(endpoint?.endpointGroupName) ?? inputs.endpointGroupName) : undefined,
    endpoints: forwardingRules(inputs, endpoint),
    timeouts: inputs.timeouts,
    deleteOnCreateTimeout: inputs.deleteOnCreateTimeout,
    adoptExisting: inputs.adoptExisting,
    waitForClusters: inputs.waitForClusters,
    privateConnectionStrings,
    connectionStatus: cloud === "AWS" ? endpoint?.connectionStatus : undefined,
    status: cloud === "AWS" ? undefined : endpoint?.status,
    interfaceEndpointId: nonEmpty(endpoint?.interfaceEndpointId),
    privateEndpointConnectionName: nonEmpty(endpoint?.privateEndpointConnectionName),
    privateEndpointResourceId: nonEmpty(endpoint?.privateEndpointResourceId),
    portMappingEnabled: endpoint?.portMappingEnabled,
    errorMessage: nonEmpty(endpoint?.errorMessage),
    deleteRequested: endpoint?.deleteRequested,
    adopted,
  };
  return plainJson(outputs);
}
