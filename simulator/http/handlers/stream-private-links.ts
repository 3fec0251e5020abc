import { listPage, parseGroupId, parseJsonObject, parseStreamPrivateLinkBody } from "../wire";
import type { Handler } from "./context";

/** Connection ids are ObjectIds, but the extract gives the path parameter no pattern: any other id names none (404). */
const connectionId = (raw: string) => raw;

export const listPrivateLinkConnections: Handler = ({ params, query, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  return { status: 200, body: listPage(backend.listPrivateLinkConnections(groupId), query) };
};

/** The spec: 200 with the connection, IDLE. */
export const createPrivateLinkConnection: Handler = ({ params, body, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const input = parseStreamPrivateLinkBody(parseJsonObject(body));
  return { status: 200, body: backend.createPrivateLinkConnection(groupId, input) };
};

export const getPrivateLinkConnection: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  return { status: 200, body: backend.getPrivateLinkConnection(groupId, connectionId(params.connectionId!)) };
};

/**
 * The spec: 202 (with no body schema); answered `{}` as recorded Atlas answers its other 202 deletes. The
 * connection then goes DELETE_REQUESTED, DELETING, and answers 404.
 */
export const deletePrivateLinkConnection: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  backend.deletePrivateLinkConnection(groupId, connectionId(params.connectionId!));
  return { status: 202, body: {} };
};
