/** What an EndpointService records in state, and the one converter from an Atlas answer to it. */
import { registeredEndpointIds } from "../client";
import type { CloudProvider } from "../vocabulary/clouds";
import { nonEmpty, plainJson } from "../vocabulary/state";
import type { Timeouts } from "../vocabulary/time";
import type { ResolvedServiceInputs } from "./inputs";

/**
 * Everything an EndpointService records in state: the inputs (so diff, read and delete have them)
 * and what Atlas reports. Plain JSON: an absent field is omitted, never `undefined`.
 */
export interface EndpointServiceOutputs {
  /** Atlas project id. */
  groupId: string;
  /** AWS, AZURE or GCP. */
  cloudProvider: CloudProvider;
  /** The region as declared (either spelling); `regionName` is Atlas's. */
  region: string;
  /** GCP: whether the service uses port mapping (one forwarding rule per endpoint group). */
  portMappingEnabled?: boolean;
  /** AWS: other regions whose VPC endpoints may connect (cross-region PrivateLink). */
  supportedRemoteRegions?: string[];
  /** The timeouts this resource waits with. */
  timeouts?: Timeouts;
  /** Whether the project's existing service for the region is taken over. */
  adoptExisting: boolean;
  /** Whether destroying an adopted service deletes it from Atlas. */
  deleteAdoptedOnDestroy: boolean;
  /** The Atlas endpoint service id: PrivateEndpoint's `endpointServiceId`. */
  endpointServiceId: string;
  /** INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING. */
  status?: string;
  /** Atlas's name of the region, e.g. US_EAST_1. */
  regionName?: string;
  /**
   * AWS: the VPC endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`) for `aws.ec2.VpcEndpoint`'s
   * serviceName. Set once the service is AVAILABLE; undefined for other clouds.
   */
  endpointServiceName?: string;
  /** Azure: the Private Link Service's name; undefined for other clouds. */
  privateLinkServiceName?: string;
  /** Azure: the Private Link Service's resource id, for the Azure private endpoint's privateLinkServiceId; undefined for other clouds. */
  privateLinkServiceResourceId?: string;
  /** GCP: the service attachments, one forwarding rule to each (one in all when port-mapped); undefined for other clouds. */
  serviceAttachmentNames?: string[];
  /** The endpoints registered with the service, as Atlas lists them. */
  endpointIds?: string[];
  /** Atlas's error message, when the service failed. */
  errorMessage?: string;
  /** True when the project already had this service and this resource took it over. */
  adopted: boolean;
}

/** The fields of an Atlas endpoint service answer that become outputs (any cloud). */
export interface AtlasEndpointServiceView {
  cloudProvider: CloudProvider;
  id?: string;
  status?: string;
  errorMessage?: string;
  regionName?: string;
  endpointServiceName?: string;
  interfaceEndpoints?: string[];
  supportedRemoteRegions?: string[];
  privateEndpoints?: string[];
  privateLinkServiceName?: string;
  privateLinkServiceResourceId?: string;
  endpointGroupNames?: string[];
  portMappingEnabled?: boolean;
  serviceAttachmentNames?: string[];
}

/** What a service's record holds whether or not Atlas was read: its id ("" when not known) and how it came to be. */
interface Placed {
  endpointServiceId: string;
  adopted: boolean;
}

/**
 * The one place an Atlas endpoint service answer becomes outputs. `service` is undefined when
 * Atlas was never read (a create recorded before its answer came).
 */
export function toOutputs(
  inputs: ResolvedServiceInputs,
  service: AtlasEndpointServiceView | undefined,
  placed: Placed,
): EndpointServiceOutputs {
  const { endpointServiceId, adopted } = placed;
  const cloud = inputs.cloudProvider;
  return plainJson({
    groupId: inputs.groupId,
    cloudProvider: cloud,
    region: inputs.declaredRegion,
    portMappingEnabled: cloud === "GCP" ? (service?.portMappingEnabled ?? inputs.portMappingEnabled) : undefined,
    supportedRemoteRegions: cloud === "AWS" ? inputs.supportedRemoteRegions : undefined,
    timeouts: inputs.timeouts,
    adoptExisting: inputs.adoptExisting,
    deleteAdoptedOnDestroy: inputs.deleteAdoptedOnDestroy,
    endpointServiceId: nonEmpty(service?.id) ?? endpointServiceId,
    ...reportedFields(cloud, service),
    regionName: nonEmpty(service?.regionName) ?? inputs.region,
    adopted,
  } satisfies EndpointServiceOutputs);
}

/** What Atlas reports of a service, in outputs' names: the resource and the look-up record the same. */
export type ReportedServiceFields = Pick<
  EndpointServiceOutputs,
  | "status"
  | "regionName"
  | "endpointServiceName"
  | "privateLinkServiceName"
  | "privateLinkServiceResourceId"
  | "serviceAttachmentNames"
  | "endpointIds"
  | "errorMessage"
>;

/** The one reading of those fields from an answer: each cloud's names for that cloud only, empty strings absent. */
export function reportedFields(cloud: CloudProvider, service: AtlasEndpointServiceView | undefined): ReportedServiceFields {
  return {
    status: service?.status,
    regionName: nonEmpty(service?.regionName),
    endpointServiceName: cloud === "AWS" ? nonEmpty(service?.endpointServiceName) : undefined,
    privateLinkServiceName: cloud === "AZURE" ? nonEmpty(service?.privateLinkServiceName) : undefined,
    privateLinkServiceResourceId: cloud === "AZURE" ? nonEmpty(service?.privateLinkServiceResourceId) : undefined,
    serviceAttachmentNames: cloud === "GCP" ? service?.serviceAttachmentNames : undefined,
    endpointIds: service ? registeredEndpointIds(service) : undefined,
    errorMessage: nonEmpty(service?.errorMessage),
  };
}

/**
 * What a record says Atlas last answered: outputs carry the answer's fields (the registered
 * endpoints as `endpointIds`), so a record can be read back as the answer it was made from.
 */
export function recordedService(props: Record<string, unknown>, cloudProvider: CloudProvider): AtlasEndpointServiceView {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const texts = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined);
  const endpointIds = texts(props.endpointIds);
  return {
    cloudProvider,
    id: text(props.endpointServiceId),
    status: text(props.status),
    errorMessage: text(props.errorMessage),
    regionName: text(props.regionName),
    endpointServiceName: text(props.endpointServiceName),
    privateLinkServiceName: text(props.privateLinkServiceName),
    privateLinkServiceResourceId: text(props.privateLinkServiceResourceId),
    serviceAttachmentNames: texts(props.serviceAttachmentNames),
    portMappingEnabled: typeof props.portMappingEnabled === "boolean" ? props.portMappingEnabled : undefined,
    interfaceEndpoints: cloudProvider === "AWS" ? endpointIds : undefined,
    privateEndpoints: cloudProvider === "AZURE" ? endpointIds : undefined,
    endpointGroupNames: cloudProvider === "GCP" ? endpointIds : undefined,
  };
}

/** The converter as the lifecycle calls it: Atlas names the service (`ref`), the inputs do not. */
export function outputsOf(
  inputs: ResolvedServiceInputs,
  service: AtlasEndpointServiceView | undefined,
  placed: { ref: { endpointServiceId: string } | undefined; adopted: boolean },
): EndpointServiceOutputs {
  return toOutputs(inputs, service, { endpointServiceId: placed.ref?.endpointServiceId ?? "", adopted: placed.adopted });
}
