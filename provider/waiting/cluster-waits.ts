import { AtlasApiError, type AtlasClient, type Cluster, type ClusterPrivateEndpointStrings } from "../client";
import { clusterWatcherEnabled, timeScale } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { messageOf } from "../vocabulary/errors";
import type { EndpointRef } from "../vocabulary/refs";
import { formatDuration, realClock, type Clock } from "../vocabulary/time";
import { POLL_SCHEDULE } from "./poll-schedule";
import { SharedReads } from "./shared-read";
import type { Observation, WaitSpec } from "./status-table";
import { currentPollSchedule, type PollScheduleFunction, waitFor } from "./wait";

/**
 * One cluster watcher per project per process: every wait and refresh in this provider process
 * that reads a project's clusters (same Atlas, same rights) shares one read in flight, and an
 * answer less than half the fast poll interval old. That is the shortest gap between a wait's
 * polls, so no wait is handed an answer older than its previous look; cluster reads grow with
 * polls, not with endpoints x polls. Each endpoint still looks for its own entries in the answer.
 */
const clusterWatchers = new SharedReads<Cluster[]>();

/** How long a cluster answer is shared: half the fast poll interval (scaled). */
const reuseWindowMs = (scale: number) => (POLL_SCHEDULE.fastIntervalMs / 2) * scale;

export function readProjectClusters(client: AtlasClient, groupId: string): Promise<Cluster[]> {
  if (!clusterWatcherEnabled()) return client.listClusters({ groupId });
  return clusterWatchers.for(`${client.sharingKey} ${groupId}`).read(() => client.listClusters({ groupId }), reuseWindowMs(timeScale()));
}

/**
 * The wait's schedule, each poll moved later onto a grid of reuse windows shared by every wait in
 * the process: waits that began apart (their endpoints AVAILABLE at different polls) still poll
 * together and share one read. A poll is at most one window (1 s) late.
 */
function onSharedGrid(schedule: PollScheduleFunction, clock: Clock, scale: number): PollScheduleFunction {
  const gridMs = reuseWindowMs(scale);
  return (moment) => {
    const now = clock.now();
    const at = now + schedule(moment) * scale;
    return (Math.ceil(at / gridMs) * gridMs - now) / scale;
  };
}

/** Tests: forget every shared cluster answer. */
export function resetClusterWatchers(): void {
  clusterWatchers.clear();
}

/** How to reach one cluster through a private endpoint, as Atlas lists it (no credentials in it). */
export interface PrivateConnectionString {
  clusterName: string;
  /** MONGOD (replica set) or MONGOS (sharded). */
  type?: string;
  connectionString?: string;
  srvConnectionString?: string;
  /** Sharded clusters, where Atlas gives one. */
  srvShardOptimizedConnectionString?: string;
}

/** true: every cluster of the project; a list: those names only. */
export type ClusterChoice = true | string[];

/** Where a cluster stands at one look, as the rule of what it applies reads it. */
export type ClusterStanding<S> =
  /** Settled: its strings (maybe none) are final; `says` what it lists ("lists the endpoint"). */
  | { kind: "done"; state: string; strings: S[]; says: string }
  /** Settled with nothing to give (an endpoint's cluster without nodes in its region): `note` says why. */
  | { kind: "settled"; state: string; note: string }
  | { kind: "waiting"; state: string; why: string }
  /** Deleted (or being deleted) since the wait began: skipped. */
  | { kind: "gone"; state: string };

interface Look<S> {
  standings: Map<string, ClusterStanding<S>>;
  /** Set when the wait cannot succeed (a named cluster that can never settle). */
  impossible?: string;
}

export type ClusterWaitOutcome<S = PrivateConnectionString> =
  | { kind: "reached"; strings: S[]; polls: number; elapsedMs: number }
  | { kind: "impossible"; reason: string }
  | {
      kind: "timedOut";
      busy: { name: string; state: string; why: string }[];
      strings: S[];
      polls: number;
      elapsedMs: number;
    };

/** Atlas writes regions as US_EAST_1; tolerate us-east-1. */
const normalizeRegion = (region: string) => region.toUpperCase().replace(/-/g, "_");

