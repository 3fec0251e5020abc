import { inProgram } from "./dynamic/lookups";
import { getEndpointService as endpointServiceLookup } from "./endpoint-service/lookup";
import { getPrivateEndpoints as privateEndpointsLookup } from "./private-endpoint/lookup";
import { getDataFederationEndpoints as dataFederationEndpointsLookup } from "./data-federation-endpoint/lookup";
import {
  getStreamPrivateLink as streamPrivateLinkLookup,
  getStreamPrivateLinks as streamPrivateLinksLookup,
} from "./stream-private-link/lookup";
import { getRegionalMode as regionalModeLookup } from "./regional-mode/lookup";

export {
  LEGACY_PRIVATE_ENDPOINT_TYPE,
  PRIVATE_ENDPOINT_TYPE,
  PrivateEndpoint,
  type PrivateEndpointArgs,
} from "./private-endpoint/resource";
export { privateEndpointProvider } from "./private-endpoint/provider";
export { ENDPOINT_SERVICE_TYPE, EndpointService, type EndpointServiceArgs } from "./endpoint-service/resource";
export { endpointServiceProvider } from "./endpoint-service/provider";
export {
  DATA_FEDERATION_ENDPOINT_TYPE,
  DataFederationEndpoint,
  type DataFederationEndpointArgs,
} from "./data-federation-endpoint/resource";
export { dataFederationEndpointProvider } from "./data-federation-endpoint/provider";
export type {
  AwsDataFederationEndpointInputs,
  AzureDataFederationEndpointInputs,
  DataFederationEndpointInputs,
} from "./data-federation-endpoint/inputs";
export type { DataFederationEndpointOutputs } from "./data-federation-endpoint/outputs";
export { STREAM_PRIVATE_LINK_TYPE, StreamPrivateLink, type StreamPrivateLinkArgs } from "./stream-private-link/resource";
export { streamPrivateLinkProvider } from "./stream-private-link/provider";
export type { AuthenticationScheme, StreamPrivateLinkInputs } from "./stream-private-link/inputs";
export type { StreamPrivateLinkOutputs } from "./stream-private-link/outputs";
export type { EndpointServiceInputs } from "./endpoint-service/inputs";
export type { EndpointServiceOutputs } from "./endpoint-service/outputs";
export type {
  AwsPrivateEndpointInputs,
  AzurePrivateEndpointInputs,
  GcpPrivateEndpointInputs,
  GcpForwardingRuleInput,
  PrivateEndpointInputs,
  PrivateEndpointOptions,
} from "./private-endpoint/inputs";
export type { ForwardingRuleOutput, PrivateConnectionString, PrivateEndpointOutputs } from "./private-endpoint/outputs";
export { formatResourceId, parseResourceId, type EndpointIdentity } from "./private-endpoint/ids";
export { ResourceInitError } from "./operations/resource-init-error";
export type { CloudProvider } from "./vocabulary/clouds";
export type { Timeouts } from "./vocabulary/time";
/** The timeouts type's name before EndpointService shared it; kept for programs that import it. */
export type { Timeouts as PrivateEndpointTimeouts } from "./vocabulary/time";
export { REGIONAL_MODE_TYPE, RegionalMode, type RegionalModeArgs } from "./regional-mode/resource";
export { regionalModeProvider } from "./regional-mode/provider";
export type { RegionalModeInputs } from "./regional-mode/inputs";
export type { ConnectionStringEndpoint, RegionalConnectionString, RegionalModeOutputs } from "./regional-mode/outputs";

export type { EndpointServiceLookup } from "./endpoint-service/lookup";
export type { RegisteredEndpoint } from "./private-endpoint/lookup";
export type { StreamPrivateLinkConnection, StreamPrivateLinksResult } from "./stream-private-link/lookup";
export type { RegionalModeLookup } from "./regional-mode/lookup";

// Each look-up under its own name, and its Output form as `<name>Output`; they read Atlas with the stack's credentials.
/** The project's endpoint service for a cloud and region (see EndpointServiceLookup). */
export const { getEndpointService, getEndpointServiceOutput } = inProgram(endpointServiceLookup);
/** The endpoints registered with an endpoint service. */
export const { getPrivateEndpoints, getPrivateEndpointsOutput } = inProgram(privateEndpointsLookup);
/** The project's Data Federation and Online Archive private endpoints. */
export const { getDataFederationEndpoints, getDataFederationEndpointsOutput } = inProgram(dataFederationEndpointsLookup);
/** The project's stream private link connections (one cloud's, one vendor's when asked). */
export const { getStreamPrivateLinks, getStreamPrivateLinksOutput } = inProgram(streamPrivateLinksLookup);
/** One stream private link connection by its id. */
export const { getStreamPrivateLink, getStreamPrivateLinkOutput } = inProgram(streamPrivateLinkLookup);
/** Whether a project has regional mode enabled. */
export const { getRegionalMode, getRegionalModeOutput } = inProgram(regionalModeLookup);
