import type { CreateResult } from "@pulumi/pulumi/dynamic";
import {
  AtlasApiError,
  AtlasNetworkError,
  AtlasResponseShapeError,
  isAtlasNotFound,
  type AtlasClient,
  type EndpointRef,
  type AtlasEndpoint,
  type CreateEndpointRequest,
} from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { describeEndpoint, endpointRefOf, formatResourceId } from "../vocabulary/ids";
import { PROVIDER_KEY, resolveInputs, type ResolvedInputs, timeoutMs } from "../vocabulary/inputs";
import { toOutputs, type PrivateEndpointOutputs } from "../vocabulary/outputs";
import { realClock } from "../vocabulary/time";
import { graceAfterCreate, lookAgain } from "../waiting/gone";
import { observe } from "../waiting/status-table";
import { differencesFromInputs } from "./adoption";
import { ResourceInitError } from "./resource-init-error";
import { settle } from "./settle";

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

export interface Registration {
  /** What Atlas answered; undefined when it said yes (2xx) with an answer that could not be read. */
  endpoint: AtlasEndpoint | undefined;
  /** The endpoint existed before this resource (409) and was taken over. */
  adopted: boolean;
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

/**
 * POST the endpoint. After Atlas said yes, or may have (an answer lost to a reset, a timeout or a
 * 5xx), this never ends without the endpoint: it is returned, or RegistrationUnconfirmed records it.
 * A 409 is this create's own earlier attempt when one may have been carried out; otherwise an
 * existing endpoint, taken over only when adoptExisting allows.
 */
export async function register(client: AtlasClient, inputs: ResolvedInputs): Promise<Registration> {
  const ref = endpointRefOf(inputs);
  const what = describeEndpoint(ref);
  try {
    const endpoint = await client.createPrivateEndpoint(ref, createRequestOf(inputs));
    reportProgress(`${what}: registered with Atlas endpoint service ${inputs.endpointServiceId}`);
    return { endpoint, adopted: false };
  } catch (error) {
    if (error instanceof AtlasResponseShapeError && error.status >= 200 && error.status < 300) {
      // Atlas said yes; only its answer is unreadable. Registered: the wait reads it again.
      reportProgress(
        `${what}: registered with Atlas endpoint service ${inputs.endpointServiceId} (its answer could not be read: ${error.issues}); reading it again`,
      );
      return { endpoint: undefined, adopted: false };
    }
    if (error instanceof AtlasApiError && error.status === 409) return takeOver(client, inputs, ref, error, error.mayHaveTakenEffect);
    if (mayHaveTakenEffect(error)) return findOwn(client, inputs, ref, error);
    throw explainCreateError(error, inputs, what);
  }
}

/** The create may or may not have reached Atlas and Atlas could not confirm it: record it rather than risk an orphan. */
export class RegistrationUnconfirmed extends Error {
  override readonly name = "RegistrationUnconfirmed";
}

/** Atlas may have carried out the POST (its answer lost to a reset, a timeout or a 5xx); a refused connection never reached it. */
function mayHaveTakenEffect(error: unknown): boolean {
  return (error instanceof AtlasNetworkError || (error instanceof AtlasApiError && error.status >= 500)) && error.mayHaveTakenEffect;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function unconfirmed(inputs: ResolvedInputs, what: string, cause: unknown, why: string): RegistrationUnconfirmed {
  return new RegistrationUnconfirmed(
    `${explainCreateError(cause, inputs, what).message}. Atlas may have registered it before the answer was lost, and ${why}, so it is recorded in the stack as not ready: ` +
      "run `pulumi up` again to finish (it registers the endpoint again if Atlas does not have it).",
    { cause },
  );
}

/**
 * Reads an endpoint this create may have registered; a 404 right after a create may be Atlas not
 * listing it yet, so it gets the same grace as the wait. Still nothing: recorded as unconfirmed.
 */
async function readOwn(client: AtlasClient, inputs: ResolvedInputs, ref: EndpointRef, cause: unknown): Promise<AtlasEndpoint> {
  const what = describeEndpoint(ref);
  try {
    return await client.getPrivateEndpoint(ref);
  } catch (lookupError) {
    if (!isAtlasNotFound(lookupError)) throw unconfirmed(inputs, what, cause, `reading it failed too (${messageOf(lookupError)})`);
  }
  reportProgress(
    `${what}: not found in Atlas (404) right after a create whose answer was lost; looking again, as Atlas may not list a new endpoint at once`,
  );
  let found: AtlasEndpoint | undefined;
  try {
    const look = await lookAgain({ read: () => client.getPrivateEndpoint(ref), grace: graceAfterCreate(realClock.now()) });
    found = look.kind === "found" ? look.value : undefined;
  } catch (lookupError) {
    throw unconfirmed(inputs, what, cause, `reading it failed too (${messageOf(lookupError)})`);
  }
  if (!found) throw unconfirmed(inputs, what, cause, "Atlas did not list it within the grace period for a new endpoint");
  return found;
}

/** The POST's answer was lost: look before giving up. */
async function findOwn(client: AtlasClient, inputs: ResolvedInputs, ref: EndpointRef, error: unknown): Promise<Registration> {
  const what = describeEndpoint(ref);
  const existing = await readOwn(client, inputs, ref, error);
  const differences = differencesFromInputs(inputs, existing);
  // Atlas keys endpoints by id: one that differs from the inputs was there before this create.
  if (differences.length > 0) throw explainCreateError(error, inputs, what);
  reportProgress(
    `${what}: the create's answer was lost, but Atlas has it registered; continuing with it (status ${observe(existing).label})`,
  );
  return { endpoint: existing, adopted: false };
}

async function takeOver(
  client: AtlasClient,
  inputs: ResolvedInputs,
  ref: EndpointRef,
  conflict: AtlasApiError,
  ownEarlierAttempt: boolean,
): Promise<Registration> {
  const what = describeEndpoint(ref);
  if (!inputs.adoptExisting && !ownEarlierAttempt) {
    throw new Error(
      `${what} is already registered with Atlas endpoint service ${inputs.endpointServiceId} (${conflict.message}). ` +
        "adoptExisting is false, so it is not taken over: remove it from Atlas, or set adoptExisting: true to manage it with this resource.",
    );
  }
  let existing: AtlasEndpoint;
  if (ownEarlierAttempt) {
    existing = await readOwn(client, inputs, ref, conflict);
  } else {
    try {
      existing = await client.getPrivateEndpoint(ref);
    } catch (error) {
      if (isAtlasNotFound(error)) {
        throw new Error(
          `Atlas answered 409 (already exists) for ${what} but 404 when reading it; it is probably being deleted. Run \`pulumi up\` again in a minute.`,
        );
      }
      throw error;
    }
  }
  const seen = observe(existing);
  if (seen.phase === "deleting" || seen.phase === "gone" || existing.deleteRequested === true) {
    throw new Error(
      `${what} is already registered with Atlas but is being deleted (status ${seen.label}); run \`pulumi up\` again once Atlas has removed it.`,
    );
  }
  const differences = differencesFromInputs(inputs, existing);
  if (differences.length > 0) {
    throw new Error(
      `${what} is already registered with Atlas but differs from the inputs, so it is not adopted: ${differences.join("; ")}. ` +
        "Change the inputs to match, or remove the endpoint from Atlas.",
    );
  }
  reportProgress(
    ownEarlierAttempt
      ? `${what}: a retried create found it already registered (an earlier attempt reached Atlas); continuing with it (status ${seen.label})`
      : `${what}: already registered with Atlas; adopting it because adoptExisting is true (status ${seen.label})`,
  );
  return { endpoint: existing, adopted: !ownEarlierAttempt };
}

function explainCreateError(error: unknown, inputs: ResolvedInputs, what: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AtlasApiError && error.status === 404) {
    return new Error(
      `Atlas has no ${inputs.cloudProvider} private endpoint service endpointServiceId="${inputs.endpointServiceId}" in project groupId="${inputs.groupId}" ` +
        `(${message}). Check both ids; the service must exist before endpoints are added to it.`,
      { cause: error },
    );
  }
  if (error instanceof AtlasApiError && error.status === 400) return new Error(`Atlas rejected ${what}: ${message}`, { cause: error });
  if (error instanceof AtlasApiError && error.status === 401) {
    return new Error(
      `Atlas did not accept the credentials to register ${what}: ${message}. Check the API key (mongodbatlas:publicKey/privateKey) or service account (mongodbatlas:clientId/clientSecret) in use.`,
      { cause: error },
    );
  }
  if (error instanceof AtlasApiError && error.status === 403) {
    return new Error(
      `Atlas does not allow these credentials to register ${what}: ${message}. Use an API key or service account with the Project Owner role in project groupId="${inputs.groupId}", then run \`pulumi up\` again.`,
      { cause: error },
    );
  }
  if (error instanceof AtlasApiError && error.status === 402) {
    return new Error(
      `Atlas will not register ${what} in project groupId="${inputs.groupId}" before the project's organization has payment information: ${message}. Add a payment method in Atlas (Billing), then run \`pulumi up\` again.`,
      { cause: error },
    );
  }
  return new Error(`Could not register ${what} with Atlas: ${message}`, { cause: error });
}

export async function create(props: Record<string, unknown>): Promise<CreateResult<PrivateEndpointOutputs>> {
  const inputs = resolveInputs(props);
  const startedAt = realClock.now();
  const client = connectToAtlas(startedAt + timeoutMs(inputs.timeouts, "create"));
  let registration: Registration;
  try {
    registration = await register(client, inputs);
  } catch (error) {
    if (!(error instanceof RegistrationUnconfirmed)) throw error;
    // Recorded without a status: update resumes (or registers again), refresh and destroy accept a 404.
    const outputs = { ...toOutputs(inputs, undefined, false), [PROVIDER_KEY]: props[PROVIDER_KEY] };
    throw new ResourceInitError(formatResourceId(endpointRefOf(inputs)), outputs, error.message);
  }
  const { endpoint, adopted } = registration;
  const ref = registeredRef(inputs, endpoint);
  return settle(client, {
    id: formatResourceId(ref),
    ref,
    inputs,
    provider: props[PROVIDER_KEY],
    adopted,
    initial: endpoint,
    acceptedAt: realClock.now(),
    timeoutMs: timeoutMs(inputs.timeouts, "create"),
    startedAt,
  });
}
