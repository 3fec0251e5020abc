import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { CloudProvider } from "../vocabulary/clouds";
import type { Timeouts } from "../vocabulary/time";
import type { EndpointServiceInputs } from "./inputs";
import { ENDPOINT_SERVICE_PROPERTIES } from "./properties";
import { endpointServiceProvider } from "./provider";

// Before any EndpointService is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of an EndpointService, derived from the plain inputs. */
export type EndpointServiceArgs = ArgsOf<EndpointServiceInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(ENDPOINT_SERVICE_PROPERTIES);

export const ENDPOINT_SERVICE_TYPE_NAME = "EndpointService";
export const ENDPOINT_SERVICE_TYPE = dynamicTypeToken(ENDPOINT_SERVICE_TYPE_NAME);

/**
 * An Atlas private endpoint service: the Atlas side of the private link in one cloud region
 * (AWS PrivateLink, Azure Private Link Service, GCP Private Service Connect). Creates it and waits
 * until AVAILABLE, or adopts the project's existing one for that region (Atlas allows one, so
 * stacks share it). Its `endpointServiceId` feeds PrivateEndpoint; `endpointServiceName` (AWS),
 * `privateLinkServiceResourceId` (Azure) and `serviceAttachmentNames` (GCP) feed the cloud-side
 * endpoint. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>`.
 */
export class EndpointService extends pulumi.dynamic.Resource {
  /** Atlas project id. */
  declare readonly groupId: pulumi.Output<string>;
  /** AWS, AZURE or GCP. */
  declare readonly cloudProvider: pulumi.Output<CloudProvider>;
  /** The region as declared (either spelling); `regionName` is Atlas's. */
  declare readonly region: pulumi.Output<string>;
  /** GCP: whether the service uses port mapping (one forwarding rule per endpoint group). */
  declare readonly portMappingEnabled: pulumi.Output<boolean | undefined>;
  /** AWS: other regions whose VPC endpoints may connect (cross-region PrivateLink). */
  declare readonly supportedRemoteRegions: pulumi.Output<string[] | undefined>;
  /** The timeouts this resource waits with. */
  declare readonly timeouts: pulumi.Output<Timeouts | undefined>;
  /** Whether the project's existing service for the region is taken over. */
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** Whether destroying an adopted service deletes it from Atlas. */
  declare readonly deleteAdoptedOnDestroy: pulumi.Output<boolean>;
  /** The Atlas endpoint service id: PrivateEndpoint's `endpointServiceId`. */
  declare readonly endpointServiceId: pulumi.Output<string>;
  /** INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING. */
  declare readonly status: pulumi.Output<string | undefined>;
  /** Atlas's name of the region, e.g. US_EAST_1. */
  declare readonly regionName: pulumi.Output<string>;
  /**
   * AWS: the VPC endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`) for `aws.ec2.VpcEndpoint`'s
   * serviceName. Set once the service is AVAILABLE; undefined for other clouds.
   */
  declare readonly endpointServiceName: pulumi.Output<string>;
  /** Azure: the Private Link Service's name; undefined for other clouds. */
  declare readonly privateLinkServiceName: pulumi.Output<string>;
  /** Azure: the Private Link Service's resource id, for the Azure private endpoint's privateLinkServiceId; undefined for other clouds. */
  declare readonly privateLinkServiceResourceId: pulumi.Output<string>;
  /** GCP: the service attachments, one forwarding rule to each (one in all when port-mapped); undefined for other clouds. */
  declare readonly serviceAttachmentNames: pulumi.Output<string[]>;
  /** The endpoints registered with the service, as Atlas lists them. */
  declare readonly endpointIds: pulumi.Output<string[] | undefined>;
  /** Atlas's error message, when the service failed. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** True when the project already had this service and this resource took it over. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: EndpointServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(endpointServiceProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, ENDPOINT_SERVICE_TYPE_NAME);
  }
}
