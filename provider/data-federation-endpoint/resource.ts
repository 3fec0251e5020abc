import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf, type OutputProperties } from "../dynamic/args";
import type { DataFederationEndpointOutputs } from "./outputs";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { DataFederationEndpointInputs } from "./inputs";
import { DATA_FEDERATION_ENDPOINT_PROPERTIES } from "./properties";
import { dataFederationEndpointProvider } from "./provider";

// Before any DataFederationEndpoint is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a DataFederationEndpoint, derived from the plain inputs (one variant per cloud). */
export type DataFederationEndpointArgs = ArgsOf<DataFederationEndpointInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(DATA_FEDERATION_ENDPOINT_PROPERTIES);

export const DATA_FEDERATION_ENDPOINT_TYPE_NAME = "DataFederationEndpoint";
export const DATA_FEDERATION_ENDPOINT_TYPE = dynamicTypeToken(DATA_FEDERATION_ENDPOINT_TYPE_NAME);

/** The outputs, declared once in outputs.ts (DataFederationEndpointOutputs): the engine sets each on the instance. */
export interface DataFederationEndpoint extends OutputProperties<DataFederationEndpointOutputs> {}

/**
 * A private endpoint for Atlas Data Federation and Online Archive: an AWS VPC interface endpoint (to the Data
 * Federation service name of its region) or an Azure private endpoint, added to the project's list. Waits until
 * Atlas reports it OK, adopts the project's existing entry for the same endpoint id, changes the comment in
 * place. The Pulumi id is `<groupId>:<cloudProvider>:<endpointId>`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above only types the outputs the engine sets on the instance
export class DataFederationEndpoint extends pulumi.dynamic.Resource {
  constructor(name: string, args: DataFederationEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(dataFederationEndpointProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, DATA_FEDERATION_ENDPOINT_TYPE_NAME);
  }
}
