import { AtlasClientError, isAtlasNotFound, type AtlasApiError, type AtlasClient } from "../client";
import { CONFIG_KEYS, ENV_KEYS, timeScale } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { formatDuration, realClock, type Clock } from "../vocabulary/time";
import type { Observation, Phase, WaitSpec } from "./status-table";
import { waitFor } from "./wait";
import type { Watched } from "./watched";

/**
 * When a 404 really means gone, for any resource read by a GET that may 404: Atlas said so in its
 * own words (see confirmGone for endpoints), the 404 is not within a create's grace, and one more
 * look after a short pause agrees. Dropping a resource from the stack destroys information, so
 * a single look (a lagging read right after a create, a replica behind) never decides it.
 */
export const NOT_FOUND_RULES = {
  /** Atlas may answer 404 for a few seconds after it accepted a create (eventual consistency). */
  afterCreateGraceMs: 30_000,
  /**
   * The create's grace lasts at least this many looks, however long they take: a process stalled
   * by a loaded machine (or a laptop's sleep) must not call a resource gone on one late look.
   */
  afterCreateMinLooks: 3,
  /**
   * How long the looks after a 404 may ride out Atlas's refusals (429, 503) before giving up
   * with "not known" (never "gone"). Unscaled, like every timeout.
   */
  refusalsForMs: 5 * 60_000,
} as const;

/** How long a run of 404s may still be lag: until `endsAt` (clock ms), and for at least `minLooks` 404s. */
export interface NotFoundGrace {
  endsAt: number;
  minLooks: number;
}

/** Outside any create: the first 404 is looked at once more after a short pause; the second decides. */
export const SECOND_LOOK: NotFoundGrace = { endsAt: -Infinity, minLooks: 1 };

/** After a create Atlas accepted at `acceptedAt` (clock ms; undefined: no create, no grace). */
export function graceAfterCreate(acceptedAt: number | undefined, scale = timeScale()): NotFoundGrace {
  if (acceptedAt === undefined) return { endsAt: -Infinity, minLooks: 0 };
  return { endsAt: acceptedAt + NOT_FOUND_RULES.afterCreateGraceMs * scale, minLooks: NOT_FOUND_RULES.afterCreateMinLooks };
}

/** Call on every 404 in a row: true while that 404 may still be lag under `grace`. */
export function notFoundCounter(grace: NotFoundGrace, clock: Clock): () => boolean {
  let looks = 0;
  return () => {
    looks += 1;
    return clock.now() < grace.endsAt || looks <= grace.minLooks;
  };
}

export type LookOutcome<T> = { kind: "found"; value: T } | { kind: "gone" };

export interface LookAgain<T> {
  /**
   * One look for the resource: what Atlas shows, or a 404 (isAtlasNotFound) or `undefined` (a list
   * that does not hold it yet), which count against the grace; other errors propagate.
   */
  read: () => Promise<T | undefined>;
  grace: NotFoundGrace;
  clock?: Clock;
  /** How long refused looks are ridden out; NOT_FOUND_RULES.refusalsForMs by default. */
  timeoutMs?: number;
  /** Look at once (a search that has not looked yet), instead of after a pause (the caller just met a 404). */
  lookFirst?: boolean;
}

const NOT_FOUND_YET: Observation = { phase: "notFoundYet", label: "NOT_FOUND_YET" };
const NOT_FOUND: Observation = { phase: "gone", label: "NOT_FOUND" };
/** "ready" stands for "Atlas shows it", whatever its status: the caller judges the status. */
const FOUND: Observation = { phase: "ready", label: "FOUND" };
const UNTIL_FOUND_OR_GONE: WaitSpec = { pending: ["notFoundYet"], target: ["ready", "gone"], failure: [] };

/**
 * Looks again on the wait loop (its schedule, clock and refusal handling) while "not there" may
 * still be lag under `grace`: after a 404 the caller just met, or (lookFirst) for a resource a
 * create whose answer was lost may have made. Found: what Atlas shows. Gone: not there outside the
 * grace. Throws NotConfirmedGone when Atlas refused every look until the timeout.
 */
export async function lookAgain<T>(options: LookAgain<T>): Promise<LookOutcome<T>> {
  const clock = options.clock ?? realClock;
  const lagging = notFoundCounter(options.grace, clock);
  if (!options.lookFirst && !lagging()) return { kind: "gone" };
  const timeoutMs = options.timeoutMs ?? NOT_FOUND_RULES.refusalsForMs;
  const notThere = () => ({ value: undefined, observation: lagging() ? NOT_FOUND_YET : NOT_FOUND });
  const outcome = await waitFor<T | undefined>({
    spec: UNTIL_FOUND_OR_GONE,
    ...(options.lookFirst ? {} : { initial: { value: undefined, observation: NOT_FOUND_YET } }),
    poll: async () => {
      try {
        const value = await options.read();
        return value === undefined ? notThere() : { value, observation: FOUND };
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        return notThere();
      }
    },
    timeoutMs,
    clock,
    timeScale: timeScale(),
  });
  if (outcome.kind === "reached")
    return outcome.observation.phase === "ready" ? { kind: "found", value: outcome.value as T } : { kind: "gone" };
  throw new NotConfirmedGone(
    `Atlas answered 404, then refused every look for ${formatDuration(timeoutMs)} (429/503), so whether it is gone is not known`,
    { method: "GET", path: "(look again)" },
  );
}

