import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { AtlasClientError, isAtlasNotFound, type EndpointRef, type AtlasEndpoint } from "../client";
import { connectToAtlas } from "../host/connection";
import { realClock } from "../vocabulary/time";
import { reportProgress } from "../host/stderr";
import type { EndpointStatusView } from "../vocabulary/clouds";
import { describeEndpoint, endpointRefFor } from "../vocabulary/ids";
import { INPUT_DEFAULTS, INPUT_KEYS, resolveInputs, type ResolvedInputs } from "../vocabulary/inputs";
import { toOutputs, type PrivateEndpointOutputs } from "../vocabulary/outputs";
import { refreshConnectionStrings } from "../waiting/cluster-waits";
import { endpointGoneTwice, graceAfterCreate, SECOND_LOOK, type NotFoundGrace } from "../waiting/gone";
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

/** The grace for a 404 on an endpoint recorded as still being created, counted from now (its create time is not recorded). */
export function graceIfStillBeingCreated(props: Record<string, unknown>): NotFoundGrace {
  return wasStillBeingCreated(props) ? graceAfterCreate(realClock.now()) : SECOND_LOOK;
}

function refreshFailed(ref: EndpointRef, error: unknown): unknown {
  if (!(error instanceof AtlasClientError)) return error;
  return new Error(
    `${error.message}. Could not refresh ${describeEndpoint(ref)}: the stack keeps it as it was; run \`pulumi refresh\` again once Atlas answers.`,
    { cause: error },
  );
}

/**
 * Refresh: GET the endpoint. A 404 means it is gone (empty id drops it from the stack) only when
 * Atlas says so and a second look after a short pause agrees (gone.ts); an endpoint recorded as
 * still being created gets the create's grace instead. Any other error is an error, never a deletion.
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
      if (wasStillBeingCreated(props)) {
        reportProgress(
          `${what}: not found in Atlas (404) while it was still being created; looking again, as Atlas may not list a new endpoint at once`,
        );
      }
      // Only Atlas saying this endpoint is gone, twice, drops it from the stack (not a proxy's 404, not a missing project, not one lagging read).
      const look = await endpointGoneTwice(client, ref, error, { grace: graceIfStillBeingCreated(props) });
      endpoint = look.kind === "found" ? look.value : undefined;
    }
  } catch (error) {
    throw refreshFailed(ref, error);
  }
  if (!endpoint) {
    reportProgress(`${what}: not found in Atlas (404) twice; it is gone`);
    return { id: "" };
  }
  const declared = declaredInputs(ref, props, endpoint);
  const strings = await refreshConnectionStrings(client, ref, declared.waitForClusters, props.privateConnectionStrings);
  const outputs = toOutputs(declared, endpoint, props.adopted === true, strings);
  return { id, props: outputs, inputs: refreshedInputs(outputs) as unknown as PrivateEndpointOutputs };
}
