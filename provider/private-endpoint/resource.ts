import type { ArgsOf } from "../dynamic/args";
import type { PrivateEndpointOutputs as Outputs } from "./outputs";
import { resourceClass } from "../dynamic/resource-class";
import type { PrivateEndpointInputs } from "./inputs";
import { PRIVATE_ENDPOINT_PROPERTIES as PROPERTIES } from "./properties";
import { privateEndpointProvider as provider } from "./provider";

/** Arguments of a PrivateEndpoint, derived from the plain inputs (one variant per cloud). */
export type PrivateEndpointArgs = ArgsOf<PrivateEndpointInputs>;

/** The type every release up to 0.1.0 registered; the alias lets stacks created then upgrade in place. */
export const LEGACY_PRIVATE_ENDPOINT_TYPE = "pulumi-nodejs:dynamic:Resource";

/**
 * Registers a cloud-side endpoint (AWS VPC interface endpoint, Azure private endpoint, GCP
 * forwarding-rule group) with a MongoDB Atlas private endpoint service and waits until Atlas
 * reports it AVAILABLE. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>:<endpointId>`
 * (for GCP the endpoint group name).
 */
export const PrivateEndpoint = resourceClass<PrivateEndpointArgs, Outputs>("PrivateEndpoint", provider, PROPERTIES, [
  LEGACY_PRIVATE_ENDPOINT_TYPE,
]);
/** An instance of PrivateEndpoint: its outputs are declared once, in outputs.ts (PrivateEndpointOutputs). */
export type PrivateEndpoint = InstanceType<typeof PrivateEndpoint>;
/** What previews, state and policy packs call a PrivateEndpoint. */
export const PRIVATE_ENDPOINT_TYPE = PrivateEndpoint.typeToken;
