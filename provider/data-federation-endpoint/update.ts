/**
 * DataFederationEndpoint's update of an entry recorded as OK (the resumed create is operations/update.ts): options
 * call nothing in Atlas; a changed comment is the one thing Atlas changes in place, by POSTing the entry again
 * (the upsert changes the comment only).
 */
import type { DataFederationEndpointEntry } from "../client/data-federation-endpoint-schemas";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { explainCreateError } from "../operations/create";
import { messageOf } from "../vocabulary/errors";
import { timeoutMs } from "../vocabulary/time";
import { waitUntilReady } from "../waiting/waits";
import type { Watched } from "../waiting/watched";
import { entryIn, requestOf, wordsFor } from "./create";
import * as ids from "./ids";
import type { ResolvedDataFederationInputs } from "./inputs";
import { outputsOf, recordedEntry, type DataFederationEndpointOutputs } from "./outputs";
import * as read from "./read";
import * as statuses from "./statuses";

type Props = Record<string, unknown>;

/** What the wait needs of this resource (its ids, read and statuses files). */
const WATCHED: Watched<ids.DataFederationRef, DataFederationEndpointEntry> = { name: "DataFederationEndpoint", ids, read, statuses };

export async function updateSettled(
  id: string,
  olds: Props,
  _news: Props,
  inputs: ResolvedDataFederationInputs,
): Promise<DataFederationEndpointOutputs> {
  const recorded = recordedEntry(olds);
  const adopted = olds.adopted === true;
  // A comment left out leaves Atlas's; "" and no comment are the same to Atlas.
  if (inputs.comment === undefined || inputs.comment === (recorded.comment ?? "")) return outputsOf(inputs, recorded, { adopted });

  const ref = ids.refFor(id, olds);
  const what = ids.describe(ref);
  const client = connectToAtlas();
  let entry: DataFederationEndpointEntry;
  try {
    const list = await client.createDataFederationEndpoint({ groupId: ref.groupId }, requestOf(inputs));
    entry = entryIn(list, inputs) ?? (await client.getDataFederationEndpoint(ref));
  } catch (error) {
    throw explainCreateError(error, { ...wordsFor(inputs), act: "change the comment of", attempt: `change the comment of ${what}` });
  }
  reportProgress(`${what}: comment set to ${JSON.stringify(inputs.comment)}`);
  if (statuses.observe(entry).phase === "ready") return outputsOf(inputs, entry, { adopted });

  // Atlas no longer had the entry (removed outside Pulumi since the last refresh): the POST added it anew.
  const outcome = await waitUntilReady(WATCHED, { client, ref, initial: entry, timeoutMs: timeoutMs(inputs.timeouts, "create") }).catch(
    (error: unknown) => {
      throw new Error(`${what}: reading it after setting its comment failed: ${messageOf(error)}. Run \`pulumi up\` again.`);
    },
  );
  if (outcome.kind === "reached" && outcome.value) return outputsOf(inputs, outcome.value, { adopted });
  const last = outcome.observation;
  throw new Error(
    `${what}: setting its comment added it anew (Atlas no longer had it), and it did not become OK: ${last?.failure ?? `status ${last?.label ?? "unknown"}`}. ` +
      "Run `pulumi refresh`, then `pulumi up`.",
  );
}
