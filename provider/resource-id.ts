import { CLOUD_PROVIDERS, type CloudProvider } from "./status-table";

/**
 * The Pulumi id of a PrivateEndpoint: `${groupId}:${cloudProvider}:${endpointServiceId}:${endpointId}`.
 * The Atlas endpoint id comes last and raw (not URL-encoded), so it may contain '/' (Azure) or
 * anything else: everything after the third ':' is the endpoint id. For GCP it is the endpoint
 * group name. The id alone is enough for read and delete.
 */
export interface EndpointIdentity {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
  /** AWS: vpce-...; Azure: the private endpoint's resource id; GCP: the endpoint group name. */
  endpointId: string;
}

export function formatResourceId(identity: EndpointIdentity): string {
  return `${identity.groupId}:${identity.cloudProvider}:${identity.endpointServiceId}:${identity.endpointId}`;
}

const ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):([0-9a-f]{24}):(.+)$/s;

export function parseResourceId(id: string): EndpointIdentity {
  const match = ID_PATTERN.exec(id);
  if (!match || !CLOUD_PROVIDERS.includes(match[2] as CloudProvider)) {
    throw new Error(
      `PrivateEndpoint id value="${id}" is not of the form <groupId>:<AWS|AZURE|GCP>:<endpointServiceId>:<endpointId>`,
    );
  }
  const [, groupId, cloudProvider, endpointServiceId, endpointId] = match as unknown as [string, string, CloudProvider, string, string];
  return { groupId, cloudProvider, endpointServiceId, endpointId };
}
