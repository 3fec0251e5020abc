/** EndpointService's properties as data: what the plugin's schema and every generated SDK say of it. */
import { boolean, PROJECT_AND_CLOUD, type PropertySpec, shared, string } from "../vocabulary/properties";
import type { EndpointServiceOutputs } from "./outputs";

export const ENDPOINT_SERVICE_DESCRIPTION =
  "An Atlas private endpoint service: the Atlas side of the private link in one cloud region (AWS PrivateLink, Azure " +
  "Private Link Service, GCP Private Service Connect). Creates it and waits until AVAILABLE, or adopts the project's existing " +
  "one for that region (Atlas allows one, so stacks share it). Its endpointServiceId feeds PrivateEndpoint. The id is " +
  "`<groupId>:<cloudProvider>:<endpointServiceId>`; `pulumi import` takes that id.";

export const ENDPOINT_SERVICE_PROPERTIES = {
  ...PROJECT_AND_CLOUD,
  region: {
    description: 'The region, in the cloud\'s spelling ("us-east-1", "eastus2", "us-central1") or Atlas\'s ("US_EAST_1").',
    type: string,
    input: "required",
    alwaysOutput: true,
  },
  portMappingEnabled: {
    description: "GCP only: a port-mapped service (one forwarding rule per endpoint group). Default false.",
    type: boolean,
    input: "optional",
  },
  supportedRemoteRegions: {
    description: "AWS only: other AWS regions whose VPC endpoints may connect (cross-region PrivateLink). Changed in place.",
    type: { type: "array", items: string },
    input: "optional",
  },
  timeouts: shared.timeouts('How long to wait: create until AVAILABLE (default "60m"), delete until Atlas forgets it (default "30m").'),
  adoptExisting: shared.adoptExisting(
    "When the project already has a service for this cloud and region (Atlas allows one), take it over instead of failing, if it matches.",
  ),
  deleteAdoptedOnDestroy: {
    description:
      "Destroying an adopted service leaves it in Atlas (another stack may use it) unless this is true. A service this resource created is always deleted. Default false.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  endpointServiceId: {
    description: "The Atlas endpoint service id: PrivateEndpoint's endpointServiceId.",
    type: string,
    alwaysOutput: true,
  },
  status: { description: "INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING.", type: string },
  regionName: { description: "Atlas's name of the region, e.g. US_EAST_1.", type: string },
  endpointServiceName: {
    description: "AWS: the VPC endpoint service name a VPC interface endpoint connects to (its serviceName). Set once AVAILABLE.",
    type: string,
  },
  privateLinkServiceName: { description: "Azure: the Private Link Service's name.", type: string },
  privateLinkServiceResourceId: {
    description: "Azure: the Private Link Service's resource id, for the Azure private endpoint's privateLinkServiceId.",
    type: string,
  },
  serviceAttachmentNames: {
    description: "GCP: the service attachments, one forwarding rule to each (one in all when port-mapped).",
    type: { type: "array", items: string },
  },
  endpointIds: { description: "The endpoints registered with the service, as Atlas lists them.", type: { type: "array", items: string } },
  errorMessage: shared.errorMessage("service"),
  adopted: shared.adopted("True when the project already had this service and this resource took it over."),
} as const satisfies { [K in keyof Required<EndpointServiceOutputs>]: PropertySpec };
