/**
 * RegionalMode's create: read the setting, record it as what destroy puts back, and PATCH only when
 * it differs from the declared value. Atlas's refusals become what to change. After a PATCH whose
 * answer was lost, the setting is read again (through the create's grace) to learn whether it took
 * effect; when that cannot be told, the create is recorded as unconfirmed, never dropped, and the
 * next `pulumi up` finishes it.
 */
import { AtlasApiError, type AtlasClient, type RegionalModeSetting } from "../client";
import { reportProgress } from "../host/stderr";
import { createFailureOf, explainCreateError, findOwn, unconfirmed, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { realClock } from "../vocabulary/time";
import { alreadyAsDeclared } from "./adoption";
import { describeRegionalMode, type RegionalModeRef } from "./ids";
import type { ResolvedRegionalModeInputs } from "./inputs";
import { labelOf } from "./statuses";

/** Atlas's refusals of the toggle (docs/simulator.md, Assumptions: the codes are best guesses, the status is 409). */
export const REPLICA_SETS_REFUSAL = "CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS";
export const MULTIPLE_ENDPOINTS_REFUSAL = "CANNOT_DISABLE_REGIONALIZED_PRIVATELINK_WITH_MULTIPLE_ENDPOINTS";

const verb = (enabled: boolean) => (enabled ? "enable" : "disable");

export function wordsFor(groupId: string, enabled: boolean): UnconfirmedWords {
  const what = describeRegionalMode({ groupId });
  return {
    act: verb(enabled),
    subject: what,
    attempt: `${verb(enabled)} ${what}`,
    groupId,
    notFound: (message) => `Atlas has no project groupId="${groupId}" these credentials can see (${message}). Check groupId.`,
    done: `${verb(enabled)}d`,
    recordedAs: "unconfirmed",
    nextUp: `it ${verb(enabled)}s it if Atlas does not show it ${enabled ? "enabled" : "disabled"}`,
  };
}

/**
 * Atlas's 409 to the toggle, as what to change. `after` says what to run once changed. Undefined for
 * any other error (explainCreateError says those).
 */
export function explainRefusal(error: unknown, groupId: string, enabled: boolean, after: string): Error | undefined {
  if (!(error instanceof AtlasApiError) || error.status !== 409) return undefined;
  const what = describeRegionalMode({ groupId });
  if (enabled || error.errorCode === REPLICA_SETS_REFUSAL) {
    return new Error(
      `Atlas will not enable ${what} while the project holds replica sets (${error.message}). ` +
        "Regionalized private endpoints allow only sharded clusters: convert or remove the project's replica sets, " +
        `or keep enabled: false, then ${after}.`,
      { cause: error },
    );
  }
  return new Error(
    `Atlas will not disable ${what} while private endpoints sit in several regions with more than one in a region (${error.message}). ` +
      "Remove private endpoints (the PrivateEndpoint resources that register them) until one region holds them all or each region holds at most one, " +
      `or keep it enabled, then ${after}.`,
    { cause: error },
  );
}

/**
 * The PATCH, its refusals said as what to change (`after`: what to run once changed). Any other
 * error propagates as the client raised it (create and update say it in their words).
 */
export async function toggle(client: AtlasClient, groupId: string, enabled: boolean, after: string): Promise<RegionalModeSetting> {
  try {
    return await client.setRegionalMode({ groupId }, enabled);
  } catch (error) {
    throw explainRefusal(error, groupId, enabled, after) ?? error;
  }
}

/** What a resumed update would say when Atlas no longer had it; a setting is always there. */
export const again = "setting it again";

export async function place(
  client: AtlasClient,
  inputs: ResolvedRegionalModeInputs,
): Promise<Placed<RegionalModeRef, RegionalModeSetting>> {
  const { groupId, enabled } = inputs;
  const words = wordsFor(groupId, enabled);
  const what = describeRegionalMode({ groupId });
  let current: RegionalModeSetting;
  try {
    current = await client.getRegionalMode({ groupId });
  } catch (error) {
    throw explainCreateError(error, words);
  }
  const ref = { groupId, previous: current.enabled };
  if (alreadyAsDeclared(inputs, current)) {
    reportProgress(`${what}: already ${labelOf(current)} in Atlas; nothing to change (destroy leaves it ${labelOf(current)})`);
    return { ref, answer: current, adopted: true };
  }
  const placed = (answer: RegionalModeSetting | undefined) => ({ ref, answer, adopted: false, acceptedAt: realClock.now() });
  try {
    const answer = await client.setRegionalMode({ groupId }, enabled);
    reportProgress(`${what}: ${labelOf(current)} -> ${labelOf(answer)} (destroy puts back ${labelOf(current)})`);
    return placed(answer);
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "accepted":
        reportProgress(`${what}: Atlas accepted the change (its answer could not be read: ${failure.error.issues}); reading it again`);
        return placed(undefined);
      case "lost": {
        const seen = await findOwn(
          async () => {
            const now = await client.getRegionalMode({ groupId });
            return now.enabled === enabled ? now : undefined;
          },
          words,
          failure.error,
        );
        if (!seen) throw unconfirmed(words, failure.error, `Atlas still shows it ${labelOf(current)}`);
        reportProgress(`${what}: the change's answer was lost, but Atlas shows it ${labelOf(seen)}; continuing`);
        return placed(seen);
      }
      case "conflict":
        throw explainRefusal(failure.error, groupId, enabled, "run `pulumi up` again") ?? explainCreateError(failure.error, words);
      case "failed":
        throw explainCreateError(failure.error, words);
      default:
        return failure satisfies never;
    }
  }
}
