import { AtlasApiError, AtlasClientError, isAtlasNotFound, type AtlasClient, type ServiceRef } from "../../client";
import { connectToAtlas } from "../../host/connection";
import { reportProgress } from "../../host/stderr";
import { describeService } from "../../vocabulary/ids";
import { type PrivateEndpointTimeouts, timeoutMs } from "../../vocabulary/inputs";
import { registeredEndpointIds } from "../../vocabulary/service-outputs";
import { formatDuration, realClock } from "../../vocabulary/time";
import { serviceGoneTwice } from "../../waiting/gone";
import { waitUntilServiceGone } from "../../waiting/service-waits";
import { locateService } from "./read";

export const ENDPOINTS_REMAIN = "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS";

/** Atlas refuses while endpoints are registered: name them and what to destroy first. */
async function explainEndpointsRemain(client: AtlasClient, ref: ServiceRef, refusal: AtlasApiError): Promise<Error> {
  let endpoints: string[] = [];
  try {
    endpoints = registeredEndpointIds(await client.getEndpointService(ref)) ?? [];
  } catch {
    // The refusal itself is the answer; the names only help.
  }
  const listed = endpoints.length > 0 ? `: ${endpoints.join(", ")}` : "";
  return new Error(
    `Atlas will not delete ${describeService(ref)} while endpoints are registered with it${listed} (${refusal.message}). ` +
      "Destroy the PrivateEndpoint resources that register them first (in one stack Pulumi does so when they depend on this service's endpointServiceId), " +
      "or remove the endpoints from Atlas, then run `pulumi destroy` again.",
    { cause: refusal },
  );
}

/** DELETE, then wait until Atlas answers its own 404. "Already gone" is success. */
export async function removeService(client: AtlasClient, ref: ServiceRef, deleteTimeoutMs: number): Promise<void> {
  const what = describeService(ref);
  try {
    await client.deleteEndpointService(ref);
  } catch (error) {
    if (isAtlasNotFound(error)) {
      const look = await serviceGoneTwice(client, ref, error);
      if (look.kind === "gone") {
        reportProgress(`${what}: already gone from Atlas`);
        return;
      }
      // A lagging 404: Atlas still has it, so delete it after all.
      return removeService(client, ref, deleteTimeoutMs);
    }
    if (error instanceof AtlasApiError && (error.errorCode === ENDPOINTS_REMAIN || error.status === 409)) {
      throw await explainEndpointsRemain(client, ref, error);
    }
    throw error;
  }
  const outcome = await waitUntilServiceGone({ client, ref, timeoutMs: deleteTimeoutMs });
  if (outcome.kind === "reached") return;
  throw new Error(
    `${what} is still in Atlas after the delete timeout of ${formatDuration(deleteTimeoutMs)} (last status ${outcome.observation?.label ?? "unknown"}). ` +
      "Atlas usually finishes on its own: run `pulumi destroy` again to wait again, or raise timeouts.delete.",
  );
}

/**
 * Destroy. An adopted service stays in Atlas (another stack may use it) unless
 * deleteAdoptedOnDestroy is true; a created one is deleted and waited for until Atlas forgets it.
 */
export async function removeServiceResource(id: string, props: Record<string, unknown>): Promise<void> {
  if (props.adopted === true && props.deleteAdoptedOnDestroy !== true) {
    reportProgress(
      `endpoint service ${typeof props.endpointServiceId === "string" ? props.endpointServiceId : id}: adopted from the project, so it stays in Atlas ` +
        "(other stacks may use it); set deleteAdoptedOnDestroy: true to delete it with this resource",
    );
    return;
  }
  const deleteTimeoutMs = timeoutMs(props.timeouts as PrivateEndpointTimeouts | undefined, "delete");
  const client = connectToAtlas(realClock.now() + deleteTimeoutMs);
  let ref: ServiceRef | undefined;
  try {
    ref = await locateService(client, id);
    if (!ref) {
      reportProgress(`endpoint service ${id}: Atlas lists none in that region; nothing to delete`);
      return;
    }
    await removeService(client, ref, deleteTimeoutMs);
  } catch (error) {
    if (!(error instanceof AtlasClientError)) throw error;
    throw new Error(
      `${error.message}. Could not delete ${ref ? describeService(ref) : `endpoint service ${id}`}: it stays in the stack; run \`pulumi destroy\` again once the cause is fixed or Atlas recovers.`,
      { cause: error },
    );
  }
}
