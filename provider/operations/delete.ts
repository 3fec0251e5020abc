/**
 * Delete, for any resource: DELETE, then wait until Atlas answers its own 404. "Already gone" (as
 * Atlas says it, twice: waiting/gone.ts) is success; a record still being created gets the create's
 * grace first, and every look is bounded by the delete timeout. A DELETE Atlas refuses is the
 * resource's to explain, unless the object is going anyway.
 */
import { isAtlasNotFound, type AtlasClient } from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { formatDuration, realClock, recordedTimeouts, timeoutMs, type Timeouts } from "../vocabulary/time";
import { goneTwiceFor } from "../waiting/gone";
import { waitUntilGone } from "../waiting/waits";
import type { Watched } from "../waiting/watched";
import type { AtlasResource, Props } from "./kind";
import { keptInStack, lookAfterNotFound } from "./read";

/**
 * A DELETE Atlas refused (not a 404), for a resource whose statuses say when it is going (a second
 * DELETE while one is under way): resolves when it is going anyway (deleting, or gone as gone.ts
 * says), else throws the refusal. A resource's `delete.refused` may be this.
 */
export async function goingAnyway<Ref, Answer>(
  resource: Watched<Ref, Answer>,
  client: AtlasClient,
  ref: Ref,
  refusal: Error,
  deleteTimeoutMs: number,
): Promise<void> {
  let current: Answer;
  try {
    current = await resource.read.get(client, ref);
  } catch (readError) {
    if (!isAtlasNotFound(readError)) throw refusal;
    const look = await goneTwiceFor(resource, client, ref, readError, { timeoutMs: deleteTimeoutMs });
    if (look.kind === "gone") return;
    current = look.value;
  }
  const phase = resource.statuses.observe(current).phase;
  if (phase !== "deleting" && phase !== "gone") throw refusal;
}

/** DELETE and wait until gone. `props` are the record's (its recorded status decides the grace). */
export async function deleteAndWait<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  client: AtlasClient,
  ref: Ref,
  deleteTimeoutMs: number,
  props: Props,
): Promise<void> {
  const what = resource.ids.describe(ref);
  try {
    await resource.delete.remove(client, ref);
  } catch (error) {
    if (!isAtlasNotFound(error)) {
      await resource.delete.refused(resource, client, ref, error instanceof Error ? error : new Error(String(error)), deleteTimeoutMs);
    } else {
      const found = await lookAfterNotFound(resource, client, ref, error, props, deleteTimeoutMs);
      if (found === undefined) {
        reportProgress(`${what}: already gone from Atlas`);
        return;
      }
      // A lagging 404: Atlas still has it, so delete it after all (no longer as a record still being created).
      return deleteAndWait(resource, client, ref, deleteTimeoutMs, {});
    }
  }
  if (resource.delete.untilRemoved) return resource.delete.untilRemoved(client, ref, deleteTimeoutMs);
  const outcome = await waitUntilGone(resource, { client, ref, timeoutMs: deleteTimeoutMs });
  if (outcome.kind === "reached") return;
  throw new Error(
    `${what} is still in Atlas after the delete timeout of ${formatDuration(deleteTimeoutMs)} (last status ${outcome.observation?.label ?? "unknown"}). ` +
      "Atlas usually finishes on its own: run `pulumi destroy` (or `pulumi up`) again to wait again, or raise timeouts.delete.",
  );
}

export async function removeWith<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  id: string,
  props: Props,
): Promise<void> {
  const kept = resource.delete.keeps?.(id, props);
  if (kept !== undefined) {
    reportProgress(kept);
    return;
  }
  const deleteTimeoutMs = timeoutMs(recordedTimeouts(props.timeouts), "delete");
  const client = connectToAtlas(realClock.now() + deleteTimeoutMs);
  let ref: Ref | undefined;
  try {
    ref = await resource.read.locate(client, id, props);
    if (ref === undefined) {
      reportProgress(`${resource.name} ${id}: Atlas holds nothing this record could be; nothing to delete`);
      return;
    }
    await deleteAndWait(resource, client, ref, deleteTimeoutMs, props);
  } catch (error) {
    throw keptInStack(error, ref === undefined ? `${resource.name} ${id}` : resource.ids.describe(ref), "delete");
  }
}
