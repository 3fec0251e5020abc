import { AtlasClientError, isAtlasNotFound, type AtlasClient, type AtlasEndpoint, type EndpointRef } from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { describeEndpoint, endpointRefFor } from "../vocabulary/ids";
import { type PrivateEndpointTimeouts, timeoutMs } from "../vocabulary/inputs";
import { formatDuration, realClock } from "../vocabulary/time";
import { waitUntilGone } from "../waiting/endpoint-waits";
import { endpointGoneTwice, graceAfterCreate, SECOND_LOOK } from "../waiting/gone";
import { observe } from "../waiting/status-table";
import { wasStillBeingCreated } from "./read";

/**
 * DELETE, then wait until Atlas answers 404. "Already gone" (as Atlas says it, twice: gone.ts) is
 * success, except for an endpoint recorded as still being created: Atlas may not list a new one at
 * once, so it is looked for during the create's grace period and deleted if it shows up.
 */
export async function removeEndpoint(
  client: AtlasClient,
  ref: EndpointRef,
  deleteTimeoutMs: number,
  stillBeingCreated = false,
): Promise<void> {
  const what = describeEndpoint(ref);
  try {
    await client.deletePrivateEndpoint(ref);
  } catch (error) {
    if (isAtlasNotFound(error)) {
      if (stillBeingCreated) {
        reportProgress(
          `${what}: not found in Atlas (404) while it was still being created; looking again before calling it gone, as Atlas may not list a new endpoint at once`,
        );
      }
      // Gone twice (gone.ts), or the create's grace for one recorded as still being created.
      const grace = stillBeingCreated ? graceAfterCreate(realClock.now()) : SECOND_LOOK;
      const look = await endpointGoneTwice(client, ref, error, { grace, timeoutMs: deleteTimeoutMs });
      if (look.kind === "found") return removeEndpoint(client, ref, deleteTimeoutMs);
      reportProgress(`${what}: already gone from Atlas`);
      return;
    }
    // Atlas may refuse a second DELETE while one is under way; what matters is whether it is going.
    let current: AtlasEndpoint;
    try {
      current = await client.getPrivateEndpoint(ref);
    } catch (readError) {
      if (!isAtlasNotFound(readError)) throw error;
      const look = await endpointGoneTwice(client, ref, readError, { timeoutMs: deleteTimeoutMs });
      if (look.kind === "gone") return;
      current = look.value;
    }
    if (observe(current).phase !== "deleting" && current.deleteRequested !== true) throw error;
  }
  const outcome = await waitUntilGone({ client, ref, timeoutMs: deleteTimeoutMs });
  if (outcome.kind === "reached") return;
  const last = outcome.observation?.label ?? "unknown";
  throw new Error(
    `${what} is still in Atlas after the delete timeout of ${formatDuration(deleteTimeoutMs)} (last status ${last}). ` +
      "Atlas usually finishes on its own: run `pulumi destroy` (or `pulumi up`) again to wait again, or raise timeouts.delete.",
  );
}

export async function remove(id: string, props: Record<string, unknown>): Promise<void> {
  const ref = endpointRefFor(id, props);
  try {
    const deleteTimeoutMs = timeoutMs(props.timeouts as PrivateEndpointTimeouts | undefined, "delete");
    await removeEndpoint(connectToAtlas(realClock.now() + deleteTimeoutMs), ref, deleteTimeoutMs, wasStillBeingCreated(props));
  } catch (error) {
    if (!(error instanceof AtlasClientError)) throw error;
    // Atlas's answer first, then what it means for the stack and what to run.
    throw new Error(
      `${error.message}. Could not delete ${describeEndpoint(ref)}: it stays in the stack; run \`pulumi destroy\` again once the cause is fixed or Atlas recovers.`,
      { cause: error },
    );
  }
}