/** Azure resource ids are case-insensitive; the others are compared as given. */
function sameEndpoint(ref: EndpointRef, id: string | undefined): boolean {
  if (id === undefined) return false;
  return ref.cloudProvider === "AZURE" ? id.toLowerCase() === ref.endpointId.toLowerCase() : id === ref.endpointId;
}

/** One `connectionStrings.privateEndpoint[]` entry of a cluster, as outputs carry it. */
export function connectionStringOf(cluster: Cluster, entry: ClusterPrivateEndpointStrings): PrivateConnectionString {
  return {
    clusterName: cluster.name,
    type: entry.type,
    connectionString: entry.connectionString,
    srvConnectionString: entry.srvConnectionString,
    srvShardOptimizedConnectionString: entry.srvShardOptimizedConnectionString,
  };
}

/** The strings a cluster lists for this endpoint (Atlas's `connectionStrings.privateEndpoint[]` entries naming it). */
export function stringsFor(cluster: Cluster, ref: EndpointRef): PrivateConnectionString[] {
  return (cluster.connectionStrings?.privateEndpoint ?? [])
    .filter((entry) => (entry.endpoints ?? []).some((endpoint) => sameEndpoint(ref, endpoint.endpointId)))
    .map((entry) => connectionStringOf(cluster, entry));
}

/** The distinct clouds and regions a cluster has nodes in, as `<cloud>:<REGION>`. */
export function clusterRegions(cluster: Cluster): Set<string> {
  const configs = (cluster.replicationSpecs ?? []).flatMap((spec) => spec.regionConfigs ?? []);
  return new Set(
    configs.flatMap((config) => {
      const cloud = config.providerName === "TENANT" ? config.backingProviderName : config.providerName;
      return cloud === undefined || config.regionName === undefined ? [] : [`${cloud}:${normalizeRegion(config.regionName)}`];
    }),
  );
}

/**
 * Whether the cluster has nodes in the endpoint service's cloud and region (Atlas lists an endpoint
 * only for such clusters). Unknown (no region given or no region configs) counts as yes: waiting
 * for the listing is then bounded by the deadline, never skipped on a guess.
 */
function hasNodesIn(cluster: Cluster, ref: EndpointRef, serviceRegion: string | undefined): boolean {
  if (serviceRegion === undefined) return true;
  if ((cluster.replicationSpecs ?? []).every((spec) => (spec.regionConfigs ?? []).length === 0)) return true;
  return clusterRegions(cluster).has(`${ref.cloudProvider}:${normalizeRegion(serviceRegion)}`);
}

function standingOf(cluster: Cluster, ref: EndpointRef, serviceRegion: string | undefined): ClusterStanding<PrivateConnectionString> {
  const state = cluster.stateName ?? "NO_STATE_YET";
  const idle = state === "IDLE";
  if (!hasNodesIn(cluster, ref, serviceRegion))
    return idle
      ? { kind: "settled", state, note: "it has no nodes in the endpoint's region, so it is left out of privateConnectionStrings" }
      : {
          kind: "waiting",
          state,
          why: "waiting for it to be IDLE (it has no nodes in the endpoint's region, so it will not list the endpoint)",
        };
  const strings = stringsFor(cluster, ref);
  if (idle && strings.length > 0) return { kind: "done", state, strings, says: "lists the endpoint" };
  return { kind: "waiting", state, why: idle ? "waiting for it to list the endpoint" : "waiting for it to apply the endpoint" };
}

export interface ClusterWait {
  client: AtlasClient;
  ref: EndpointRef;
  /** How progress lines name what the clusters apply ("AWS endpoint vpce-..."). */
  what: string;
  choice: ClusterChoice;
  /** The endpoint service's region (Atlas's name, e.g. US_EAST_1), for the region rule. */
  serviceRegion: string | undefined;
  timeoutMs: number;
  clock?: Clock;
}

/**
 * Polls the project's clusters (one list GET per poll, on the endpoint wait's schedule, shared
 * with every other wait on the project: readProjectClusters) until each
 * chosen cluster has applied the endpoint: IDLE and listing it. Clusters without nodes in the
 * service's cloud and region are only waited for until IDLE; clusters deleted meanwhile are
 * skipped. Errors propagate: retrying HTTP is the client's job.
 */
