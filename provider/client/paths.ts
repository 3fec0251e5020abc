import type { CloudProvider } from "../vocabulary/clouds";
import type { EndpointRef, ServiceRef } from "../vocabulary/refs";

/**
 * Atlas paths, each parameter encoded exactly once with encodeURIComponent: an Azure endpoint id
 * such as `/subscriptions/.../privateEndpoints/pe-1` must arrive as `%2Fsubscriptions%2F...`.
 * Callers pass raw ids; passing an already-encoded id would double-encode it.
 */

function segment(name: string, value: string): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    // URL normalization would drop or collapse such a segment and address a different resource.
    throw new TypeError(`${name} must be a non-empty string other than "." and ".." (value=${JSON.stringify(value)})`);
  }
  return encodeURIComponent(value);
}

export function endpointServicesPath(group: { groupId: string; cloudProvider: CloudProvider }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/privateEndpoint/${segment("cloudProvider", group.cloudProvider)}/endpointService`;
}

/** Create and update address the service without the cloud segment (the cloud is in the body). */
export function endpointServiceCreatePath(group: { groupId: string }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/privateEndpoint/endpointService`;
}

export function endpointServiceUpdatePath(service: { groupId: string; endpointServiceId: string }): string {
  return `${endpointServiceCreatePath(service)}/${segment("endpointServiceId", service.endpointServiceId)}`;
}

export function endpointServicePath(service: ServiceRef): string {
  return `${endpointServicesPath(service)}/${segment("endpointServiceId", service.endpointServiceId)}`;
}

export function endpointsPath(service: ServiceRef): string {
  return `${endpointServicePath(service)}/endpoint`;
}

export function endpointPath(ref: EndpointRef): string {
  return `${endpointsPath(ref)}/${segment("endpointId", ref.endpointId)}`;
}

export const OAUTH_TOKEN_PATH = "/api/oauth/token";

export function clustersPath(group: { groupId: string }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/clusters`;
}

export function clusterPath(cluster: { groupId: string; clusterName: string }): string {
  return `${clustersPath(cluster)}/${segment("clusterName", cluster.clusterName)}`;
}

/** The project's regionalized private endpoint setting (one per project, every cloud). */
export function regionalModePath(group: { groupId: string }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/privateEndpoint/regionalMode`;
}

/** Data Federation / Online Archive private endpoints of a project (one list; POST adds to it). */
export function dataFederationEndpointsPath(group: { groupId: string }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/privateNetworkSettings/endpointIds`;
}

/** One entry of that list: a vpce id, or an Azure private endpoint resource id (encoded once here, `%2F`). */
export function dataFederationEndpointPath(entry: { groupId: string; endpointId: string }): string {
  return `${dataFederationEndpointsPath(entry)}/${segment("endpointId", entry.endpointId)}`;
}

export function streamPrivateLinksPath(group: { groupId: string }): string {
  return `/api/atlas/v2/groups/${segment("groupId", group.groupId)}/streams/privateLinkConnections`;
}

export function streamPrivateLinkPath(connection: { groupId: string; connectionId: string }): string {
  return `${streamPrivateLinksPath(connection)}/${segment("connectionId", connection.connectionId)}`;
}
