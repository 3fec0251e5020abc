import type { AtlasClient, AtlasEndpoint } from "../client";
import { engineCheckpoint, reportProgress } from "../host/stderr";
import { describeEndpoint, type EndpointRef } from "../vocabulary/ids";
import { PROVIDER_KEY, timeoutMs, type ResolvedInputs } from "../vocabulary/inputs";
import { toOutputs, type PrivateConnectionString, type PrivateEndpointOutputs } from "../vocabulary/outputs";
import { formatDuration, realClock } from "../vocabulary/time";
import { explainClusterReadError, waitForClusters } from "../waiting/cluster-waits";
import { waitUntilReady, type EndpointOutcome } from "../waiting/endpoint-waits";
import { removeEndpoint } from "./delete";
import { ResourceInitError } from "./resource-init-error";

/**
 * After Atlas accepted a create (or an adoption, or a resumed create): wait for AVAILABLE, then
 * for the clusters; anything short of that is recorded, never orphaned.
 */
export interface Registered {
  /** The Pulumi id, recorded even when the wait fails. */
  id: string;
  ref: EndpointRef;
  inputs: ResolvedInputs;
  /** The serialized provider, copied into recorded properties so later operations can load it. */
  provider: unknown;
  adopted: boolean;
  /** What Atlas last answered for the endpoint. */
  initial: AtlasEndpoint | undefined;
  /** When Atlas accepted the create; undefined when resuming an older one. */
  acceptedAt?: number;
  /** The create timeout, counted from `startedAt` (when the create or its resumption began). */
  timeoutMs: number;
  startedAt: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Waits for a registered endpoint to become AVAILABLE and returns its outputs. Anything else
 * throws a ResourceInitError carrying the id and outputs, so the engine records the endpoint
 * (never an orphan) and the next `pulumi up` resumes through update.
 */
export async function settle(client: AtlasClient, registered: Registered): Promise<{ id: string; outs: PrivateEndpointOutputs }> {
  const { id, ref, inputs, adopted } = registered;
  const what = describeEndpoint(ref);
  let latest = registered.initial;
  const record = () => ({ ...toOutputs(inputs, latest, adopted), [PROVIDER_KEY]: registered.provider });

  let outcome: EndpointOutcome;
  try {
    outcome = await waitUntilReady({
      client,
      ref,
      initial: registered.initial,
      timeoutMs: Math.max(0, registered.timeoutMs - (realClock.now() - registered.startedAt)),
      acceptedAt: registered.acceptedAt,
      onSeen: (endpoint) => (latest = endpoint),
    });
  } catch (error) {
    throw new ResourceInitError(
      id,
      record(),
      `${what} is registered with Atlas, but reading its status failed: ${messageOf(error)}. ` +
        "It is recorded in the stack as not ready; run `pulumi up` again to resume waiting.",
    );
  }

  switch (outcome.kind) {
    case "reached": {
      latest = outcome.value;
      const remainingMs = Math.max(0, registered.timeoutMs - (realClock.now() - registered.startedAt));
      const strings = await settleClusters(client, { id, ref, inputs, timeoutMs: registered.timeoutMs, remainingMs, record });
      return { id, outs: toOutputs(inputs, outcome.value, adopted, strings) };
    }
    case "failed": {
      const { observation } = outcome;
      const why = observation.failure ?? `Atlas reports status ${observation.label}`;
      const advice =
        observation.phase === "gone" || observation.phase === "deleting"
          ? "It is recorded in the stack; `pulumi refresh` drops it if it is gone, and `pulumi up` registers it again."
          : "It is recorded in the stack with that status and Atlas will not retry it: fix the cloud-side endpoint, then re-register it with `pulumi up --replace <urn>` (a changed input replaces it too), or remove it with `pulumi destroy`.";
      throw new ResourceInitError(id, record(), `${what} did not become AVAILABLE: ${why} (status ${observation.label}). ${advice}`);
    }
    case "timedOut":
      return onCreateDeadline(client, registered, outcome.observation?.label ?? "unknown", record);
    default:
      return outcome satisfies never;
  }
}

async function onCreateDeadline(
  client: AtlasClient,
  registered: Registered,
  lastStatus: string,
  record: () => Record<string, unknown>,
): Promise<never> {
  const { id, ref, inputs, adopted } = registered;
  const what = describeEndpoint(ref);
  const notReady = `${what} was not AVAILABLE within the create timeout of ${formatDuration(registered.timeoutMs)} (last status ${lastStatus})`;
  if (inputs.deleteOnCreateTimeout && !adopted) {
    reportProgress(`${notReady}; deleting it because deleteOnCreateTimeout is true`);
    await engineCheckpoint();
    try {
      await removeEndpoint(client, ref, timeoutMs(inputs.timeouts, "delete"));
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
  const kept = adopted && inputs.deleteOnCreateTimeout ? " It was adopted, so deleteOnCreateTimeout does not delete it." : "";
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
  record: () => Record<string, unknown>;
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
