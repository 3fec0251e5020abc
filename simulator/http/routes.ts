import type { Handler } from "./handlers/context";
import { getCluster, listClusters } from "./handlers/clusters";
import {
  createPrivateEndpointId,
  deletePrivateEndpointId,
  getPrivateEndpointId,
  listPrivateEndpointIds,
} from "./handlers/data-federation-endpoints";
import { createPrivateEndpoint, deletePrivateEndpoint, getPrivateEndpoint } from "./handlers/endpoints";
import {
  createPrivateEndpointService,
  deletePrivateEndpointService,
  getPrivateEndpointService,
  listPrivateEndpointServices,
  updatePrivateEndpointService,
} from "./handlers/endpoint-services";
import { getRegionalEndpointMode, toggleRegionalEndpointMode } from "./handlers/regional-mode";
import {
  createPrivateLinkConnection,
  deletePrivateLinkConnection,
  getPrivateLinkConnection,
  listPrivateLinkConnections,
} from "./handlers/stream-private-links";

export type Route = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Segments starting with `:` are parameters, matched against the raw (percent-encoded) path. */
  path: string;
  /** The spec's operationId, so tests can find the schema for every response. */
  operationId: string;
  /** Writes need a key or account that is not read-only. */
  writes: boolean;
  /** Endpoint create/delete: the writes whose answer dialect.answerLost may lose after they ran. */
  answerMayBeLost?: true;
  handler: Handler;
  /** The media type (API version) the route answers in; default the private-endpoint 2023-01-01. */
  mediaType?: string;
};

/** The newest version of the cluster GETs (and the only one the simulator speaks for them). */
export const CLUSTER_MEDIA_TYPE = "application/vnd.atlas.2024-08-05+json";
/** The one version of the stream processing private link operations. */
export const STREAMS_MEDIA_TYPE = "application/vnd.atlas.2023-02-01+json";

const GROUP = "/api/atlas/v2/groups/:groupId/privateEndpoint";
const ENDPOINT_IDS = "/api/atlas/v2/groups/:groupId/privateNetworkSettings/endpointIds";
const STREAM_LINKS = "/api/atlas/v2/groups/:groupId/streams/privateLinkConnections";

