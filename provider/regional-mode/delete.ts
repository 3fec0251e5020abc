/**
 * RegionalMode's part of destroy (the rest is operations/delete.ts): a setting is not deleted. With
 * restoreOnDestroy (the default) it is put back as Atlas had it before this resource first changed
 * it, and destroy waits until the project's clusters have applied that; without, it is left as it is.
 */
import type { AtlasClient } from "../client";
import { reportProgress } from "../host/stderr";
import { formatDuration } from "../vocabulary/time";
import { explainClusterReadError } from "../waiting/cluster-waits";
import { explainRefusal, toggle } from "./create";
import { describeRegionalMode, type RegionalModeRef } from "./ids";
import { busyText, waitForSetting } from "./settle";
import { labelOf } from "./statuses";

type Props = Record<string, unknown>;

const AGAIN = "run `pulumi destroy` again";

export function keeps(id: string, props: Props): string | undefined {
  if (props.restoreOnDestroy !== false) return undefined;
  const now = typeof props.enabled === "boolean" ? ` ${labelOf({ enabled: props.enabled })}` : " as it is";
  return `${describeRegionalMode({ groupId: typeof props.groupId === "string" ? props.groupId : id })}: left${now} in Atlas because restoreOnDestroy is false`;
}

/** Puts the setting back as it was before this resource first changed it (a PATCH only when Atlas differs). */
export async function remove(client: AtlasClient, ref: RegionalModeRef): Promise<void> {
  const what = describeRegionalMode(ref);
  if (ref.previous === undefined) {
    reportProgress(`${what}: the stack does not record what it was before; left as it is`);
    return;
  }
  const current = await client.getRegionalMode(ref);
  if (current.enabled === ref.previous) {
    reportProgress(`${what}: already ${labelOf(current)} as before; nothing to put back`);
    return;
  }
  await toggle(client, ref.groupId, ref.previous, AGAIN);
  reportProgress(`${what}: ${labelOf(current)} -> ${labelOf({ enabled: ref.previous })}, as it was before`);
}

/** Atlas refused to put it back: what to change (its refusals), or the refusal as it came. */
export async function refused(_resource: unknown, _client: AtlasClient, ref: RegionalModeRef, refusal: Error): Promise<void> {
  if (ref.previous === undefined) throw refusal;
  throw explainRefusal(refusal, ref.groupId, ref.previous, AGAIN) ?? refusal;
}

/** After the setting is put back: until the clusters have applied it, within the delete timeout. */
export async function untilRemoved(client: AtlasClient, ref: RegionalModeRef, deleteTimeoutMs: number): Promise<void> {
  if (ref.previous === undefined) return;
  const what = describeRegionalMode(ref);
  let outcome: Awaited<ReturnType<typeof waitForSetting>>;
  try {
    outcome = await waitForSetting(client, ref.groupId, ref.previous, deleteTimeoutMs);
  } catch (error) {
    throw new Error(
      `${what} is ${labelOf({ enabled: ref.previous })} again, but waiting for the project's clusters failed: ${explainClusterReadError(error, ref, "then run `pulumi destroy` again")}.`,
      { cause: error },
    );
  }
  switch (outcome.kind) {
    case "reached":
      return;
    case "impossible":
      throw new Error(`${what} is ${labelOf({ enabled: ref.previous })} again, but ${outcome.reason}; ${AGAIN}.`);
    case "timedOut":
      throw new Error(
        `${what} is ${labelOf({ enabled: ref.previous })} again, but not every cluster applied it within the delete timeout of ${formatDuration(deleteTimeoutMs)}: ` +
          `cluster ${busyText(outcome)}. Run \`pulumi destroy\` again to wait again (raise timeouts.delete if the clusters need longer).`,
      );
    default:
      return outcome satisfies never;
  }
}
