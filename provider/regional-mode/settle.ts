/**
 * RegionalMode's part of settling (the rest is operations/settle.ts): once Atlas has the setting,
 * the project's clusters apply it. Multi-region and global sharded clusters go UPDATING and then
 * list their new private connection strings (one per region when enabled, each spanning the
 * cluster's regions when disabled); the others are not affected. The wait ends when each affected
 * cluster is IDLE and lists strings of the new kind, and the outputs carry every cluster's strings.
 */
import type { AtlasClient, Cluster, ClusterPrivateEndpointStrings, RegionalModeSetting } from "../client";
import { reportProgress } from "../host/stderr";
import type { Props, Settling } from "../operations/kind";
import { ResourceInitError } from "../operations/resource-init-error";
import { formatDuration, realClock } from "../vocabulary/time";
import {
  clusterRegions,
  explainClusterReadError,
  waitForProjectClusters,
  type ClusterStanding,
  type ClusterWaitOutcome,
} from "../waiting/cluster-waits";
import type { Observation } from "../waiting/status-table";
import { describeRegionalMode, type RegionalModeRef } from "./ids";
import type { ResolvedRegionalModeInputs } from "./inputs";
import { previousOf, regionalStringOf, toOutputs, type RegionalConnectionString, type RegionalModeOutputs } from "./outputs";
import { labelOf } from "./statuses";

/** How a message says Atlas holds it. */
export const held = "is set in Atlas";

export function failedAdvice(_observation: Observation): string {
  return "It is recorded in the stack; run `pulumi up` again to finish the change.";
}

/**
 * Whether the setting changes a cluster's strings: sharded (SHARDED or GEOSHARDED) with nodes in more
 * than one region (the spec: "existing multi-region and global sharded clusters"). A cluster whose
 * type Atlas does not say counts when it spans regions: waiting for it is bounded by the deadline.
 */
export function followsRegionalMode(cluster: Cluster): boolean {
  return cluster.clusterType !== "REPLICASET" && clusterRegions(cluster).size > 1;
}

/** Whether a string is of the kind the setting lists: one region's endpoints when enabled, several regions' when not. */
function ofKind(entry: ClusterPrivateEndpointStrings, enabled: boolean): boolean {
  const regions = new Set(
    (entry.endpoints ?? []).map((endpoint) => `${endpoint.providerName}:${endpoint.region?.toUpperCase().replace(/-/g, "_")}`),
  );
  if (regions.size === 0) return true;
  return enabled ? regions.size === 1 : regions.size > 1;
}

const kindOfStrings = (enabled: boolean) => (enabled ? "region-specific" : "multi-region");

/** Where a cluster stands with the setting at `enabled`. */
export function standingUnder(enabled: boolean): (cluster: Cluster) => ClusterStanding<RegionalConnectionString> {
  return (cluster) => {
    const state = cluster.stateName ?? "NO_STATE_YET";
    const entries = cluster.connectionStrings?.privateEndpoint ?? [];
    const strings = entries.map((entry) => regionalStringOf(cluster, entry));
    if (!followsRegionalMode(cluster)) {
      return {
        kind: "done",
        state,
        strings,
        says: "not affected (a replica set or a single-region cluster), its strings stay as they are",
      };
    }
    if (state !== "IDLE")
      return { kind: "waiting", state, why: "waiting for it to apply regional mode (its private connection strings change)" };
    if (!entries.every((entry) => ofKind(entry, enabled))) {
      return { kind: "waiting", state, why: `waiting for it to list ${kindOfStrings(enabled)} private connection strings` };
    }
    return {
      kind: "done",
      state,
      strings,
      says:
        strings.length > 0
          ? `lists ${strings.length} ${kindOfStrings(enabled)} private connection string${strings.length === 1 ? "" : "s"}`
          : "applied it (no private endpoint reaches it yet, so it lists no private connection string)",
    };
  };
}

