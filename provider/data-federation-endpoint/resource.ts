import type { ArgsOf } from "../dynamic/args";
import type { DataFederationEndpointOutputs as Outputs } from "./outputs";
import { resourceClass } from "../dynamic/resource-class";
import type { DataFederationEndpointInputs } from "./inputs";
import { DATA_FEDERATION_ENDPOINT_PROPERTIES as PROPERTIES } from "./properties";
import { dataFederationEndpointProvider as provider } from "./provider";

/** Arguments of a DataFederationEndpoint, derived from the plain inputs (one variant per cloud). */
export type DataFederationEndpointArgs = ArgsOf<DataFederationEndpointInputs>;

/**
 * A private endpoint for Atlas Data Federation and Online Archive: an AWS VPC interface endpoint (to the Data
 * Federation service name of its region) or an Azure private endpoint, added to the project's list. Waits until
 * Atlas reports it OK, adopts the project's existing entry for the same endpoint id, changes the comment in
 * place. The Pulumi id is `<groupId>:<cloudProvider>:<endpointId>`.
 */
export const DataFederationEndpoint = resourceClass<DataFederationEndpointArgs, Outputs>("DataFederationEndpoint", provider, PROPERTIES);
/** An instance of DataFederationEndpoint: its outputs are declared once, in outputs.ts (DataFederationEndpointOutputs). */
export type DataFederationEndpoint = InstanceType<typeof DataFederationEndpoint>;
/** What previews, state and policy packs call a DataFederationEndpoint. */
export const DATA_FEDERATION_ENDPOINT_TYPE = DataFederationEndpoint.typeToken;
