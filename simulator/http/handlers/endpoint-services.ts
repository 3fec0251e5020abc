import {
  parseCloudProvider,
  parseCreateEndpointServiceBody,
  parseEndpointServiceId,
  parseGroupId,
  parseJsonObject,
  parseUpdateEndpointServiceBody,
} from "../wire";
import type { Handler } from "./context";

export const createPrivateEndpointService: Handler = ({ params, body, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const input = parseCreateEndpointServiceBody(parseJsonObject(body));
  // Recorded: 201 Created (the spec says 200).
  return { status: 201, body: backend.createPrivateEndpointService(groupId, input) };
};

export const listPrivateEndpointServices: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  return { status: 200, body: backend.listPrivateEndpointServices(groupId, parseCloudProvider(params.cloudProvider!)) };
};

export const getPrivateEndpointService: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const cloud = parseCloudProvider(params.cloudProvider!);
  return { status: 200, body: backend.getPrivateEndpointService(groupId, cloud, parseEndpointServiceId(params.endpointServiceId!)) };
};

export const updatePrivateEndpointService: Handler = ({ params, body, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const serviceId = parseEndpointServiceId(params.endpointServiceId!);
  const regions = parseUpdateEndpointServiceBody(parseJsonObject(body));
  return { status: 200, body: backend.updatePrivateEndpointService(groupId, serviceId, regions) };
};

export const deletePrivateEndpointService: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const cloud = parseCloudProvider(params.cloudProvider!);
  backend.deletePrivateEndpointService(groupId, cloud, parseEndpointServiceId(params.endpointServiceId!));
  // Recorded: 202 Accepted with `{}` (the spec says 204).
  return { status: 202, body: {} };
};
