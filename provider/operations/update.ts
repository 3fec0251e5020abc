/**
 * Update, for any resource. One recorded as ready changes options (and whatever Atlas changes in
 * place: the resource's own rule). One recorded with an initialization error (deadline, failure
 * while waiting, an unconfirmed create) resumes: the wait goes on, and when Atlas no longer has
 * it, the resource places it again (create, or take over what the project has).
 */
import { isAtlasNotFound } from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { PROVIDER_KEY } from "../vocabulary/state";
import { realClock, timeoutMs, type Timeouts } from "../vocabulary/time";
import { resolveWith } from "../vocabulary/validation";
import type { AtlasResource, Placed, Props } from "./kind";
import { settleWith } from "./settle";

export async function updateWith<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  id: string,
  olds: Props,
  news: Props,
): Promise<{ outs: Outputs }> {
  const inputs = resolveWith(resource.inputs.vocabulary, news);
  if (resource.statuses.recordedPhase(olds) === "ready") return { outs: await resource.update.updateSettled(id, olds, news, inputs) };

  const startedAt = realClock.now();
  const createTimeoutMs = timeoutMs(inputs.timeouts, "create");
  const client = connectToAtlas(startedAt + createTimeoutMs);
  let placed: Placed<Ref, Answer> | undefined;
  const ref = await resource.read.locate(client, id, olds);
  if (ref !== undefined) {
    try {
      const answer = await resource.read.get(client, ref);
      placed = { ref, answer, adopted: olds.adopted === true };
      reportProgress(
        `${resource.ids.describe(ref)}: resuming the wait for ${resource.statuses.readyStatus} (status ${resource.statuses.observe(answer).label})`,
      );
    } catch (error) {
      if (!isAtlasNotFound(error)) throw error;
    }
  }
  if (!placed) {
    reportProgress(
      `${ref === undefined ? `${resource.name} ${id}` : resource.ids.describe(ref)}: no longer in Atlas; ${resource.create.again}`,
    );
    placed = await resource.create.place(client, inputs);
  }
  if (resource.ids.idOf(placed.ref) !== id) {
    // The engine keeps the id it recorded; the outputs name what Atlas holds until the next refresh.
    reportProgress(`${resource.ids.describe(placed.ref)}: recorded under ${id} until the next refresh`);
  }
  const { outs } = await settleWith(resource, client, {
    id,
    inputs,
    placed,
    provider: news[PROVIDER_KEY],
    timeoutMs: createTimeoutMs,
    startedAt,
  });
  return { outs };
}
