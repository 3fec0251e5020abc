import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { connectToAtlas, describeEndpoint } from "./atlas";
import { isAtlasNotFound, type EndpointRef, type PrivateEndpoint } from "./client";
import { INPUT_DEFAULTS, INPUT_KEYS, resolveInputs, type ResolvedInputs } from "./inputs";
import { toOutputs, type PrivateEndpointOutputs } from "./outputs";
import { reportProgress } from "./progress";
import { endpointRefFor } from "./refs";

/** The declared inputs, or (state without them) what the id and Atlas say they must have been. */
function declaredInputs(ref: EndpointRef, props: Record<string, unknown>, endpoint: PrivateEndpoint): ResolvedInputs {
  try {
    return resolveInputs(props);
  } catch {
    const options = {
      deleteOnCreateTimeout: props.deleteOnCreateTimeout === true,
      adoptExisting: props.adoptExisting === undefined ? INPUT_DEFAULTS.adoptExisting : props.adoptExisting === true,
    };
    const service = { groupId: ref.groupId, endpointServiceId: ref.endpointServiceId, ...options };
    switch (endpoint.cloudProvider) {
      case "AWS":
        return { ...service, cloudProvider: "AWS", endpointId: ref.endpointId };
      case "AZURE":
        return { ...service, cloudProvider: "AZURE", endpointId: ref.endpointId, privateEndpointIPAddress: endpoint.privateEndpointIPAddress ?? "" };
      case "GCP":
        return {
          ...service,
          cloudProvider: "GCP",
          endpointGroupName: endpoint.endpointGroupName ?? ref.endpointId,
          gcpProjectId: endpoint.gcpProjectId ?? "",
          endpoints: (endpoint.endpoints ?? []).map((rule) => ({ endpointName: rule.endpointName ?? "", ipAddress: rule.ipAddress ?? "" })),
        };
      default:
        return endpoint satisfies never;
    }
  }
}

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
function refreshedInputs(outputs: PrivateEndpointOutputs): Record<string, unknown> {
  const keys = INPUT_KEYS[outputs.cloudProvider];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  if (outputs.endpoints) inputs.endpoints = outputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress }));
  return inputs;
}

/**
 * Refresh: GET the endpoint. 404 means it is gone (empty id drops it from the stack); any other
 * error is an error, never a deletion.
 */
export async function read(id: string, props: Record<string, unknown>): Promise<ReadResult<PrivateEndpointOutputs>> {
  const ref = endpointRefFor(id, props);
  let endpoint: PrivateEndpoint;
  try {
    endpoint = await connectToAtlas().getPrivateEndpoint(ref);
  } catch (error) {
    if (!isAtlasNotFound(error)) throw error;
    reportProgress(`${describeEndpoint(ref)}: not found in Atlas (404); it is gone`);
    return { id: "" };
  }
  const outputs = toOutputs(declaredInputs(ref, props, endpoint), endpoint, props.adopted === true);
  return { id, props: outputs, inputs: refreshedInputs(outputs) as unknown as PrivateEndpointOutputs };
}
