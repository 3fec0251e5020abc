/**
 * PrivateEndpoint's create: POST the endpoint to its service. A 409 is this create's own earlier
 * attempt when one may have been carried out, otherwise an existing endpoint, taken over only when
 * adoptExisting allows (adoption.ts). Atlas keys endpoints by their id, so after a lost or
 * unreadable answer the endpoint the inputs name is this create's, when it matches them.
 */
import { isAtlasNotFound, type AtlasApiError, type AtlasClient, type AtlasEndpoint, type CreateEndpointRequest } from "../client";
import { reportProgress } from "../host/stderr";
import type { EndpointRef } from "../vocabulary/refs";
import { realClock } from "../vocabulary/time";
import { createFailureOf, explainCreateError, findOwn, unconfirmed, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { adoptionRefusal, differencesFromInputs } from "./adoption";
import { describeEndpoint, endpointRefOf } from "./ids";
import type { ResolvedInputs } from "./inputs";
import { observe } from "./statuses";

/** The POST body (the API calls the AWS/Azure id `id`, a name Pulumi reserves). */
export function createRequestOf(inputs: ResolvedInputs): CreateEndpointRequest {
  switch (inputs.cloudProvider) {
    case "AWS":
      return { cloudProvider: "AWS", id: inputs.endpointId };
    case "AZURE":
      return { cloudProvider: "AZURE", id: inputs.endpointId, privateEndpointIPAddress: inputs.privateEndpointIPAddress };
    case "GCP":
      return {
        cloudProvider: "GCP",
        gcpProjectId: inputs.gcpProjectId,
        endpointGroupName: inputs.endpointGroupName,
        endpoints: inputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })),
      };
    default:
      return inputs satisfies never;
  }
}

/**
 * The ref Atlas knows the new endpoint by. For GCP that is the group name Atlas answered with
 * (for a port-mapped service Atlas may report the endpoint's own name).
 */
export function registeredRef(inputs: ResolvedInputs, endpoint: AtlasEndpoint | undefined): EndpointRef {
  const ref = endpointRefOf(inputs);
  if (endpoint?.cloudProvider === "GCP" && endpoint.endpointGroupName) return { ...ref, endpointId: endpoint.endpointGroupName };
  return ref;
}

export function wordsFor(inputs: ResolvedInputs): UnconfirmedWords {
  const what = describeEndpoint(endpointRefOf(inputs));
  return {
    act: "register",
    subject: what,
    attempt: `register ${what} with Atlas`,
    groupId: inputs.groupId,
    notFound: (message) =>
      `Atlas has no ${inputs.cloudProvider} private endpoint service endpointServiceId="${inputs.endpointServiceId}" in project groupId="${inputs.groupId}" ` +
      `(${message}). Check both ids; the service must exist before endpoints are added to it.`,
    done: "registered",
    recordedAs: "not ready",
    nextUp: "it registers the endpoint again if Atlas does not have it",
  };
}

/** The endpoint this create may have registered, looked for through the create's grace; none: unconfirmed. */
async function readOwn(client: AtlasClient, inputs: ResolvedInputs, ref: EndpointRef, cause: unknown): Promise<AtlasEndpoint> {
  const words = wordsFor(inputs);
  const found = await findOwn(() => client.getPrivateEndpoint(ref), words, cause);
  if (!found) throw unconfirmed(words, cause, "Atlas did not list it within the grace period for a new endpoint");
  return found;
}

/** What a resumed update says when Atlas no longer has the endpoint. */
export const again = "registering it again";

/**
 * POST the endpoint. After Atlas said yes, or may have, this never ends without the endpoint: it is
 * returned, or CreateUnconfirmed records it.
 */
export async function place(client: AtlasClient, inputs: ResolvedInputs): Promise<Placed<EndpointRef, AtlasEndpoint>> {
  const ref = endpointRefOf(inputs);
  const what = describeEndpoint(ref);
  const words = wordsFor(inputs);
  const placed = (answer: AtlasEndpoint | undefined, adopted: boolean) => ({
    ref: registeredRef(inputs, answer),
    answer,
    adopted,
    acceptedAt: realClock.now(),
  });
  try {
    const endpoint = await client.createPrivateEndpoint(ref, createRequestOf(inputs));
    reportProgress(`${what}: registered with Atlas endpoint service ${inputs.endpointServiceId}`);
    return placed(endpoint, false);
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "accepted":
        // Atlas said yes; only its answer is unreadable. Registered: the wait reads it again.
        reportProgress(
          `${what}: registered with Atlas endpoint service ${inputs.endpointServiceId} (its answer could not be read: ${failure.error.issues}); reading it again`,
        );
        return placed(undefined, false);
      case "conflict": {
        const own = failure.error.mayHaveTakenEffect;
        const existing = own ? await readOwn(client, inputs, ref, failure.error) : await readExisting(client, inputs, ref, failure.error);
        const refusal = adoptionRefusal(inputs, existing);
        if (refusal) throw new Error(refusal);
        const seen = observe(existing).label;
        reportProgress(
          own
            ? `${what}: a retried create found it already registered (an earlier attempt reached Atlas); continuing with it (status ${seen})`
            : `${what}: already registered with Atlas; adopting it because adoptExisting is true (status ${seen})`,
        );
        return placed(existing, !own);
      }
      case "lost": {
        const existing = await readOwn(client, inputs, ref, failure.error);
        // Atlas keys endpoints by id: one that differs from the inputs was there before this create.
        if (differencesFromInputs(inputs, existing).length > 0) throw explainCreateError(failure.error, words);
        reportProgress(
          `${what}: the create's answer was lost, but Atlas has it registered; continuing with it (status ${observe(existing).label})`,
        );
        return placed(existing, false);
      }
      case "failed":
        throw explainCreateError(failure.error, words);
      default:
        return failure satisfies never;
    }
  }
}

/** The endpoint a 409 says exists (not this create's): refused when adoptExisting is false, before any read. */
async function readExisting(
  client: AtlasClient,
  inputs: ResolvedInputs,
  ref: EndpointRef,
  conflict: AtlasApiError,
): Promise<AtlasEndpoint> {
  const what = describeEndpoint(ref);
  if (!inputs.adoptExisting) {
    throw new Error(
      `${what} is already registered with Atlas endpoint service ${inputs.endpointServiceId} (${conflict.message}). ` +
        "adoptExisting is false, so it is not taken over: remove it from Atlas, or set adoptExisting: true to manage it with this resource.",
    );
  }
  try {
    return await client.getPrivateEndpoint(ref);
  } catch (error) {
    if (isAtlasNotFound(error)) {
      throw new Error(
        `Atlas answered 409 (already exists) for ${what} but 404 when reading it; it is probably being deleted. Run \`pulumi up\` again in a minute.`,
      );
    }
    throw error;
  }
}
