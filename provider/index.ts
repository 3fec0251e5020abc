export {
  LEGACY_PRIVATE_ENDPOINT_TYPE,
  PRIVATE_ENDPOINT_TYPE,
  PrivateEndpoint,
  type PrivateEndpointArgs,
} from "./resource/private-endpoint";
export { privateEndpointProvider } from "./resource/provider";
export { ENDPOINT_SERVICE_TYPE, EndpointService, type EndpointServiceArgs } from "./resource/endpoint-service";
export { endpointServiceProvider } from "./resource/service-provider";
export type { EndpointServiceInputs } from "./vocabulary/service-inputs";
export type { EndpointServiceOutputs } from "./vocabulary/service-outputs";
export type {
  AwsPrivateEndpointInputs,
  AzurePrivateEndpointInputs,
  GcpPrivateEndpointInputs,
  GcpForwardingRuleInput,
  PrivateEndpointInputs,
  PrivateEndpointOptions,
  PrivateEndpointTimeouts,
} from "./vocabulary/inputs";
export type { ForwardingRuleOutput, PrivateConnectionString, PrivateEndpointOutputs } from "./vocabulary/outputs";
export { formatResourceId, parseResourceId, type EndpointIdentity } from "./vocabulary/ids";
export { ResourceInitError } from "./operations/resource-init-error";
export { POLL_SCHEDULE, nextPollDelayMs, type PollMoment, type PollSchedule } from "./waiting/poll-schedule";
export { TIME_SCALE_ENV } from "./host/connection";
export type { CloudProvider } from "./vocabulary/clouds";
