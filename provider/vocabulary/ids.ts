import type { CloudProvider } from "./clouds";
import { resolveInputs, type ResolvedInputs } from "./inputs";

/** An Atlas private endpoint service, as the API paths address it. */
export interface ServiceRef {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
}

/** One Atlas endpoint, as the API paths address it. */
export interface EndpointRef extends ServiceRef {
  /** Raw id, never pre-encoded: AWS `vpce-...`, Azure the full resource id with `/`, GCP the endpoint group name. */
  endpointId: string;
}

/**
 * The Pulumi id of a PrivateEndpoint: `${groupId}:${cloudProvider}:${endpointServiceId}:${endpointId}`.
 * The Atlas endpoint id comes last and raw (not URL-encoded), so it may contain '/' (Azure) or
 * anything else: everything after the third ':' is the endpoint id. For GCP it is the endpoint
 * group name. The id alone is enough for read and delete.
 */
export type EndpointIdentity = EndpointRef;

export function formatResourceId(identity: EndpointIdentity): string {
  return `${identity.groupId}:${identity.cloudProvider}:${identity.endpointServiceId}:${identity.endpointId}`;
}

const ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):([0-9a-f]{24}):(.+)$/s;

export function parseResourceId(id: string): EndpointIdentity {
  const match = ID_PATTERN.exec(id);
  if (!match) {
    throw new Error(`PrivateEndpoint id value="${id}" is not of the form <groupId>:<AWS|AZURE|GCP>:<endpointServiceId>:<endpointId>`);
  }
  const [, groupId, cloudProvider, endpointServiceId, endpointId] = match as unknown as [string, string, CloudProvider, string, string];
  return { groupId, cloudProvider, endpointServiceId, endpointId };
}

/** The Atlas endpoint the inputs name; GCP endpoints are addressed by their group name. */
export function endpointRefOf(inputs: ResolvedInputs): EndpointRef {
  const service = { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId: inputs.endpointServiceId };
  switch (inputs.cloudProvider) {
    case "AWS":
    case "AZURE":
      return { ...service, endpointId: inputs.endpointId };
    case "GCP":
      return { ...service, endpointId: inputs.endpointGroupName };
    default:
      return inputs satisfies never;
  }
}

/**
 * The Atlas endpoint a resource in state names. The id is authoritative (it holds what Atlas
 * answered at create); the recorded inputs are the fallback for ids this format did not write.
 */
export function endpointRefFor(id: string, props: Record<string, unknown>): EndpointRef {
  try {
    return parseResourceId(id);
  } catch (idError) {
    try {
      return endpointRefOf(resolveInputs(props));
    } catch {
      throw idError;
    }
  }
}

/** How progress lines and errors name an endpoint (no secrets in any of it). */
export function describeEndpoint(ref: EndpointRef): string {
  switch (ref.cloudProvider) {
    case "AWS":
      return `AWS endpoint ${ref.endpointId}`;
    case "AZURE":
      return `Azure private endpoint ${ref.endpointId.split("/").pop() ?? ref.endpointId}`;
    case "GCP":
      return `GCP endpoint group ${ref.endpointId}`;
    default:
      return ref.cloudProvider satisfies never;
  }
}

/** The Pulumi id of an EndpointService: `${groupId}:${cloudProvider}:${endpointServiceId}`; enough for read, import and delete. */
export function formatServiceId(service: ServiceRef): string {
  return `${service.groupId}:${service.cloudProvider}:${service.endpointServiceId}`;
}

const SERVICE_ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):([0-9a-f]{24})$/;

/**
 * A service whose create Atlas may have carried out but never confirmed is recorded under
 * `${groupId}:${cloudProvider}:region:${regionName}`: its id is Atlas's to give, so later
 * operations find it by listing that region.
 */
export interface UnconfirmedServiceRef {
  groupId: string;
  cloudProvider: CloudProvider;
  regionName: string;
}

export function formatUnconfirmedServiceId(ref: UnconfirmedServiceRef): string {
  return `${ref.groupId}:${ref.cloudProvider}:region:${ref.regionName}`;
}

const UNCONFIRMED_SERVICE_ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):region:([A-Z0-9_]+)$/;

export function parseUnconfirmedServiceId(id: string): UnconfirmedServiceRef | undefined {
  const match = UNCONFIRMED_SERVICE_ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, groupId, cloudProvider, regionName] = match as unknown as [string, string, CloudProvider, string];
  return { groupId, cloudProvider, regionName };
}

export function parseServiceId(id: string): ServiceRef {
  const match = SERVICE_ID_PATTERN.exec(id);
  if (!match) {
    throw new Error(
      `EndpointService id value="${id}" is not of the form <groupId>:<AWS|AZURE|GCP>:<endpointServiceId> (24 hex characters each for the ids)`,
    );
  }
  const [, groupId, cloudProvider, endpointServiceId] = match as unknown as [string, string, CloudProvider, string];
  return { groupId, cloudProvider, endpointServiceId };
}

/** How progress lines and errors name an endpoint service. */
export function describeService(service: ServiceRef & { regionName?: string }): string {
  const region = service.regionName ? ` in ${service.regionName}` : "";
  return `${service.cloudProvider} endpoint service ${service.endpointServiceId}${region}`;
}
