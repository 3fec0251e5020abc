/**
 * Create, for any resource: resolve the inputs, let the resource place its Atlas object (POST,
 * adoption), then settle. After Atlas said yes, or may have (an answer lost to a reset, a timeout or
 * a 5xx after Atlas did the work, or a 2xx that could not be read), no path ends without the object
 * in state: the resource finds it (`findOwn`, on the wait loop), or the create is recorded as
 * unconfirmed (CreateUnconfirmed) for the next `pulumi up` to finish.
 */
import { AtlasApiError, AtlasNetworkError, AtlasResponseShapeError, type AtlasClient } from "../client";
import { reportProgress } from "../host/stderr";
import { createdBefore } from "../vocabulary/refs";
import { connectToAtlas } from "../host/connection";
import { messageOf } from "../vocabulary/errors";
import { PROVIDER_KEY } from "../vocabulary/state";
import { realClock, timeoutMs, type Timeouts } from "../vocabulary/time";
import { resolveWith } from "../vocabulary/validation";
import { graceAfterCreate, lookAgain } from "../waiting/gone";
import type { AtlasResource, Placed, Props } from "./kind";
import { ResourceInitError } from "./resource-init-error";
import { settleWith } from "./settle";

/** Atlas may hold what this create made, and could not confirm it: recorded, never orphaned. */
export class CreateUnconfirmed extends Error {
  override readonly name = "CreateUnconfirmed";
}

/** What a failed POST may mean. */
export type CreateFailure =
  /** Atlas said yes (2xx); only its answer could not be read. */
  | { kind: "accepted"; error: AtlasResponseShapeError }
  /** 409: Atlas has one already; `error.mayHaveTakenEffect` when that may be this create's own earlier attempt. */
  | { kind: "conflict"; error: AtlasApiError }
  /** The answer was lost (a reset, a timeout, a 5xx) and Atlas may have carried it out; a refused connection never reached it. */
  | { kind: "lost"; error: AtlasNetworkError | AtlasApiError }
  | { kind: "failed"; error: unknown };

export function createFailureOf(error: unknown): CreateFailure {
  if (error instanceof AtlasResponseShapeError && error.status >= 200 && error.status < 300) return { kind: "accepted", error };
  if (error instanceof AtlasApiError && error.status === 409) return { kind: "conflict", error };
  if ((error instanceof AtlasNetworkError || (error instanceof AtlasApiError && error.status >= 500)) && error.mayHaveTakenEffect) {
    return { kind: "lost", error };
  }
  return { kind: "failed", error };
}

/** How a create's messages name what it does. */
export interface CreateWords {
  /** "register", "create" */
  act: string;
  /** What is acted on: "AWS endpoint vpce-1", "the endpoint service for AWS region US_EAST_1 of project ..." */
  subject: string;
  /** The whole attempt, for "Could not ...": "register AWS endpoint vpce-1 with Atlas" */
  attempt: string;
  groupId: string;
  /** What Atlas's 404 to the POST means (what it is created in is missing). */
  notFound(message: string): string;
}

/** Atlas's refusal of a create, as what to change. */
export function explainCreateError(error: unknown, words: CreateWords): Error {
  const message = messageOf(error);
  const credentials = "the API key (mongodbatlas:publicKey/privateKey) or service account (mongodbatlas:clientId/clientSecret)";
  if (error instanceof AtlasApiError) {
    switch (error.status) {
      case 400:
        return new Error(`Atlas rejected ${words.subject}: ${message}`, { cause: error });
      case 401:
        return new Error(
          `Atlas did not accept the credentials to ${words.act} ${words.subject}: ${message}. Check ${credentials} in use.`,
          {
            cause: error,
          },
        );
      case 402:
        return new Error(
          `Atlas will not ${words.act} ${words.subject} in project groupId="${words.groupId}" before the project's organization has payment information: ${message}. Add a payment method in Atlas (Billing), then run \`pulumi up\` again.`,
          { cause: error },
        );
      case 403:
        return new Error(
          `Atlas does not allow these credentials to ${words.act} ${words.subject}: ${message}. Use an API key or service account with the Project Owner role in project groupId="${words.groupId}", then run \`pulumi up\` again.`,
          { cause: error },
        );
      case 404:
        return new Error(words.notFound(message), { cause: error });
    }
  }
  return new Error(`Could not ${words.attempt}: ${message}`, { cause: error });
}

