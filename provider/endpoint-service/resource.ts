import type { ArgsOf } from "../dynamic/args";
import type { EndpointServiceOutputs } from "./outputs";
import { resourceClass } from "../dynamic/resource-class";
import type { EndpointServiceInputs } from "./inputs";
import { ENDPOINT_SERVICE_PROPERTIES } from "./properties";
import { endpointServiceProvider } from "./provider";

/** Arguments of an EndpointService, derived from the plain inputs. */
export type EndpointServiceArgs = ArgsOf<EndpointServiceInputs>;

/**
 * An Atlas private endpoint service: the Atlas side of the private link in one cloud region
 * (AWS PrivateLink, Azure Private Link Service, GCP Private Service Connect). Creates it and waits
 * until AVAILABLE, or adopts the project's existing one for that region (Atlas allows one, so
 * stacks share it). Its `endpointServiceId` feeds PrivateEndpoint; `endpointServiceName` (AWS),
 * `privateLinkServiceResourceId` (Azure) and `serviceAttachmentNames` (GCP) feed the cloud-side
 * endpoint. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>`.
 */
export const EndpointService = resourceClass<
  EndpointServiceArgs,
  EndpointServiceOutputs,
  "regionName" | "endpointServiceName" | "privateLinkServiceName" | "privateLinkServiceResourceId" | "serviceAttachmentNames"
>("EndpointService", endpointServiceProvider, ENDPOINT_SERVICE_PROPERTIES);
/** An instance of EndpointService: its outputs are declared once, in outputs.ts (EndpointServiceOutputs). */
export type EndpointService = InstanceType<typeof EndpointService>;
/** What previews, state and policy packs call a EndpointService. */
export const ENDPOINT_SERVICE_TYPE = EndpointService.typeToken;
