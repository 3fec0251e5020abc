import { listPage, parseDataFederationEndpointBody, parseDataFederationEndpointId, parseGroupId, parseJsonObject } from "../wire";
import type { Handler } from "./context";

export const listPrivateEndpointIds: Handler = ({ params, query, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  return { status: 200, body: listPage(backend.listPrivateEndpointIds(groupId), query) };
};

/** The spec: 201 with the project's whole list (first page), whether the entry was added or only its comment changed. */
export const createPrivateEndpointId: Handler = ({ params, query, body, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const input = parseDataFederationEndpointBody(parseJsonObject(body));
  return { status: 201, body: listPage(backend.createPrivateEndpointId(groupId, input), query) };
};

export const getPrivateEndpointId: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  return { status: 200, body: backend.getPrivateEndpointId(groupId, parseDataFederationEndpointId(params.endpointId!)) };
};

/** The spec: 204; the entry then answers DELETING until Atlas forgets it (404). */
export const deletePrivateEndpointId: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  backend.deletePrivateEndpointId(groupId, parseDataFederationEndpointId(params.endpointId!));
  return { status: 204 };
};
