import {
  parseCloudProvider,
  parseCreateEndpointBody,
  parseEndpointId,
  parseEndpointServiceId,
  parseGroupId,
  parseJsonObject,
} from "../wire";
import type { Handler } from "./context";

export const createPrivateEndpoint: Handler = ({ params, body, backend, dialect }) => {
  const groupId = parseGroupId(params.groupId!);
  const cloud = parseCloudProvider(params.cloudProvider!);
  const serviceId = parseEndpointServiceId(params.endpointServiceId!);
  const input = parseCreateEndpointBody(cloud, parseJsonObject(body));
  const created = backend.createPrivateEndpoint(groupId, cloud, serviceId, input);
  if (dialect.omitCreateStatus) {
    delete created.status;
    delete created.connectionStatus;
  }
  return { status: dialect.endpointCreateStatus, body: created };
};

export const getPrivateEndpoint: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const cloud = parseCloudProvider(params.cloudProvider!);
  const serviceId = parseEndpointServiceId(params.endpointServiceId!);
  return { status: 200, body: backend.getPrivateEndpoint(groupId, cloud, serviceId, parseEndpointId(cloud, params.endpointId!)) };
};

export const deletePrivateEndpoint: Handler = ({ params, backend, dialect }) => {
  const groupId = parseGroupId(params.groupId!);
  const cloud = parseCloudProvider(params.cloudProvider!);
  const serviceId = parseEndpointServiceId(params.endpointServiceId!);
  backend.deletePrivateEndpoint(groupId, cloud, serviceId, parseEndpointId(cloud, params.endpointId!));
  return dialect.endpointDeleteStatus === 202 ? { status: 202, body: {} } : { status: 204 };
};