export async function waitForClusters(wait: ClusterWait): Promise<ClusterWaitOutcome> {
  const { ref, serviceRegion } = wait;
  return waitForProjectClusters<PrivateConnectionString>({
    client: wait.client,
    groupId: ref.groupId,
    what: wait.what,
    named: wait.choice === true ? undefined : wait.choice,
    standing: (cluster) => standingOf(cluster, ref, serviceRegion),
    never: (cluster) =>
      hasNodesIn(cluster, ref, serviceRegion)
        ? undefined
        : `waitForClusters names cluster ${cluster.name}, which has no nodes in ${ref.cloudProvider} ${serviceRegion}, the endpoint service's region; ` +
          "Atlas lists an endpoint only for clusters with nodes in its region, so it would never list this one",
    timeoutMs: wait.timeoutMs,
    ...(wait.clock ? { clock: wait.clock } : {}),
  });
}

/** A wait for a project's clusters to apply something (an endpoint, a project setting), whatever it is. */
export interface ProjectClusterWait<S> {
  client: AtlasClient;
  groupId: string;
  /** How progress lines name what the clusters apply ("AWS endpoint vpce-...", "regional mode of project ..."). */
  what: string;
  /** Only these clusters (a user's waitForClusters list); undefined: every cluster of the project. */
  named?: readonly string[];
  /** Where a cluster stands at one look (one being deleted is skipped before it is asked). */
  standing(cluster: Cluster): ClusterStanding<S>;
  /** Why a named cluster could never settle, so the wait fails at once; undefined when it can. */
  never?(cluster: Cluster): string | undefined;
  timeoutMs: number;
  clock?: Clock;
}

const CLUSTERS_SETTLED: WaitSpec = { pending: ["pending"], target: ["ready"], failure: ["failed"] };

/**
 * Polls the project's clusters (one list GET per poll, shared with every other wait on the project:
 * readProjectClusters) until every chosen cluster stands settled by the caller's rule (`standing`);
 * clusters deleted meanwhile are skipped, and the strings of those done are the result. Errors
 * propagate: retrying HTTP is the client's job.
 */
