export {
  LEGACY_PRIVATE_ENDPOINT_TYPE,
  PRIVATE_ENDPOINT_TYPE,
  PrivateEndpoint,
  type PrivateEndpointArgs,
} from "./private-endpoint";
export { privateEndpointProvider } from "./provider";
export type {
  AwsPrivateEndpointInputs,
  AzurePrivateEndpointInputs,
  GcpPrivateEndpointInputs,
  GcpForwardingRuleInput,
  PrivateEndpointInputs,
  PrivateEndpointOptions,
  PrivateEndpointTimeouts,
} from "./inputs";
export type { ForwardingRuleOutput, PrivateConnectionString, PrivateEndpointOutputs } from "./outputs";
export { formatResourceId, parseResourceId, type EndpointIdentity } from "./resource-id";
export { ResourceInitError } from "./errors/resource-init-error";
export { POLL_SCHEDULE, nextPollDelayMs, type PollMoment, type PollSchedule } from "./poll-schedule";
export { TIME_SCALE_ENV } from "./time-scale";
export type { CloudProvider } from "./status-table";
