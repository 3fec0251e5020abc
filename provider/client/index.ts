export { AtlasClient, ATLAS_MEDIA_TYPE } from "./atlas-client";
export type { NotFoundVerdict } from "./atlas-client";
export type { AtlasClientOptions, RetryOptions } from "./options";
export { DEFAULT_BASE_URL, DEFAULT_RETRY, DEFAULT_REQUEST_TIMEOUT_MS } from "./options";
export type { AtlasCredentials, CreateEndpointRequest, CreateEndpointServiceRequest } from "./types";
export { CLOUD_PROVIDERS, type CloudProvider } from "../vocabulary/clouds";
export type { EndpointRef, ServiceRef } from "../vocabulary/refs";
export type {
  AwsEndpointConnectionStatus,
  AzureEndpointStatus,
  GcpEndpointGroupStatus,
  GcpForwardingRuleStatus,
  EndpointServiceStatus,
  AwsAtlasEndpoint,
  AzureAtlasEndpoint,
  GcpAtlasEndpoint,
  GcpForwardingRule,
  AtlasEndpoint,
  AwsEndpointService,
  AzureEndpointService,
  GcpEndpointService,
  EndpointService,
} from "./schemas";
export {
  privateEndpointSchema,
  privateEndpointSchemas,
  endpointServiceSchema,
  endpointServiceSchemas,
  registeredEndpointIds,
} from "./schemas";
export { AtlasClientError } from "./errors/atlas-client-error";
export { AtlasApiError, isAtlasNotFound, refusalOf } from "./errors/atlas-api-error";
export { AtlasNetworkError } from "./errors/atlas-network-error";
export { AtlasTimeoutError } from "./errors/atlas-timeout-error";
export { AtlasResponseShapeError } from "./errors/atlas-response-shape-error";
export { USER_AGENT, PACKAGE_VERSION } from "./version";
export { CLUSTER_MEDIA_TYPE, clusterSchema, clusterPageSchema } from "./cluster-schemas";
export type { Cluster, ClusterRegionConfig, KnownClusterState } from "./cluster-schemas";
export type { ClusterPrivateEndpointRef, ClusterPrivateEndpointStrings } from "./cluster-schemas";
export { STREAM_PRIVATE_LINK_MEDIA_TYPE, streamPrivateLinkSchema, streamPrivateLinkPageSchema } from "./stream-private-link-schemas";
export type { CreateStreamPrivateLinkRequest, KnownStreamPrivateLinkState, StreamPrivateLink } from "./stream-private-link-schemas";
export type { StreamPrivateLinkRef } from "../vocabulary/refs";
export type { RegionalModeSetting } from "./regional-mode-schemas";
