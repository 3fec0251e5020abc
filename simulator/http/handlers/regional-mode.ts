import { parseGroupId, parseJsonObject, parseRegionalModeBody } from "../wire";
import type { Handler } from "./context";

export const getRegionalEndpointMode: Handler = ({ params, backend }) => {
  return { status: 200, body: backend.getRegionalEndpointMode(parseGroupId(params.groupId!)) };
};

export const toggleRegionalEndpointMode: Handler = ({ params, body, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const enabled = parseRegionalModeBody(parseJsonObject(body));
  // Recorded: 202 Accepted with the setting (the spec says 200).
  return { status: 202, body: backend.toggleRegionalEndpointMode(groupId, enabled) };
};