export async function waitForProjectClusters<S>(wait: ProjectClusterWait<S>): Promise<ClusterWaitOutcome<S>> {
  const { what } = wait;
  const clock = wait.clock ?? realClock;
  const startedAt = clock.now();
  const named = wait.named === undefined ? undefined : new Set(wait.named);
  const seenNames = new Set<string>();
  const lastState = new Map<string, string>();
  let firstLook = true;

  const report = (name: string, standing: ClusterStanding<S>) => {
    const label = `${standing.state}${standing.kind === "waiting" ? ` (${standing.why})` : ""}`;
    const before = lastState.get(name);
    if (before === label) return;
    lastState.set(name, label);
    const elapsed = formatDuration(clock.now() - startedAt);
    switch (standing.kind) {
      case "waiting":
        reportProgress(`${what}: cluster ${name}: ${standing.state}, ${standing.why}`);
        break;
      case "done":
        reportProgress(`${what}: cluster ${name}: ${standing.state}, ${standing.says}${before === undefined ? "" : ` after ${elapsed}`}`);
        break;
      case "settled":
        reportProgress(`${what}: cluster ${name}: ${standing.state}; ${standing.note}`);
        break;
      case "gone":
        reportProgress(`${what}: cluster ${name}: ${standing.state === "GONE" ? "deleted" : standing.state}; skipped`);
        break;
    }
  };

  const look = async (): Promise<{ value: Look<S>; observation: Observation }> => {
    const clusters = await readProjectClusters(wait.client, wait.groupId);
    const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
    const standings = new Map<string, ClusterStanding<S>>();
    let impossible: string | undefined;
    const chosen = named ? [...named] : [...new Set([...seenNames, ...byName.keys()])];
    for (const name of chosen) {
      const cluster = byName.get(name);
      if (!cluster) {
        if (firstLook && named) {
          impossible ??= `waitForClusters names cluster ${name}, but project ${wait.groupId} has no cluster of that name${byName.size > 0 ? ` (it has: ${[...byName.keys()].join(", ")})` : " (it has none)"}`;
        }
        if (seenNames.has(name)) standings.set(name, { kind: "gone", state: "GONE" });
        continue;
      }
      seenNames.add(name);
      const state = cluster.stateName ?? "NO_STATE_YET";
      const standing: ClusterStanding<S> = state === "DELETING" ? { kind: "gone", state } : wait.standing(cluster);
      if (named) impossible ??= wait.never?.(cluster);
      standings.set(name, standing);
    }
    firstLook = false;
    for (const [name, standing] of standings) report(name, standing);
    const waiting = [...standings].filter(([, standing]) => standing.kind === "waiting");
    const label =
      waiting
        .map(([name, standing]) => `${name}:${standing.state}`)
        .sort()
        .join(",") || "SETTLED";
    const phase: Observation["phase"] = impossible ? "failed" : waiting.length === 0 ? "ready" : "pending";
    return { value: { standings, impossible }, observation: { phase, label } };
  };

  const scale = timeScale();
  const schedule = clusterWatcherEnabled() ? onSharedGrid(currentPollSchedule(), clock, scale) : currentPollSchedule();
  const outcome = await waitFor<Look<S>>({
    spec: CLUSTERS_SETTLED,
    poll: look,
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: scale,
    schedule,
  });
  const strings = (found: Look<S> | undefined) =>
    [...(found?.standings.values() ?? [])].flatMap((standing) => (standing.kind === "done" ? standing.strings : []));
  switch (outcome.kind) {
    case "reached":
      return { kind: "reached", strings: strings(outcome.value), polls: outcome.polls, elapsedMs: outcome.elapsedMs };
    case "failed":
      return { kind: "impossible", reason: outcome.value.impossible ?? `the clusters cannot apply ${what}` };
    case "timedOut": {
      const busy = [...(outcome.value?.standings ?? [])].flatMap(([name, standing]) =>
        standing.kind === "waiting" ? [{ name, state: standing.state, why: standing.why }] : [],
      );
      return { kind: "timedOut", busy, strings: strings(outcome.value), polls: outcome.polls, elapsedMs: outcome.elapsedMs };
    }
    default:
      return outcome satisfies never;
  }
}

/**
 * A 403 on the cluster reads, said as what to do about it; `otherwise` is the resource's way out
 * (an endpoint's: waitForClusters: false).
 */
export function explainClusterReadError(
  error: unknown,
  ref: { groupId: string },
  otherwise = "or set waitForClusters: false to return at AVAILABLE without privateConnectionStrings",
): string {
  const message = messageOf(error);
  if (error instanceof AtlasApiError && error.status === 403) {
    return (
      `Atlas does not allow these credentials to read the clusters of project groupId="${ref.groupId}" (${message}). ` +
      "Waiting for clusters needs read access to them: grant the API key or service account the Project Read Only role (or higher) in that project" +
      (otherwise ? `, ${otherwise}` : "")
    );
  }
  return `reading the project's clusters failed: ${message}`;
}

/**
 * Refresh: the strings the chosen clusters list for this endpoint now (no waiting). On an error
 * the recorded strings are kept and the reason is reported: a refresh never loses the endpoint
 * over a cluster read.
 */
export async function refreshConnectionStrings(
  client: AtlasClient,
  ref: EndpointRef,
  what: string,
  choice: ClusterChoice | false,
  recorded: unknown,
): Promise<PrivateConnectionString[] | undefined> {
  if (choice === false) return undefined;
  try {
    const clusters = await readProjectClusters(client, ref.groupId);
    const chosen = choice === true ? clusters : clusters.filter((cluster) => choice.includes(cluster.name));
    return chosen.flatMap((cluster) => stringsFor(cluster, ref));
  } catch (error) {
    reportProgress(`${what}: privateConnectionStrings kept as recorded: ${explainClusterReadError(error, ref)}`);
    return recordedConnectionStrings(recorded);
  }
}

/** The connection strings a record holds (undefined when it holds none). */
export function recordedConnectionStrings(recorded: unknown): PrivateConnectionString[] | undefined {
  if (!Array.isArray(recorded)) return undefined;
  return recorded.filter((entry): entry is PrivateConnectionString => typeof entry?.clusterName === "string");
}
