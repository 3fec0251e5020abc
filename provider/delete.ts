import { connectToAtlas, describeEndpoint } from "./atlas";
import { AtlasClientError, isAtlasNotFound, type AtlasClient, type EndpointRef } from "./client";
import { formatDuration } from "./duration";
import { waitUntilGone } from "./endpoint-waits";
import type { PrivateEndpointTimeouts } from "./inputs";
import { reportProgress } from "./progress";
import { endpointRefFor } from "./refs";
import { confirmGone } from "./gone";
import { observe } from "./status-table";
import { timeoutMs } from "./timeouts";

/** DELETE, then wait until Atlas answers 404. "Already gone" is success. */
export async function removeEndpoint(client: AtlasClient, ref: EndpointRef, deleteTimeoutMs: number): Promise<void> {
  const what = describeEndpoint(ref);
  try {
    await client.deletePrivateEndpoint(ref);
  } catch (error) {
    if (isAtlasNotFound(error)) {
      await confirmGone(client, ref, error);
      reportProgress(`${what}: already gone from Atlas`);
      return;
    }
    // Atlas may refuse a second DELETE while one is under way; what matters is whether it is going.
    let current;
    try {
      current = await client.getPrivateEndpoint(ref);
    } catch (readError) {
      if (!isAtlasNotFound(readError)) throw error;
      await confirmGone(client, ref, readError);
      return;
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
    await removeEndpoint(connectToAtlas(), ref, timeoutMs(props.timeouts as PrivateEndpointTimeouts | undefined, "delete"));
  } catch (error) {
    if (!(error instanceof AtlasClientError)) throw error;
    // Atlas's answer first, then what it means for the stack and what to run.
    throw new Error(
      `${error.message}. Could not delete ${describeEndpoint(ref)}: it stays in the stack; run \`pulumi destroy\` again once the cause is fixed or Atlas recovers.`,
      { cause: error },
    );
  }
}
