/**
 * PrivateEndpoint's part of refresh and import (the rest is operations/read.ts): the inputs a
 * record declared or, imported, what its id and Atlas say they were; the connection strings its
 * clusters list now; the inputs as Atlas has them, so a refresh shows drift.
 */
import type { AtlasApiError, AtlasClient, AtlasEndpoint } from "../client";
import { reportProgress } from "../host/stderr";
import { NotConfirmedGone, notConfirmedGone } from "../waiting/gone";
import type { EndpointRef } from "../vocabulary/refs";
import { refreshConnectionStrings } from "../waiting/cluster-waits";
import { describeEndpoint, endpointRefFor } from "./ids";
import { INPUT_DEFAULTS, INPUT_KEYS, type ResolvedInputs } from "./inputs";
import { toOutputs, type PrivateEndpointOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** One GET of the endpoint. */
export const get = (client: AtlasClient, ref: EndpointRef): Promise<AtlasEndpoint> => client.getPrivateEndpoint(ref);

/** The endpoint a record names: its id, or for an id this format did not write, its recorded inputs. */
export const locate = async (_client: AtlasClient, id: string, props: Props): Promise<EndpointRef> => endpointRefFor(id, props);

/**
 * Only Atlas's own word makes a 404 "gone": the endpoint's service answers 200 (the endpoint is gone)
 * or 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND (its service went, and the endpoint with it).
 */
export async function confirmGone(client: AtlasClient, ref: EndpointRef, notFound: AtlasApiError): Promise<void> {
  const verdict = await client.whyNotFound(ref, notFound);
  const what = describeEndpoint(ref);
  if (verdict.gone) {
    if (verdict.because === "service")
      reportProgress(`${what}: its endpoint service ${ref.endpointServiceId} is gone from Atlas, and the endpoint with it`);
    return;
  }
  if (verdict.because === "serviceUnreadable") {
    throw new NotConfirmedGone(
      `${notFound.message}, but reading its endpoint service ${ref.endpointServiceId} did not confirm it is gone (${verdict.detail}). ` +
        `Check that endpoint service ${ref.endpointServiceId} exists in project groupId="${ref.groupId}"`,
      { method: notFound.method, path: notFound.path },
    );
  }
  throw notConfirmedGone({ because: verdict.because, detail: verdict.detail }, what, ref.groupId, notFound);
}

/** The inputs of a record that declares none (an import): what the ref and Atlas say they are, and the options in `props`. */
export function inAtlas(ref: EndpointRef, props: Props, endpoint: AtlasEndpoint): ResolvedInputs {
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
