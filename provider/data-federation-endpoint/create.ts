/**
 * DataFederationEndpoint's create. Atlas's POST is an upsert keyed by the endpoint id: it never answers 409, it
 * takes over whatever the list holds. So the project's list is read first, and an entry already there is adopted
 * (adoption.ts: only with adoptExisting, only when it matches) rather than silently overwritten. Atlas answers the
 * POST with the list, the new entry in it. The inputs name the entry, so after a lost or unreadable answer the
 * entry is looked for by its id (on the wait loop, through the create's grace), and never left unrecorded.
 */
import type { AtlasClient } from "../client";
import {
  DATA_LAKE,
  type DataFederationEndpointEntry,
  type DataFederationEndpointRequest,
} from "../client/data-federation-endpoint-schemas";
import { reportProgress } from "../host/stderr";
import { createFailureOf, explainCreateError, findOwn, unconfirmed, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { realClock } from "../vocabulary/time";
import { adoptionRefusal, isEntryOf } from "./adoption";
import { describe, refOf, type DataFederationRef } from "./ids";
import type { ResolvedDataFederationInputs } from "./inputs";
import { observe } from "./statuses";

type PlacedEntry = Placed<DataFederationRef, DataFederationEndpointEntry>;

/** The POST body: the declared fields, in Atlas's spelling; a comment left out leaves Atlas's as it is. */
export function requestOf(inputs: ResolvedDataFederationInputs): DataFederationEndpointRequest {
  return {
    endpointId: inputs.endpointId,
    provider: inputs.cloudProvider,
    type: DATA_LAKE,
    ...(inputs.comment === undefined ? {} : { comment: inputs.comment }),
    ...(inputs.region === undefined ? {} : { region: inputs.region }),
    ...(inputs.customerEndpointDNSName === undefined ? {} : { customerEndpointDNSName: inputs.customerEndpointDNSName }),
    ...(inputs.cloudProvider === "AZURE" && inputs.azureLinkId !== undefined ? { azureLinkId: inputs.azureLinkId } : {}),
    ...(inputs.cloudProvider === "AZURE" && inputs.customerEndpointIPAddress !== undefined
      ? { customerEndpointIPAddress: inputs.customerEndpointIPAddress }
      : {}),
  };
}

export function wordsFor(inputs: ResolvedDataFederationInputs): UnconfirmedWords {
  const what = describe(refOf(inputs));
  return {
    act: "add",
    subject: what,
    attempt: `add ${what} to project groupId="${inputs.groupId}"'s Data Federation private endpoints`,
    groupId: inputs.groupId,
    notFound: (message) => `Atlas has no project groupId="${inputs.groupId}" these credentials can see (${message}). Check groupId.`,
    done: "added",
    recordedAs: "not ready",
    nextUp: "it adds the endpoint again if Atlas does not have it",
  };
}

/** The entry a POST answer lists for the inputs (the first page: a longer list may hold it further on). */
export function entryIn(
  list: DataFederationEndpointEntry[],
  inputs: ResolvedDataFederationInputs,
): DataFederationEndpointEntry | undefined {
  return list.find((entry) => isEntryOf(inputs, entry));
}

/** What a resumed update says when Atlas no longer has the entry. */
export const again = "adding it again";

/** Takes over the entry the list already has, changing its comment when the inputs declare another. */
async function adopt(
  client: AtlasClient,
  inputs: ResolvedDataFederationInputs,
  existing: DataFederationEndpointEntry,
): Promise<PlacedEntry> {
  const ref = refOf(inputs);
  const refusal = adoptionRefusal(inputs, existing);
  if (refusal) throw new Error(refusal);
  let answer: DataFederationEndpointEntry | undefined = existing;
  const commentChanges = inputs.comment !== undefined && inputs.comment !== (existing.comment ?? "");
  if (commentChanges) {
    try {
      answer = entryIn(await client.createDataFederationEndpoint({ groupId: inputs.groupId }, requestOf(inputs)), inputs);
    } catch (error) {
      throw explainCreateError(error, {
        ...wordsFor(inputs),
        act: "change the comment of",
        attempt: `change the comment of ${describe(ref)}`,
      });
    }
  }
  reportProgress(
    `${describe(ref)}: already in the project's Data Federation private endpoints; adopting it because adoptExisting is true ` +
      `(status ${observe(existing).label}${commentChanges ? "; its comment set as declared" : ""})`,
  );
  return { ref, answer, adopted: true };
}

/**
 * Adds the entry, or adopts the one the list has. After Atlas said yes, or may have, this never ends without the
 * entry: it is returned, or CreateUnconfirmed records it.
 */
export async function place(client: AtlasClient, inputs: ResolvedDataFederationInputs): Promise<PlacedEntry> {
  const ref = refOf(inputs);
  const what = describe(ref);
  const words = wordsFor(inputs);
  let listed: DataFederationEndpointEntry[];
  try {
    listed = await client.listDataFederationEndpoints({ groupId: inputs.groupId });
  } catch (error) {
    throw explainCreateError(error, words);
  }
  const existing = entryIn(listed, inputs);
  if (existing) {
    const phase = observe(existing).phase;
    if (phase !== "deleting" && phase !== "gone") return adopt(client, inputs, existing);
    // An entry still being removed: Atlas registers the id anew (a new entry, PENDING).
    reportProgress(`${what}: an earlier entry for it is still being removed (status ${observe(existing).label}); adding it anew`);
  }
  const placed = (answer: DataFederationEndpointEntry | undefined): PlacedEntry => ({
    ref,
    answer,
    adopted: false,
    acceptedAt: realClock.now(),
  });
  try {
    const answer = entryIn(await client.createDataFederationEndpoint({ groupId: inputs.groupId }, requestOf(inputs)), inputs);
    reportProgress(`${what}: added to project groupId="${inputs.groupId}"'s Data Federation private endpoints`);
    return placed(answer);
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "accepted":
        // Atlas said yes; only its answer is unreadable. Added: the wait reads the entry.
        reportProgress(`${what}: added (its answer could not be read: ${failure.error.issues}); reading it again`);
        return placed(undefined);
      case "lost": {
        const found = await findOwn(() => client.getDataFederationEndpoint(ref), words, failure.error);
        if (!found) throw unconfirmed(words, failure.error, "Atlas did not list it within the grace period for a new entry");
        reportProgress(`${what}: the create's answer was lost, but Atlas lists it; continuing with it (status ${observe(found).label})`);
        return placed(found);
      }
      case "conflict":
      case "failed":
        throw explainCreateError(failure.error, words);
      default:
        return failure satisfies never;
    }
  }
}
