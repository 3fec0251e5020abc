/**
 * PrivateEndpoint's part of refresh and import (the rest is operations/read.ts): the inputs a
 * record declared or, imported, what its id and Atlas say they were; the connection strings its
 * clusters list now; the inputs as Atlas has them, so a refresh shows drift.
 */
import type { AtlasClient, AtlasEndpoint } from "../client";
import type { EndpointRef } from "../vocabulary/refs";
import { refreshConnectionStrings } from "../waiting/cluster-waits";
import { describeEndpoint } from "./ids";
import { INPUT_DEFAULTS, INPUT_KEYS, resolveInputs, type ResolvedInputs } from "./inputs";
import { toOutputs, type PrivateEndpointOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** The declared inputs, or (state without them) what the id and Atlas say they must have been. */
export function declaredInputs(ref: EndpointRef, props: Props, endpoint: AtlasEndpoint): ResolvedInputs {
  try {
    return resolveInputs(props);
  } catch {
    const options = {
      deleteOnCreateTimeout: props.deleteOnCreateTimeout === true,
      adoptExisting: props.adoptExisting === undefined ? INPUT_DEFAULTS.adoptExisting : props.adoptExisting === true,
      waitForClusters: waitForClustersOf(props.waitForClusters),
    };
    const service = { groupId: ref.groupId, endpointServiceId: ref.endpointServiceId, ...options };
    switch (endpoint.cloudProvider) {
      case "AWS":
        return { ...service, cloudProvider: "AWS", endpointId: ref.endpointId };
      case "AZURE":
        return {
          ...service,
          cloudProvider: "AZURE",
          endpointId: ref.endpointId,
          privateEndpointIPAddress: endpoint.privateEndpointIPAddress ?? "",
        };
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

function waitForClustersOf(recorded: unknown): boolean | string[] {
  if (recorded === false) return false;
  if (Array.isArray(recorded)) return recorded.filter((name): name is string => typeof name === "string");
  return INPUT_DEFAULTS.waitForClusters;
}

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
export function refreshedInputs(outputs: PrivateEndpointOutputs): Props {
  const keys = INPUT_KEYS[outputs.cloudProvider];
  const inputs: Props = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  if (outputs.endpoints) inputs.endpoints = outputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress }));
  return inputs;
}

/** The refreshed outputs: what Atlas says of the endpoint, and the strings its clusters list for it now. */
export async function refreshedOutputs(
  client: AtlasClient,
  ref: EndpointRef,
  declared: ResolvedInputs,
  endpoint: AtlasEndpoint,
  props: Props,
): Promise<PrivateEndpointOutputs> {
  const strings = await refreshConnectionStrings(
    client,
    ref,
    describeEndpoint(ref),
    declared.waitForClusters,
    props.privateConnectionStrings,
  );
  return toOutputs(declared, endpoint, props.adopted === true, strings);
}
