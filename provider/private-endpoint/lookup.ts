/**
 * getPrivateEndpoints: the endpoints registered with an endpoint service, as Atlas reports them, for a stack that
 * needs to know what is registered (another stack's endpoints, or the console's) without managing them.
 */
import { z } from "zod";
import { isAtlasNotFound, registeredEndpointIds, type AtlasClient, type AtlasEndpoint } from "../client";
import { lookup } from "../operations/lookup";
import { plainJson } from "../vocabulary/state";
import { HEX24, cloudProvider, text } from "../vocabulary/validation";
import { PRIVATE_ENDPOINT_PROPERTIES as P } from "./properties";
import { statusOf } from "./statuses";

export interface RegisteredEndpoint {
  endpointId: string;
  status?: string;
  errorMessage?: string;
  deleteRequested?: boolean;
  privateEndpointIPAddress?: string;
  gcpProjectId?: string;
  portMappingEnabled?: boolean;
}

const args = z
  .object({
    groupId: text(HEX24, "24 hexadecimal characters (the Atlas project id)"),
    cloudProvider,
    endpointServiceId: text(HEX24, "24 hexadecimal characters (the Atlas endpoint service id)"),
  })
  .strict();

function entryOf(endpointId: string, endpoint: AtlasEndpoint): RegisteredEndpoint {
  return plainJson({
    endpointId,
    status: statusOf(endpoint),
    errorMessage: endpoint.errorMessage,
    deleteRequested: endpoint.deleteRequested,
    privateEndpointIPAddress: endpoint.cloudProvider === "AZURE" ? endpoint.privateEndpointIPAddress : undefined,
    gcpProjectId: endpoint.cloudProvider === "GCP" ? endpoint.gcpProjectId : undefined,
    portMappingEnabled: endpoint.cloudProvider === "GCP" ? endpoint.portMappingEnabled : undefined,
  });
}

async function read(client: AtlasClient, given: z.output<typeof args>): Promise<{ endpoints: RegisteredEndpoint[] }> {
  const service = { groupId: given.groupId, cloudProvider: given.cloudProvider ?? "AWS", endpointServiceId: given.endpointServiceId };
  const ids = registeredEndpointIds(await client.getEndpointService(service)) ?? [];
  const endpoints: RegisteredEndpoint[] = [];
  for (const endpointId of ids) {
    try {
      endpoints.push(entryOf(endpointId, await client.getPrivateEndpoint({ ...service, endpointId })));
    } catch (error) {
      // Listed on the service, then gone before its own read (deleted meanwhile): not registered any more.
      if (!isAtlasNotFound(error)) throw error;
    }
  }
  return { endpoints };
}

export const getPrivateEndpoints = lookup({
  name: "getPrivateEndpoints",
  description:
    "The endpoints registered with an Atlas private endpoint service, each with its status as Atlas reports it. " +
    "Reads Atlas, so it needs credentials at preview too.",
  inputs: { groupId: P.groupId, cloudProvider: P.cloudProvider, endpointServiceId: P.endpointServiceId },
  outputs: {
    endpoints: {
      description: "Every endpoint registered with the service.",
      type: { type: "array", items: { $ref: "RegisteredEndpoint" } },
      alwaysOutput: true,
    },
  },
  args,
  read,
});

export const lookups = [getPrivateEndpoints];
