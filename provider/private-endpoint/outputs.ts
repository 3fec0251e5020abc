/** What a PrivateEndpoint records in state, and the one converter from an Atlas answer to it. */
import type { CloudProvider, EndpointStatusView } from "../vocabulary/clouds";
import { nonEmpty, plainJson } from "../vocabulary/state";
import type { Timeouts } from "../vocabulary/time";
import type { PrivateConnectionString } from "../waiting/cluster-waits";
import type { ResolvedInputs } from "./inputs";

export type { PrivateConnectionString };

/** A GCP forwarding rule as Atlas reports it. */
export interface ForwardingRuleOutput {
  endpointName: string;
  ipAddress: string;
  /** INITIATING, AVAILABLE, FAILED or DELETING; absent until Atlas reports one. */
  status?: string;
}

/**
 * Everything a PrivateEndpoint records in state: the inputs (so diff and read have them) and what
 * Atlas reports. Plain JSON: an absent field is omitted, never `undefined`.
 */
export interface PrivateEndpointOutputs {
  /** Atlas project id. */
  groupId: string;
  /** AWS, AZURE or GCP. */
  cloudProvider: CloudProvider;
  /** Atlas private endpoint service id. */
  endpointServiceId: string;
  /** The cloud-side endpoint id (AWS vpce-..., Azure resource id); absent for GCP. */
  endpointId?: string;
  /** Azure: the private endpoint's IP address as Atlas has it. */
  privateEndpointIPAddress?: string;
  /** GCP: the project that holds the forwarding rules. */
  gcpProjectId?: string;
  /** GCP: the endpoint group name as Atlas has it. */
  endpointGroupName?: string;
  /** GCP: each forwarding rule with its own status. */
  endpoints?: ForwardingRuleOutput[];
  /** The timeouts this resource waits with. */
  timeouts?: Timeouts;
  /** Whether a create that times out deletes the endpoint. */
  deleteOnCreateTimeout: boolean;
  /** Whether a 409 adopts a matching existing endpoint. */
  adoptExisting: boolean;
  /** Which clusters a create waits for: true (all), a list of names, or false. */
  waitForClusters?: boolean | string[];
  /**
   * One entry per cluster reached through this endpoint (clusterName, type, connectionString,
   * srvConnectionString, srvShardOptimizedConnectionString where Atlas gives one), set once the
   * clusters have applied the endpoint; absent with waitForClusters: false. No credentials in them.
   */
  privateConnectionStrings?: PrivateConnectionString[];
  /** AWS: PENDING_ACCEPTANCE, PENDING, AVAILABLE, REJECTED or DELETING. */
  connectionStatus?: string;
  /** Azure and GCP: INITIATING, (GCP) VERIFIED, AVAILABLE, FAILED or DELETING. */
  status?: string;
  /** AWS: the interface endpoint's id as Atlas reports it: the AWS `vpce-...` id (the same value as `endpointId`). */
  interfaceEndpointId?: string;
  /** Azure: the connection name Atlas generates. */
  privateEndpointConnectionName?: string;
  /** Azure: the private endpoint's resource id as Atlas reports it. */
  privateEndpointResourceId?: string;
  /** GCP: whether the endpoint service uses port mapping (one forwarding rule). */
  portMappingEnabled?: boolean;
  /** Atlas's error message, when the endpoint failed. */
  errorMessage?: string;
  /** Whether Atlas has been asked to delete the endpoint. */
  deleteRequested?: boolean;
  /** True when the endpoint already existed (409) and this resource adopted it. */
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

/**
 * What a record says Atlas last answered: outputs carry the answer's fields under the same names, so
 * a record can be read back as the answer it was made from. Undefined when it names no cloud.
 */
export function recordedAnswer(props: Record<string, unknown>): AtlasEndpointView | undefined {
  const cloudProvider = props.cloudProvider;
  if (cloudProvider !== "AWS" && cloudProvider !== "AZURE" && cloudProvider !== "GCP") return undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const flag = (value: unknown) => (typeof value === "boolean" ? value : undefined);
  const rules = Array.isArray(props.endpoints)
    ? props.endpoints.map((rule: { endpointName?: unknown; ipAddress?: unknown; status?: unknown } | null) => ({
        endpointName: text(rule?.endpointName),
        ipAddress: text(rule?.ipAddress),
        status: text(rule?.status),
      }))
    : undefined;
  return {
    cloudProvider,
    connectionStatus: text(props.connectionStatus),
    status: text(props.status),
    errorMessage: text(props.errorMessage),
    deleteRequested: flag(props.deleteRequested),
    interfaceEndpointId: text(props.interfaceEndpointId),
    privateEndpointConnectionName: text(props.privateEndpointConnectionName),
    privateEndpointIPAddress: text(props.privateEndpointIPAddress),
    privateEndpointResourceId: text(props.privateEndpointResourceId),
    endpointGroupName: text(props.endpointGroupName),
    gcpProjectId: text(props.gcpProjectId),
    portMappingEnabled: flag(props.portMappingEnabled),
    endpoints: rules,
  };
}

/** The converter as the lifecycle calls it: an endpoint's outputs need no ref (its inputs name it). */
export function outputsOf(
  inputs: ResolvedInputs,
  endpoint: AtlasEndpointView | undefined,
  placed: { adopted: boolean },
): PrivateEndpointOutputs {
  return toOutputs(inputs, endpoint, placed.adopted);
}
