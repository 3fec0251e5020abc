/**
 * StreamPrivateLink's create: POST the connection; Atlas gives it its id. The project's connections
 * are listed first, so that after a POST whose answer was lost (or could not be read) the connection
 * that appeared since, of the inputs' whole identity, can be told from one that was there: it is this
 * create's, unless Atlas made it before the POST was sent (another stack's, adopted). Atlas refuses a
 * second live connection to the same target (409): that one is adopted when adoptExisting allows and
 * it matches the inputs (adoption.ts), or was this create's own earlier attempt.
 */
import type { AtlasClient, CreateStreamPrivateLinkRequest, StreamPrivateLink } from "../client";
import { reportProgress } from "../host/stderr";
import { createFailureOf, explainCreateError, findOwn, unconfirmed, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { createdBefore } from "../vocabulary/refs";
import { realClock } from "../vocabulary/time";
import { adoptionRefusal, isGoing, linkDifferences, onTarget } from "./adoption";
import { describeLink, kindOf, type PlacedLinkRef } from "./ids";
import { DEFAULT_VENDOR, type ResolvedStreamLinkInputs } from "./inputs";
import { observeLink } from "./statuses";

type PlacedLink = Placed<PlacedLinkRef, StreamPrivateLink>;

export function refOf(inputs: ResolvedStreamLinkInputs, connectionId: string): PlacedLinkRef {
  return { groupId: inputs.groupId, connectionId, kind: kindOf(inputs) };
}

/** The POST body: the declared fields, in Atlas's names; the default vendor is Atlas's own default, left out. */
export function createRequestOf(inputs: ResolvedStreamLinkInputs): CreateStreamPrivateLinkRequest {
  return {
    provider: inputs.cloudProvider,
    ...(inputs.vendor === DEFAULT_VENDOR ? {} : { vendor: inputs.vendor }),
    region: inputs.region,
    arn: inputs.arn,
    serviceEndpointId: inputs.serviceEndpointId,
    dnsDomain: inputs.dnsDomain,
    dnsSubDomain: inputs.dnsSubDomain,
    azureResourceIds: inputs.azureResourceIds,
    gcpServiceAttachmentUris: inputs.gcpServiceAttachmentUris,
    authenticationScheme: inputs.authenticationScheme,
  };
}

function targetText(inputs: ResolvedStreamLinkInputs): string {
  const said = [inputs.arn, inputs.serviceEndpointId, inputs.gcpServiceAttachmentUris?.join(", "), inputs.dnsDomain, inputs.region].find(
    (part) => part !== undefined && part !== "",
  );
  return `the ${kindOf(inputs)} stream private link${said === undefined ? "" : ` to ${said}`} in project groupId="${inputs.groupId}"`;
}

export function wordsFor(inputs: ResolvedStreamLinkInputs): UnconfirmedWords {
  const subject = targetText(inputs);
  return {
    act: "create",
    subject,
    attempt: `create ${subject}`,
    groupId: inputs.groupId,
    notFound: (message) => `Atlas has no project groupId="${inputs.groupId}" these credentials can see (${message}). Check groupId.`,
    done: "created",
    recordedAs: "unconfirmed",
    nextUp: "it takes the connection if Atlas has it, or creates it",
  };
}

/** The project's connections; a refusal (no such project, no rights) is the create's. */
async function listed(client: AtlasClient, inputs: ResolvedStreamLinkInputs): Promise<StreamPrivateLink[]> {
  try {
    return await client.listStreamPrivateLinks({ groupId: inputs.groupId });
  } catch (error) {
    throw explainCreateError(error, wordsFor(inputs));
  }
}

/** Takes over the live connection to the same target when adoptExisting allows and it matches; says why not otherwise. */
function adopt(inputs: ResolvedStreamLinkInputs, candidates: StreamPrivateLink[], how: string): PlacedLink {
  const where = targetText(inputs);
  const ids = candidates.map((link) => link.id).join(", ");
  if (!inputs.adoptExisting) {
    throw new Error(
      `Atlas already has ${where} (connection ${ids}; ${how}), and it allows one live connection per target. ` +
        "adoptExisting is false, so it is not taken over: set adoptExisting: true to manage it with this resource, or remove it from Atlas.",
    );
  }
  const refusals = candidates.map((link) => ({ link, refusal: adoptionRefusal(inputs, link) }));
  const match = refusals.find((candidate) => candidate.refusal === undefined);
  if (!match) {
    throw new Error(
      `Atlas already has ${where} (${how}), but it differs from the inputs, so it is not adopted: ` +
        `${refusals.map(({ link, refusal }) => `connection ${link.id}: ${refusal}`).join(" | ")}. ` +
        "Change the inputs to match, or remove that connection from Atlas.",
    );
  }
  const ref = refOf(inputs, match.link.id);
  reportProgress(
    `${describeLink(ref)}: Atlas already has it (${how}); adopting it because adoptExisting is true (state ${observeLink(match.link).label}). ` +
      "Destroying this resource deletes it.",
  );
  return { ref, answer: match.link, adopted: true };
}

/**
 * After a POST whose answer was lost or unreadable (or a 409 that may be its own retry): the live
 * connection of the inputs' whole identity that was not listed before it. This create's unless Atlas
 * made it before the POST was sent (`sentAt`, Atlas's clock): then another stack's, adopted.
 * Undefined when Atlas lists none through the create's grace.
 */
async function claimNew(
  client: AtlasClient,
  inputs: ResolvedStreamLinkInputs,
  before: ReadonlySet<string>,
  sentAt: number | undefined,
  cause: unknown,
  how: string,
): Promise<PlacedLink | undefined> {
  const fresh = await findOwn(
    async () => {
      const now = await client.listStreamPrivateLinks({ groupId: inputs.groupId });
      const appeared = now.filter((link) => !before.has(link.id) && !isGoing(link) && linkDifferences(inputs, link).length === 0);
      return appeared.length > 0 ? appeared : undefined;
    },
    wordsFor(inputs),
    cause,
  );
  if (!fresh) return undefined;
  const own = fresh.find((link) => !createdBefore(link.id, sentAt));
  if (own) {
    const ref = refOf(inputs, own.id);
    reportProgress(`${describeLink(ref)}: created (${how}, Atlas lists it)`);
    return { ref, answer: own, adopted: false, acceptedAt: realClock.now() };
  }
  return adopt(inputs, fresh, "another stack created it just before this create's POST, whose answer was lost");
}

/** What a resumed update says when Atlas no longer has the connection. */
export const again = "creating it again";

/**
 * POST the connection. After Atlas said yes, or may have, this never ends without the connection:
 * it is returned, or CreateUnconfirmed records it.
 */
export async function place(client: AtlasClient, inputs: ResolvedStreamLinkInputs): Promise<PlacedLink> {
  const words = wordsFor(inputs);
  const before = new Set((await listed(client, inputs)).map((link) => link.id));
  const sentAt = client.atlasNow();
  try {
    const link = await client.createStreamPrivateLink({ groupId: inputs.groupId }, createRequestOf(inputs));
    const ref = refOf(inputs, link.id);
    reportProgress(`${describeLink(ref)}: created (state ${observeLink(link).label})`);
    return { ref, answer: link, adopted: false, acceptedAt: realClock.now() };
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "conflict": {
        // No public source spells Atlas's errorCode (the simulator's is STREAM_PRIVATE_LINK_ALREADY_EXISTS), and the
        // spec lists the 409 for this one reason: any 409 is a live connection to the target, the list says which.
        const conflict = failure.error;
        // A 409 after a retried POST may be this create's own earlier attempt.
        const own = conflict.mayHaveTakenEffect
          ? await claimNew(client, inputs, before, sentAt, conflict, "a retried create found it")
          : undefined;
        if (own) return own;
        const live = (await listed(client, inputs)).filter((link) => !isGoing(link) && onTarget(inputs, link));
        if (live.length === 0) {
          throw new Error(
            `Atlas answered 409 for ${targetText(inputs)} (${conflict.message}) but lists no live connection to that target; ` +
              "one is probably being deleted: run `pulumi up` again in a minute.",
            { cause: conflict },
          );
        }
        return adopt(inputs, live, `Atlas answered 409 ${conflict.errorCode ?? ""}`.trim());
      }
      case "accepted":
      case "lost": {
        const how = `the create's answer was ${failure.kind === "accepted" ? "unreadable" : "lost"}`;
        const own = await claimNew(client, inputs, before, sentAt, failure.error, how);
        if (own) return own;
        throw unconfirmed(words, failure.error, "Atlas did not list it within the grace period for a new connection");
      }
      case "failed":
        throw explainCreateError(failure.error, words);
      default:
        return failure satisfies never;
    }
  }
}
