import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf, type OutputProperties } from "../dynamic/args";
import type { EndpointServiceOutputs } from "./outputs";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
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

/** The outputs, declared once in outputs.ts (EndpointServiceOutputs): the engine sets each on the instance. */
export interface EndpointService
  extends OutputProperties<
    EndpointServiceOutputs,
    "regionName" | "endpointServiceName" | "privateLinkServiceName" | "privateLinkServiceResourceId" | "serviceAttachmentNames"
  > {}

/**
 * An Atlas private endpoint service: the Atlas side of the private link in one cloud region
 * (AWS PrivateLink, Azure Private Link Service, GCP Private Service Connect). Creates it and waits
 * until AVAILABLE, or adopts the project's existing one for that region (Atlas allows one, so
 * stacks share it). Its `endpointServiceId` feeds PrivateEndpoint; `endpointServiceName` (AWS),
 * `privateLinkServiceResourceId` (Azure) and `serviceAttachmentNames` (GCP) feed the cloud-side
 * endpoint. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>`.
 */
export class EndpointService extends pulumi.dynamic.Resource {
  constructor(name: string, args: EndpointServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(endpointServiceProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, ENDPOINT_SERVICE_TYPE_NAME);
  }
}
