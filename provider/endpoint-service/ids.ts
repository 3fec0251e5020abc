/**
 * The Pulumi id of an EndpointService: `${groupId}:${cloudProvider}:${endpointServiceId}`, enough for
 * read, import and delete. A create Atlas may have carried out but never confirmed is recorded under
 * `${groupId}:${cloudProvider}:region:${regionName}` instead (its id is Atlas's to give), and found
 * later by listing that region for a service of the record's whole identity.
 */
import type { CloudProvider } from "../vocabulary/clouds";
import type { ServiceRef } from "../vocabulary/refs";
import type { ResolvedServiceInputs } from "./inputs";

export const ID_FORMAT = "<groupId>:<AWS|AZURE|GCP>:<endpointServiceId>";

export function formatServiceId(service: ServiceRef): string {
  return `${service.groupId}:${service.cloudProvider}:${service.endpointServiceId}`;
}

const SERVICE_ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):([0-9a-f]{24})$/;

/**
 * Terraform's mongodbatlas_privatelink_endpoint (and the bridged @pulumi/mongodbatlas PrivateLinkEndpoint) import the
 * same service as `{project_id}-{private_link_id}-{provider_name}-{region}`: `pulumi import` takes that form too.
 */
const TERRAFORM_ID_PATTERN = /^([0-9a-f]{24})-([0-9a-f]{24})-(AWS|AZURE|GCP)-(.+)$/;

export const TERRAFORM_ID_FORMAT = "<projectId>-<privateLinkId>-<AWS|AZURE|GCP>-<region>";

/** The service an id names: this provider's form, or Terraform's (above). */
export function parseServiceId(id: string): ServiceRef {
  const match = SERVICE_ID_PATTERN.exec(id) ?? TERRAFORM_ID_PATTERN.exec(id);
  if (!match) {
    throw new Error(
      `EndpointService id value="${id}" is not of the form ${ID_FORMAT} (24 hex characters each for the ids), or Terraform's ${TERRAFORM_ID_FORMAT}`,
    );
  }
  const terraform = match.length === 5;
  const [, groupId, second, third] = match;
  return terraform
    ? { groupId: groupId!, cloudProvider: third as CloudProvider, endpointServiceId: second! }
    : { groupId: groupId!, cloudProvider: second as CloudProvider, endpointServiceId: third! };
}

/** The slot Atlas keeps one service in: a cloud and region of a project, and on GCP the port-mapping kind (Atlas keeps both kinds side by side). */
export interface ServiceIdentity {
  groupId: string;
  cloudProvider: CloudProvider;
  /** Atlas's spelling. */
  regionName: string;
  /** GCP: a port-mapped service; false for a legacy one and for the other clouds. */
  portMapped: boolean;
}

/** The slot the inputs declare: cloud, region and (GCP) port-mapping kind. */
export function identityOf(inputs: ResolvedServiceInputs): ServiceIdentity {
  return {
    groupId: inputs.groupId,
    cloudProvider: inputs.cloudProvider,
    regionName: inputs.region,
    portMapped: inputs.cloudProvider === "GCP" && inputs.portMappingEnabled === true,
  };
}

export function formatUnconfirmedServiceId(identity: ServiceIdentity): string {
  return `${identity.groupId}:${identity.cloudProvider}:region:${identity.regionName}`;
}

const UNCONFIRMED_SERVICE_ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE|GCP):region:([A-Z0-9_]+)$/;

/** The identity an unconfirmed record names: its id gives the region; the port-mapping kind is the record's (an id never held it). */
export function parseUnconfirmedServiceId(id: string, portMapped: boolean): ServiceIdentity | undefined {
  const match = UNCONFIRMED_SERVICE_ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, groupId, cloudProvider, regionName] = match;
  return {
    groupId: groupId!,
    cloudProvider: cloudProvider as CloudProvider,
    regionName: regionName!,
    portMapped: cloudProvider === "GCP" && portMapped,
  };
}

/** How progress lines and errors name an endpoint service. */
export function describeService(service: ServiceRef & { regionName?: string }): string {
  const region = service.regionName ? ` in ${service.regionName}` : "";
  return `${service.cloudProvider} endpoint service ${service.endpointServiceId}${region}`;
}

export { describeService as describe, formatServiceId as idOf };

/** Atlas gives the id: an unconfirmed create is recorded under its slot, found later by listing it. */
export function unconfirmedId(inputs: ResolvedServiceInputs): string {
  return formatUnconfirmedServiceId(identityOf(inputs));
}