/** How a create that may have taken effect is recorded: what Atlas may have done, and what the next up does. */
export interface UnconfirmedWords extends CreateWords {
  /** "registered", "created" */
  done: string;
  /** "not ready", "unconfirmed" */
  recordedAs: string;
  /** What the next `pulumi up` does: "it registers the endpoint again if Atlas does not have it" */
  nextUp: string;
}

export function unconfirmed(words: UnconfirmedWords, cause: unknown, why: string): CreateUnconfirmed {
  return new CreateUnconfirmed(
    `${explainCreateError(cause, words).message}. Atlas may have ${words.done} it before the answer was lost, and ${why}, so it is recorded in the stack as ${words.recordedAs}: ` +
      `run \`pulumi up\` again to finish (${words.nextUp}).`,
    { cause },
  );
}

/**
 * After an answer that was lost or unreadable: looks for this create's own object (`look`: what
 * Atlas holds that is it, or undefined), at once and then on the wait loop through the create's
 * grace (Atlas may not list a new object at once), riding out 429/503. Undefined when Atlas still
 * shows nothing after the grace; a look that fails leaves the create unconfirmed.
 */
export async function findOwn<Answer>(
  look: () => Promise<Answer | undefined>,
  words: UnconfirmedWords,
  cause: unknown,
): Promise<Answer | undefined> {
  try {
    const outcome = await lookAgain({ read: look, grace: graceAfterCreate(realClock.now()), lookFirst: true });
    return outcome.kind === "found" ? outcome.value : undefined;
  } catch (lookError) {
    throw unconfirmed(words, cause, `reading it failed too (${messageOf(lookError)})`);
  }
}

export async function createWith<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  props: Props,
): Promise<{ id: string; outs: Outputs }> {
  const inputs = resolveWith(resource.inputs.vocabulary, props);
  const startedAt = realClock.now();
  const createTimeoutMs = timeoutMs(inputs.timeouts, "create");
  const client: AtlasClient = connectToAtlas(startedAt + createTimeoutMs);
  let placed: Awaited<ReturnType<typeof resource.create.place>>;
  try {
    placed = await resource.create.place(client, inputs);
  } catch (error) {
    if (!(error instanceof CreateUnconfirmed)) throw error;
    // Recorded without a status: update resumes (or creates again), refresh and destroy accept a 404.
    const outputs = {
      ...resource.outputs.outputsOf(inputs, undefined, { ref: undefined, adopted: false }),
      [PROVIDER_KEY]: props[PROVIDER_KEY],
    };
    throw new ResourceInitError(resource.ids.unconfirmedId(inputs), outputs, error.message);
  }
  return settleWith(resource, client, {
    id: resource.ids.idOf(placed.ref),
    inputs,
    placed,
    provider: props[PROVIDER_KEY],
    timeoutMs: createTimeoutMs,
    startedAt,
  });
}

/**
 * How a resource whose id Atlas gives (an endpoint service, a stream private link) is found or made: what the project
 * holds is listed first, so a POST whose answer is lost can tell what appeared since from what was there.
 */
export interface NamedByAtlas<Inputs, Ref, Answer> {
  words: UnconfirmedWords;
  /** What the project holds that this one could meet: its cloud and region, its target (any kind of it). */
  list(client: AtlasClient, inputs: Inputs): Promise<Answer[]>;
  /** Atlas's id of one (undefined when Atlas left it out). */
  idOf(answer: Answer): string | undefined;
  /** Whether one is of this resource's whole identity (a GCP service's port-mapping kind; a link's target and fields). */
  inSlot(inputs: Inputs, answer: Answer): boolean;
  /** Listed before the POST: taken over without provoking Atlas's 409 (none: let Atlas's 409 say). */
  adoptsListed: boolean;
  post(client: AtlasClient, inputs: Inputs): Promise<Answer>;
  refOf(inputs: Inputs, answer: Answer): Ref;
  /** The progress line of a create Atlas answered. */
  created(ref: Ref, answer: Answer): string;
  describe(ref: Ref): string;
  /** The resource's adoption rule over `candidates` (adoptExisting, what may differ); throws why it does not adopt. */
  adopt(inputs: Inputs, candidates: Answer[], how: string): Placed<Ref, Answer>;
  /** Which of the listed a 409 met (Atlas answered that one exists in the slot). */
  conflictsWith(inputs: Inputs, listed: Answer[]): Answer[];
  /** A 409 this resource does not read as "one exists in the slot" (an errorCode of another rule); none: every 409 is. */
  otherConflict?(conflict: AtlasApiError): boolean;
  /** What to say when Atlas answered 409 but lists none the 409 could be (one being deleted). */
  noneListed(conflict: AtlasApiError): Error;
}

