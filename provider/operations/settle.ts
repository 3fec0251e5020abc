/**
 * Settle, for any resource: after Atlas said yes (a create, an adoption, a resumed create), wait
 * until it is ready and return its outputs. Anything short of that throws a ResourceInitError with
 * the id and outputs, so the engine records the resource (never an orphan) and the next
 * `pulumi up` resumes through update.
 */
import type { AtlasClient } from "../client";
import { messageOf } from "../vocabulary/errors";
import { PROVIDER_KEY } from "../vocabulary/state";
import { formatDuration, realClock, type Timeouts } from "../vocabulary/time";
import { waitUntilReady } from "../waiting/waits";
import type { AtlasResource, Props, Settling } from "./kind";
import { ResourceInitError } from "./resource-init-error";

export async function settleWith<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  client: AtlasClient,
  settling: Settling<Inputs, Ref, Answer>,
): Promise<{ id: string; outs: Outputs }> {
  const { id, inputs, placed } = settling;
  const what = resource.ids.describe(placed.ref);
  let latest = placed.answer;
  const record = (): Props => ({
    ...resource.outputs.outputsOf(inputs, latest, { ref: placed.ref, adopted: placed.adopted }),
    [PROVIDER_KEY]: settling.provider,
  });
  const remainingMs = () => Math.max(0, settling.timeoutMs - (realClock.now() - settling.startedAt));

  let outcome: Awaited<ReturnType<typeof waitUntilReady<Ref, Answer>>>;
  try {
    outcome = await waitUntilReady(resource, {
      client,
      ref: placed.ref,
      initial: placed.answer,
      timeoutMs: remainingMs(),
      acceptedAt: placed.acceptedAt,
      onSeen: (answer) => (latest = answer),
    });
  } catch (error) {
    throw new ResourceInitError(
      id,
      record(),
      `${what} ${resource.settle.held}, but reading its status failed: ${messageOf(error)}. ` +
        "It is recorded in the stack as not ready; run `pulumi up` again to resume waiting.",
    );
  }

  switch (outcome.kind) {
    case "reached": {
      const answer = outcome.value as Answer;
      latest = answer;
      if (resource.settle.ready) return { id, outs: await resource.settle.ready(client, settling, answer, record) };
      return { id, outs: resource.outputs.outputsOf(inputs, answer, { ref: placed.ref, adopted: placed.adopted }) };
    }
    case "failed": {
      const { observation } = outcome;
      const why = observation.failure ?? `Atlas reports status ${observation.label}`;
      throw new ResourceInitError(
        id,
        record(),
        `${what} did not become ${resource.statuses.readyStatus}: ${why} (status ${observation.label}). ${resource.settle.failedAdvice(observation)}`,
      );
    }
    case "timedOut": {
      const lastStatus = outcome.observation?.label ?? "unknown";
      if (resource.settle.onDeadline) return resource.settle.onDeadline(resource, client, settling, lastStatus, record);
      throw new ResourceInitError(
        id,
        record(),
        `${what} was not ${resource.statuses.readyStatus} within the create timeout of ${formatDuration(settling.timeoutMs)} (last status ${lastStatus}). ` +
          "It is recorded in the stack as not ready: run `pulumi up` again to resume waiting (raise timeouts.create if Atlas needs longer), or `pulumi destroy` to remove it.",
      );
    }
    default:
      return outcome satisfies never;
  }
}
