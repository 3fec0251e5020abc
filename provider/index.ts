export {
  LEGACY_PRIVATE_ENDPOINT_TYPE,
  PRIVATE_ENDPOINT_TYPE,
  PrivateEndpoint,
  type PrivateEndpointArgs,
} from "./private-endpoint/resource";
export { privateEndpointProvider } from "./private-endpoint/provider";
export { ENDPOINT_SERVICE_TYPE, EndpointService, type EndpointServiceArgs } from "./endpoint-service/resource";
export { endpointServiceProvider } from "./endpoint-service/provider";
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
