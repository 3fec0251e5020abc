import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { AtlasClientError, isAtlasNotFound, type AtlasClient, type EndpointRef, type AtlasEndpoint } from "../client";
import { connectToAtlas, timeScale } from "../host/connection";
import { reportProgress } from "../host/stderr";
import type { EndpointStatusView } from "../vocabulary/clouds";
import { describeEndpoint, endpointRefFor } from "../vocabulary/ids";
import { INPUT_DEFAULTS, INPUT_KEYS, resolveInputs, type ResolvedInputs } from "../vocabulary/inputs";
import { toOutputs, type PrivateEndpointOutputs } from "../vocabulary/outputs";
import { refreshConnectionStrings } from "../waiting/cluster-waits";
import { PROVIDER_DELAYS } from "../waiting/endpoint-waits";
import { confirmGone } from "../waiting/gone";
import { POLL_SCHEDULE } from "../waiting/poll-schedule";
import { observe } from "../waiting/status-table";

/** The declared inputs, or (state without them) what the id and Atlas say they must have been. */
function declaredInputs(ref: EndpointRef, props: Record<string, unknown>, endpoint: AtlasEndpoint): ResolvedInputs {
  try {
    return resolveInputs(props);
  } catch {
    const options = {
      deleteOnCreateTimeout: props.deleteOnCreateTimeout === true,
      adoptExisting: props.adoptExisting === undefined ? INPUT_DEFAULTS.adoptExisting : props.adoptExisting === true,
      waitForClusters:
        props.waitForClusters === false || Array.isArray(props.waitForClusters)
          ? (props.waitForClusters as false | string[])
          : INPUT_DEFAULTS.waitForClusters,
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

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
function refreshedInputs(outputs: PrivateEndpointOutputs): Record<string, unknown> {
  const keys = INPUT_KEYS[outputs.cloudProvider];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  if (outputs.endpoints) inputs.endpoints = outputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress }));
  return inputs;
}

/** Recorded as still being created: Atlas may not list it yet, so a 404 is not proof it is gone. */
export function wasStillBeingCreated(props: Record<string, unknown>): boolean {
  return typeof props.cloudProvider === "string" && observe(props as unknown as EndpointStatusView).phase === "pending";
}

/** Looks again for the create's grace period; undefined when Atlas still answers 404 after it. */
export async function lookAgainDuringGrace(client: AtlasClient, ref: EndpointRef): Promise<AtlasEndpoint | undefined> {
  const scale = timeScale();
  const endsAt = Date.now() + PROVIDER_DELAYS.notFoundAfterCreateGraceMs * scale;
  for (let looks = 1; Date.now() < endsAt || looks <= PROVIDER_DELAYS.notFoundAfterCreateMinLooks; looks++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_SCHEDULE.fastIntervalMs * scale));
    try {
      return await client.getPrivateEndpoint(ref);
    } catch (error) {
      if (!isAtlasNotFound(error)) throw error;
    }
  }
  return undefined;
}

function refreshFailed(ref: EndpointRef, error: unknown): unknown {
  if (!(error instanceof AtlasClientError)) return error;
  return new Error(
    `${error.message}. Could not refresh ${describeEndpoint(ref)}: the stack keeps it as it was; run \`pulumi refresh\` again once Atlas answers.`,
    { cause: error },
  );
}

/**
 * Refresh: GET the endpoint. 404 means it is gone (empty id drops it from the stack), except for
 * an endpoint recorded as still being created, which gets the create's grace period first; any
 * other error is an error, never a deletion.
 */
export async function read(id: string, props: Record<string, unknown>): Promise<ReadResult<PrivateEndpointOutputs>> {
  const ref = endpointRefFor(id, props);
  const what = describeEndpoint(ref);
  const client = connectToAtlas();
  let endpoint: AtlasEndpoint | undefined;
  try {
    try {
      endpoint = await client.getPrivateEndpoint(ref);
    } catch (error) {
      if (!isAtlasNotFound(error)) throw error;
      // Only Atlas saying this endpoint is gone drops it from the stack (not a proxy's 404, not a missing project).
      await confirmGone(client, ref, error);
      if (!wasStillBeingCreated(props)) throw error;
      reportProgress(
        `${what}: not found in Atlas (404) while it was still being created; looking again, as Atlas may not list a new endpoint at once`,
      );
      endpoint = await lookAgainDuringGrace(client, ref);
    }
  } catch (error) {
    if (!isAtlasNotFound(error)) throw refreshFailed(ref, error);
  }
  if (!endpoint) {
    reportProgress(`${what}: not found in Atlas (404); it is gone`);
    return { id: "" };
  }
  const declared = declaredInputs(ref, props, endpoint);
  const strings = await refreshConnectionStrings(client, ref, declared.waitForClusters, props.privateConnectionStrings);
  const outputs = toOutputs(declared, endpoint, props.adopted === true, strings);
  return { id, props: outputs, inputs: refreshedInputs(outputs) as unknown as PrivateEndpointOutputs };
}