/**
 * The create of a resource Atlas names. After a POST whose answer was lost or unreadable (or a 409 that may be its
 * own retried attempt), one of the inputs' whole identity that was not listed before it is this create's, unless
 * Atlas's id says it was created before this POST was sent (on Atlas's clock, from its answers' Date): then another
 * stack made it and this one adopts it, so only its creator's destroy deletes it (docs/usage.md, "Two stacks, one
 * region"). None through the create's grace: recorded as unconfirmed, never orphaned.
 */
export async function placeNamedByAtlas<Inputs, Ref, Answer>(
  spec: NamedByAtlas<Inputs, Ref, Answer>,
  client: AtlasClient,
  inputs: Inputs,
): Promise<Placed<Ref, Answer>> {
  let existing: Answer[];
  try {
    existing = await spec.list(client, inputs);
  } catch (error) {
    // Nothing was asked of Atlas yet: what it refused (no such project, no rights) is the create's to explain.
    throw explainCreateError(error, spec.words);
  }
  const inSlot = existing.filter((answer) => spec.inSlot(inputs, answer));
  if (spec.adoptsListed && inSlot.length > 0) return spec.adopt(inputs, inSlot, "listed before creating");
  const before = new Set(existing.flatMap((answer) => spec.idOf(answer) ?? []));
  const sentAt = client.atlasNow();
  const claimNew = async (cause: unknown, how: string): Promise<Placed<Ref, Answer> | undefined> => {
    const appeared = await findOwn(
      async () => {
        const now = (await spec.list(client, inputs)).filter(
          (answer) => !before.has(spec.idOf(answer) ?? "") && spec.idOf(answer) !== undefined && spec.inSlot(inputs, answer),
        );
        return now.length > 0 ? now : undefined;
      },
      spec.words,
      cause,
    );
    if (!appeared) return undefined;
    const own = appeared.find((answer) => !createdBefore(spec.idOf(answer) ?? "", sentAt));
    if (!own) return spec.adopt(inputs, appeared, "another stack created it just before this create's POST, whose answer was lost");
    const ref = spec.refOf(inputs, own);
    reportProgress(`${spec.describe(ref)}: created (${how}, Atlas lists it)`);
    return { ref, answer: own, adopted: false, acceptedAt: realClock.now() };
  };
  try {
    const answer = await spec.post(client, inputs);
    const ref = spec.refOf(inputs, answer);
    reportProgress(spec.created(ref, answer));
    return { ref, answer, adopted: false, acceptedAt: realClock.now() };
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "conflict": {
        const conflict = failure.error;
        if (spec.otherConflict?.(conflict)) throw explainCreateError(conflict, spec.words);
        // A 409 after a retried POST may be this create's own earlier attempt.
        const own = conflict.mayHaveTakenEffect ? await claimNew(conflict, "a retried create found it") : undefined;
        if (own) return own;
        const met = spec.conflictsWith(inputs, await spec.list(client, inputs));
        if (met.length === 0) throw spec.noneListed(conflict);
        return spec.adopt(inputs, met, `Atlas answered 409 ${conflict.errorCode ?? ""}`.trim());
      }
      case "accepted":
      case "lost": {
        const own = await claimNew(failure.error, `the create's answer was ${failure.kind === "accepted" ? "unreadable" : "lost"}`);
        if (own) return own;
        throw unconfirmed(spec.words, failure.error, "Atlas did not list it within the grace period for a new one");
      }
      case "failed":
        throw explainCreateError(failure.error, spec.words);
      default:
        return failure satisfies never;
    }
  }
}
