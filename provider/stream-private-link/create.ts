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
import { placeNamedByAtlas, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { adoptionRefusal, isGoing, linkDifferences, onTarget } from "./adoption";
import { describeLink, kindOf, type PlacedLinkRef } from "./ids";
import { DEFAULT_VENDOR, type ResolvedStreamLinkInputs } from "./inputs";
import { observe } from "./statuses";

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

/** The project's connections. */
const listed = (client: AtlasClient, inputs: ResolvedStreamLinkInputs): Promise<StreamPrivateLink[]> =>
  client.listStreamPrivateLinks({ groupId: inputs.groupId });

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
    `${describeLink(ref)}: Atlas already has it (${how}); adopting it because adoptExisting is true (state ${observe(match.link).label}). ` +
      "Destroying this resource deletes it.",
  );
  return { ref, answer: match.link, adopted: true };
}

/** What a resumed update says when Atlas no longer has the connection. */
export const again = "creating it again";

/**
 * POST the connection (operations/create.ts's placeNamedByAtlas: Atlas gives the id). Atlas decides what "the same
 * target" is, so nothing listed is taken over before the POST: its 409 says, and the live connections to the
 * inputs' target are what it met.
 */
export function place(client: AtlasClient, inputs: ResolvedStreamLinkInputs): Promise<PlacedLink> {
  return placeNamedByAtlas<ResolvedStreamLinkInputs, PlacedLinkRef, StreamPrivateLink>(
    {
      words: wordsFor(inputs),
      list: listed,
      idOf: (link) => link.id,
      inSlot: (_inputs, link) => !isGoing(link) && linkDifferences(inputs, link).length === 0,
      adoptsListed: false,
      post: () => client.createStreamPrivateLink({ groupId: inputs.groupId }, createRequestOf(inputs)),
      refOf: (_inputs, link) => refOf(inputs, link.id),
      created: (ref, link) => `${describeLink(ref)}: created (state ${observe(link).label})`,
      describe: describeLink,
      adopt,
      // No public source spells Atlas's errorCode (the simulator's is STREAM_PRIVATE_LINK_ALREADY_EXISTS), and the
      // spec lists the 409 for this one reason: any 409 is a live connection to the target, the list says which.
      conflictsWith: (_inputs, links) => links.filter((link) => !isGoing(link) && onTarget(inputs, link)),
      noneListed: (conflict) =>
        new Error(
          `Atlas answered 409 for ${targetText(inputs)} (${conflict.message}) but lists no live connection to that target; ` +
            "one is probably being deleted: run `pulumi up` again in a minute.",
          { cause: conflict },
        ),
    },
    client,
    inputs,
  );
}