export interface GoneCheck<T> {
  /** One GET of the resource (404 when absent). */
  read: () => Promise<T>;
  /** Resolves when a 404 is Atlas saying the resource is gone; throws when it may mean something else. */
  confirm: (notFound: unknown) => Promise<void>;
  /** SECOND_LOOK unless the resource was just created (graceAfterCreate). */
  grace?: NotFoundGrace;
  clock?: Clock;
  timeoutMs?: number;
}

/**
 * Gone twice: after a first 404, the resource is gone only when Atlas says so (`confirm`) and a
 * look after a short pause agrees. Any resource can use it with its own read and confirm.
 */
export async function goneTwice<T>(notFound: unknown, check: GoneCheck<T>): Promise<LookOutcome<T>> {
  if (!isAtlasNotFound(notFound)) throw notFound;
  await check.confirm(notFound);
  return lookAgain<T>({
    read: check.read,
    grace: check.grace ?? SECOND_LOOK,
    ...(check.clock ? { clock: check.clock } : {}),
    ...(check.timeoutMs === undefined ? {} : { timeoutMs: check.timeoutMs }),
  });
}

/** goneTwice for any resource, saying so when the second look finds it after all. */
export async function goneTwiceFor<Ref, Answer>(
  resource: Watched<Ref, Answer>,
  client: AtlasClient,
  ref: Ref,
  notFound: unknown,
  options: { grace?: NotFoundGrace; clock?: Clock; timeoutMs?: number } = {},
): Promise<LookOutcome<Answer>> {
  const outcome = await goneTwice(notFound, {
    read: () => resource.read.get(client, ref),
    confirm: (error) => resource.read.confirmGone(client, ref, error as AtlasApiError),
    ...options,
  });
  if (outcome.kind === "found") {
    reportProgress(
      `${resource.ids.describe(ref)}: Atlas answered 404, but a second look found it (status ${resource.statuses.observe(outcome.value).label}): a lagging read, not a deletion`,
    );
  }
  return outcome;
}

/** A record whose status says it was still being created: Atlas may not list it yet, so its 404s get the create's grace (from now: the record does not hold its create time). */
export function graceForRecorded(phase: Phase | "notFoundYet" | undefined): NotFoundGrace {
  return phase === "pending" ? graceAfterCreate(realClock.now()) : SECOND_LOOK;
}

/** A 404 that is not Atlas saying this endpoint is gone: the stack must keep the endpoint. */
export class NotConfirmedGone extends AtlasClientError {
  override name = "NotConfirmedGone";
}

/**
 * A 404 that the client's verdict does not take as "gone", for any resource: the error that says
 * what to check. (An endpoint's own verdict, its service unreadable, is said by the endpoint.)
 */
export function notConfirmedGone(
  verdict: { because: "notAtlas" | "projectNotFound"; detail: string },
  what: string,
  groupId: string,
  error: AtlasApiError,
): NotConfirmedGone {
  const request = { method: error.method, path: error.path };
  switch (verdict.because) {
    case "notAtlas":
      return new NotConfirmedGone(
        `${verdict.detail}, without an Atlas error body, so it is not taken to mean that ${what} is gone: something other than Atlas answered ` +
          `(a proxy, or a base URL with a path). Check ${CONFIG_KEYS.baseUrl} / ${ENV_KEYS.baseUrl.join("/")} (the Atlas origin only, e.g. https://cloud.mongodb.com) and any proxy in between`,
        request,
      );
    case "projectNotFound":
      return new NotConfirmedGone(
        `${verdict.detail}: project groupId="${groupId}" does not exist or these credentials cannot see it, so whether ${what} is gone is not known. ` +
          "Check groupId and that the API key or service account has access to the project. If the project was deleted (its endpoints went with it), " +
          "remove this resource from the stack with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists the URNs)",
        request,
      );
    default:
      return verdict.because satisfies never;
  }
}

/**
 * For a resource a path names directly under its project (an endpoint service, a stream private
 * link): a 404 says it is gone only when Atlas itself answered (its error body) and not
 * GROUP_NOT_FOUND, the client's verdict. Resolves then; throws NotConfirmedGone saying what to check otherwise.
 */
export function confirmGoneInProject(client: AtlasClient, notFound: AtlasApiError, what: string, groupId: string): void {
  const verdict = client.whyServiceNotFound(notFound);
  if (verdict.gone) return;
  if (verdict.because === "serviceUnreadable") throw notFound;
  throw notConfirmedGone({ because: verdict.because, detail: verdict.detail }, what, groupId, notFound);
}
