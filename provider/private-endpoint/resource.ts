import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf, type OutputProperties } from "../dynamic/args";
import type { PrivateEndpointOutputs } from "./outputs";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { PrivateEndpointInputs } from "./inputs";
import { PRIVATE_ENDPOINT_PROPERTIES } from "./properties";
import { privateEndpointProvider } from "./provider";

// Before any PrivateEndpoint is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a PrivateEndpoint, derived from the plain inputs (one variant per cloud). */
export type PrivateEndpointArgs = ArgsOf<PrivateEndpointInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(PRIVATE_ENDPOINT_PROPERTIES);

export const PRIVATE_ENDPOINT_TYPE_NAME = "PrivateEndpoint";
export const PRIVATE_ENDPOINT_TYPE = dynamicTypeToken(PRIVATE_ENDPOINT_TYPE_NAME);
/** The type every release up to 0.1.0 registered; the alias lets stacks created then upgrade in place. */
export const LEGACY_PRIVATE_ENDPOINT_TYPE = "pulumi-nodejs:dynamic:Resource";

/** The outputs, declared once in outputs.ts (PrivateEndpointOutputs): the engine sets each on the instance. */
export interface PrivateEndpoint extends OutputProperties<PrivateEndpointOutputs> {}

/**
 * Registers a cloud-side endpoint (AWS VPC interface endpoint, Azure private endpoint, GCP
 * forwarding-rule group) with a MongoDB Atlas private endpoint service and waits until Atlas
 * reports it AVAILABLE. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>:<endpointId>`
 * (for GCP the endpoint group name).
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above only types the outputs the engine sets on the instance
export class PrivateEndpoint extends pulumi.dynamic.Resource {
  constructor(name: string, args: PrivateEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const aliases = [{ type: LEGACY_PRIVATE_ENDPOINT_TYPE }, ...(opts?.aliases ?? [])];
    super(privateEndpointProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, { ...opts, aliases }, DYNAMIC_MODULE, PRIVATE_ENDPOINT_TYPE_NAME);
  }
}