/** The Atlas route table (method + path -> handler), as in the spec. */
export const ROUTES: Route[] = [
  {
    method: "GET",
    path: `${GROUP}/regionalMode`,
    operationId: "getGroupPrivateEndpointRegionalMode",
    writes: false,
    handler: getRegionalEndpointMode,
  },
  {
    method: "PATCH",
    path: `${GROUP}/regionalMode`,
    operationId: "toggleGroupPrivateEndpointRegionalMode",
    writes: true,
    answerMayBeLost: true,
    handler: toggleRegionalEndpointMode,
  },
  {
    method: "POST",
    path: `${GROUP}/endpointService`,
    operationId: "createGroupPrivateEndpointEndpointService",
    writes: true,
    handler: createPrivateEndpointService,
  },
  {
    method: "PATCH",
    path: `${GROUP}/endpointService/:endpointServiceId`,
    operationId: "updateGroupPrivateEndpointEndpointService",
    writes: true,
    handler: updatePrivateEndpointService,
  },
  {
    method: "GET",
    path: `${GROUP}/:cloudProvider/endpointService`,
    operationId: "listGroupPrivateEndpointEndpointService",
    writes: false,
    handler: listPrivateEndpointServices,
  },
  {
    method: "GET",
    path: `${GROUP}/:cloudProvider/endpointService/:endpointServiceId`,
    operationId: "getGroupPrivateEndpointEndpointService",
    writes: false,
    handler: getPrivateEndpointService,
  },
  {
    method: "DELETE",
    path: `${GROUP}/:cloudProvider/endpointService/:endpointServiceId`,
    operationId: "deleteGroupPrivateEndpointEndpointService",
    writes: true,
    handler: deletePrivateEndpointService,
  },
  {
    method: "POST",
    path: `${GROUP}/:cloudProvider/endpointService/:endpointServiceId/endpoint`,
    operationId: "createGroupPrivateEndpointEndpointServiceEndpoint",
    writes: true,
    answerMayBeLost: true,
    handler: createPrivateEndpoint,
  },
  {
    method: "GET",
    path: `${GROUP}/:cloudProvider/endpointService/:endpointServiceId/endpoint/:endpointId`,
    operationId: "getGroupPrivateEndpointEndpointServiceEndpoint",
    writes: false,
    handler: getPrivateEndpoint,
  },
  {
    method: "DELETE",
    path: `${GROUP}/:cloudProvider/endpointService/:endpointServiceId/endpoint/:endpointId`,
    operationId: "deleteGroupPrivateEndpointEndpointServiceEndpoint",
    writes: true,
    answerMayBeLost: true,
    handler: deletePrivateEndpoint,
  },
  {
    method: "GET",
    path: "/api/atlas/v2/groups/:groupId/clusters",
    operationId: "listGroupClusters",
    writes: false,
    handler: listClusters,
    mediaType: CLUSTER_MEDIA_TYPE,
  },
  {
    method: "GET",
    path: "/api/atlas/v2/groups/:groupId/clusters/:clusterName",
    operationId: "getGroupCluster",
    writes: false,
    handler: getCluster,
    mediaType: CLUSTER_MEDIA_TYPE,
  },
  {
    method: "GET",
    path: ENDPOINT_IDS,
    operationId: "listGroupPrivateNetworkSettingEndpointIds",
    writes: false,
    handler: listPrivateEndpointIds,
  },
  {
    method: "POST",
    path: ENDPOINT_IDS,
    operationId: "createGroupPrivateNetworkSettingEndpointId",
    writes: true,
    answerMayBeLost: true,
    handler: createPrivateEndpointId,
  },
  {
    method: "GET",
    path: `${ENDPOINT_IDS}/:endpointId`,
    operationId: "getGroupPrivateNetworkSettingEndpointId",
    writes: false,
    handler: getPrivateEndpointId,
  },
  {
    method: "DELETE",
    path: `${ENDPOINT_IDS}/:endpointId`,
    operationId: "deleteGroupPrivateNetworkSettingEndpointId",
    writes: true,
    answerMayBeLost: true,
    handler: deletePrivateEndpointId,
  },
  {
    method: "GET",
    path: STREAM_LINKS,
    operationId: "listGroupStreamPrivateLinkConnections",
    writes: false,
    handler: listPrivateLinkConnections,
    mediaType: STREAMS_MEDIA_TYPE,
  },
  {
    method: "POST",
    path: STREAM_LINKS,
    operationId: "createGroupStreamPrivateLinkConnection",
    writes: true,
    answerMayBeLost: true,
    handler: createPrivateLinkConnection,
    mediaType: STREAMS_MEDIA_TYPE,
  },
  {
    method: "GET",
    path: `${STREAM_LINKS}/:connectionId`,
    operationId: "getGroupStreamPrivateLinkConnection",
    writes: false,
    handler: getPrivateLinkConnection,
    mediaType: STREAMS_MEDIA_TYPE,
  },
  {
    method: "DELETE",
    path: `${STREAM_LINKS}/:connectionId`,
    operationId: "deleteGroupStreamPrivateLinkConnection",
    writes: true,
    answerMayBeLost: true,
    handler: deletePrivateLinkConnection,
    mediaType: STREAMS_MEDIA_TYPE,
  },
];

export type RouteMatch = { route: Route; params: Record<string, string> };

function matchPath(pattern: string, rawPath: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = rawPath.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < want.length; index++) {
    const segment = want[index]!;
    const actual = got[index]!;
    if (segment.startsWith(":")) {
      if (actual === "") return undefined;
      params[segment.slice(1)] = actual;
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

/** Literal segments beat parameters: `/privateEndpoint/endpointService` is never a cloudProvider. */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, rawPath);
    if (params) return { route, params };
  }
  return undefined;
}
