/**
 * PrivateEndpoint's part of settling (the rest is operations/settle.ts): after AVAILABLE, the
 * project's clusters apply the endpoint and list its connection strings; on the create deadline
 * deleteOnCreateTimeout may delete it; and what to do after a failure.
 */
import type { AtlasClient, AtlasEndpoint } from "../client";
import { engineCheckpoint, reportProgress } from "../host/stderr";
import { deleteAndWait } from "../operations/delete";
import type { AtlasResource, Props, Settling } from "../operations/kind";
import { ResourceInitError } from "../operations/resource-init-error";
import { messageOf } from "../vocabulary/errors";
import type { EndpointRef } from "../vocabulary/refs";
import { formatDuration, realClock, timeoutMs } from "../vocabulary/time";
import { explainClusterReadError, waitForClusters } from "../waiting/cluster-waits";
import type { Observation } from "../waiting/status-table";
import { describeEndpoint } from "./ids";
import type { ResolvedInputs } from "./inputs";
import { toOutputs, type PrivateConnectionString, type PrivateEndpointOutputs } from "./outputs";

type EndpointSettling = Settling<ResolvedInputs, EndpointRef, AtlasEndpoint>;

/** How a message says Atlas holds it. */
export const held = "is registered with Atlas";

export function failedAdvice(observation: Observation): string {
  return observation.phase === "gone" || observation.phase === "deleting"
    ? "It is recorded in the stack; `pulumi refresh` drops it if it is gone, and `pulumi up` registers it again."
    : "It is recorded in the stack with that status and Atlas will not retry it: fix the cloud-side endpoint, then re-register it with `pulumi up --replace <urn>` (a changed input replaces it too), or remove it with `pulumi destroy`.";
}

/** AVAILABLE: now the clusters. */
export async function ready(
  client: AtlasClient,
  settling: EndpointSettling,
  endpoint: AtlasEndpoint,
  record: () => Props,
): Promise<PrivateEndpointOutputs> {
  const remainingMs = Math.max(0, settling.timeoutMs - (realClock.now() - settling.startedAt));
  const strings = await settleClusters(client, {
    id: settling.id,
    ref: settling.placed.ref,
    inputs: settling.inputs,
    timeoutMs: settling.timeoutMs,
    remainingMs,
    record,
  });
  return toOutputs(settling.inputs, endpoint, settling.placed.adopted, strings);
}

/**
 * The create deadline passed: deleted when deleteOnCreateTimeout says so (never an adopted one, and
 * with `deleteIt`, the lifecycle's own delete), else recorded as not ready.
 */
export async function onDeadline(
  endpoint: AtlasResource<ResolvedInputs, EndpointRef, AtlasEndpoint, PrivateEndpointOutputs>,
  client: AtlasClient,
  settling: EndpointSettling,
  lastStatus: string,
  record: () => Props,
): Promise<never> {
  const { id, inputs, placed } = settling;
  const what = describeEndpoint(placed.ref);
  const notReady = `${what} was not AVAILABLE within the create timeout of ${formatDuration(settling.timeoutMs)} (last status ${lastStatus})`;
  if (inputs.deleteOnCreateTimeout && !placed.adopted) {
    reportProgress(`${notReady}; deleting it because deleteOnCreateTimeout is true`);
    await engineCheckpoint();
    try {
      await deleteAndWait(endpoint, client, placed.ref, timeoutMs(inputs.timeouts, "delete"), {});
    } catch (error) {
      throw new ResourceInitError(
        id,
        record(),
        `${notReady}, and deleting it (deleteOnCreateTimeout) failed: ${messageOf(error)}. It is recorded in the stack; run \`pulumi destroy\` or \`pulumi up\` again.`,
      );
    }
    throw new Error(
      `${notReady}. It was deleted from Atlas because deleteOnCreateTimeout is true, and nothing was recorded; ` +
        "run `pulumi up` to try again (raise timeouts.create if Atlas needs longer).",
    );
  }
  const kept = placed.adopted && inputs.deleteOnCreateTimeout ? " It was adopted, so deleteOnCreateTimeout does not delete it." : "";
  throw new ResourceInitError(
    id,
    record(),
    `${notReady}. It is registered with Atlas and recorded in the stack as not ready.${kept} ` +
      "Run `pulumi up` again to resume waiting (raise timeouts.create if Atlas needs longer), or `pulumi destroy` to remove it.",
  );
}

export interface ClusterSettle {
  id: string;
  ref: EndpointRef;
  inputs: ResolvedInputs;
  /** The create timeout and what is left of it. */
  timeoutMs: number;
  remainingMs: number;
  /** The outputs to record (endpoint AVAILABLE, no strings) when the cluster wait does not finish. */
  record: () => Props;
}

/**
 * After AVAILABLE: waits for the chosen clusters to apply the endpoint and returns their strings
 * (undefined when waitForClusters is false). Anything short of that throws a ResourceInitError:
 * the endpoint stays recorded, and the next `pulumi up` resumes the cluster wait.
 */
export async function settleClusters(client: AtlasClient, settle: ClusterSettle): Promise<PrivateConnectionString[] | undefined> {
  const { id, ref, inputs } = settle;
  if (inputs.waitForClusters === false) return undefined;
  const what = describeEndpoint(ref);
  const resume = "The endpoint is AVAILABLE and recorded in the stack; run `pulumi up` again to resume waiting for the clusters.";
  let outcome: Awaited<ReturnType<typeof waitForClusters>>;
  try {
    const service = await client.getEndpointService(ref);
    outcome = await waitForClusters({
      client,
      ref,
      what,
      choice: inputs.waitForClusters,
      serviceRegion: service.regionName,
      timeoutMs: settle.remainingMs,
    });
  } catch (error) {
    throw new ResourceInitError(
      id,
      settle.record(),
      `${what} is AVAILABLE, but waiting for the project's clusters failed: ${explainClusterReadError(error, ref)}. ${resume}`,
    );
  }
  switch (outcome.kind) {
    case "reached":
      if (outcome.strings.length > 0 || outcome.polls > 1)
        reportProgress(`${what}: clusters ready (${outcome.strings.length} connection string${outcome.strings.length === 1 ? "" : "s"})`);
      return outcome.strings;
    case "impossible":
      throw new ResourceInitError(
        id,
        settle.record(),
        `${what} is AVAILABLE, but ${outcome.reason}. Fix waitForClusters (or set it to false). ${resume}`,
      );
    case "timedOut": {
      const busy = outcome.busy.map((cluster) => `${cluster.name} (${cluster.state}, ${cluster.why})`).join(", ");
      throw new ResourceInitError(
        id,
        settle.record(),
        `${what} is AVAILABLE, but not every cluster applied it within the create timeout of ${formatDuration(settle.timeoutMs)}: cluster ${busy || "(unknown)"}. ` +
          `${resume} Raise timeouts.create if the clusters need longer, or name the clusters to wait for in waitForClusters.`,
      );
    }
    default:
      return outcome satisfies never;
  }
}