/** Polls the project's clusters until each has applied the setting at `enabled`, or the deadline. */
export function waitForSetting(
  client: AtlasClient,
  groupId: string,
  enabled: boolean,
  timeoutMs: number,
): Promise<ClusterWaitOutcome<RegionalConnectionString>> {
  return waitForProjectClusters({
    client,
    groupId,
    what: describeRegionalMode({ groupId }),
    standing: standingUnder(enabled),
    timeoutMs,
  });
}

/** A wait that did not finish, as the clusters still busy. */
export function busyText(outcome: Extract<ClusterWaitOutcome<unknown>, { kind: "timedOut" }>): string {
  return outcome.busy.map((cluster) => `${cluster.name} (${cluster.state}, ${cluster.why})`).join(", ") || "(unknown)";
}

const OTHERWISE = "then run `pulumi up` again";

export interface ClusterSettle {
  id: string;
  groupId: string;
  enabled: boolean;
  /** The timeout and what is left of it. */
  timeoutMs: number;
  remainingMs: number;
  /** The outputs to record (the setting, no strings) when the wait does not finish. */
  record: () => Props;
}

/**
 * Waits for the clusters to apply the setting and returns every cluster's strings. Anything short of
 * that throws a ResourceInitError: the setting stays recorded, and the next `pulumi up` resumes the wait.
 */
export async function settleClusters(client: AtlasClient, settle: ClusterSettle): Promise<RegionalConnectionString[]> {
  const { id, groupId, enabled } = settle;
  const what = describeRegionalMode({ groupId });
  const resume = `Atlas has it ${labelOf({ enabled })} and the stack records it; run \`pulumi up\` again to resume waiting for the clusters.`;
  let outcome: ClusterWaitOutcome<RegionalConnectionString>;
  try {
    outcome = await waitForSetting(client, groupId, enabled, settle.remainingMs);
  } catch (error) {
    throw new ResourceInitError(
      id,
      settle.record(),
      `${what} is ${labelOf({ enabled })}, but waiting for the project's clusters failed: ${explainClusterReadError(error, { groupId }, OTHERWISE)}. ${resume}`,
    );
  }
  switch (outcome.kind) {
    case "reached":
      reportProgress(
        `${what}: clusters ready (${outcome.strings.length} private connection string${outcome.strings.length === 1 ? "" : "s"})`,
      );
      return outcome.strings;
    case "impossible":
      throw new ResourceInitError(id, settle.record(), `${what} is ${labelOf({ enabled })}, but ${outcome.reason}. ${resume}`);
    case "timedOut":
      throw new ResourceInitError(
        id,
        settle.record(),
        `${what} is ${labelOf({ enabled })}, but not every cluster applied it within the timeout of ${formatDuration(settle.timeoutMs)}: cluster ${busyText(outcome)}. ` +
          `${resume} Raise timeouts.create if the clusters need longer.`,
      );
    default:
      return outcome satisfies never;
  }
}

/** Atlas has the setting: now the clusters. */
export async function ready(
  client: AtlasClient,
  settling: Settling<ResolvedRegionalModeInputs, RegionalModeRef, RegionalModeSetting>,
  setting: RegionalModeSetting,
  record: () => Props,
): Promise<RegionalModeOutputs> {
  const { inputs, placed } = settling;
  if (setting.enabled !== inputs.enabled) {
    // Only after an answer that could not be read: Atlas shows the old value, so the change did not take.
    throw new ResourceInitError(
      settling.id,
      record(),
      `${describeRegionalMode(inputs)} is still ${labelOf(setting)} after Atlas accepted the change; run \`pulumi up\` again to set it.`,
    );
  }
  const remainingMs = Math.max(0, settling.timeoutMs - (realClock.now() - settling.startedAt));
  const strings = await settleClusters(client, {
    id: settling.id,
    groupId: inputs.groupId,
    enabled: inputs.enabled,
    timeoutMs: settling.timeoutMs,
    remainingMs,
    record,
  });
  return toOutputs(inputs, setting, previousOf(inputs, placed), placed.adopted, strings);
}
