/**
 * Create, for any resource: resolve the inputs, let the resource place its Atlas object (POST,
 * adoption), then settle. After Atlas said yes, or may have (an answer lost to a reset, a timeout or
 * a 5xx after Atlas did the work, or a 2xx that could not be read), no path ends without the object
 * in state: the resource finds it (`findOwn`, on the wait loop), or the create is recorded as
 * unconfirmed (CreateUnconfirmed) for the next `pulumi up` to finish.
 */
import { AtlasApiError, AtlasNetworkError, AtlasResponseShapeError, type AtlasClient } from "../client";
import { connectToAtlas } from "../host/connection";
import { messageOf } from "../vocabulary/errors";
import { PROVIDER_KEY } from "../vocabulary/state";
import { realClock, timeoutMs, type Timeouts } from "../vocabulary/time";
import { resolveWith } from "../vocabulary/validation";
import { graceAfterCreate, lookAgain } from "../waiting/gone";
import type { AtlasResource, Props } from "./kind";
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
