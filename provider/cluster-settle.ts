import { describeEndpoint } from "./atlas";
import type { AtlasClient, EndpointRef } from "./client";
import { explainClusterReadError, waitForClusters } from "./cluster-waits";
import { formatDuration } from "./duration";
import { ResourceInitError } from "./errors/resource-init-error";
import type { ResolvedInputs } from "./inputs";
import type { PrivateConnectionString } from "./outputs";
import { reportProgress } from "./progress";

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
  let outcome;
  try {
    const service = await client.getEndpointService(ref);
    outcome = await waitForClusters({ client, ref, choice: inputs.waitForClusters, serviceRegion: service.regionName, timeoutMs: settle.remainingMs });
  } catch (error) {
    throw new ResourceInitError(id, settle.record(), `${what} is AVAILABLE, but waiting for the project's clusters failed: ${explainClusterReadError(error, ref)}. ${resume}`);
  }
  switch (outcome.kind) {
    case "reached":
      if (outcome.strings.length > 0 || outcome.polls > 1) reportProgress(`${what}: clusters ready (${outcome.strings.length} connection string${outcome.strings.length === 1 ? "" : "s"})`);
      return outcome.strings;
    case "impossible":
      throw new ResourceInitError(id, settle.record(), `${what} is AVAILABLE, but ${outcome.reason}. Fix waitForClusters (or set it to false). ${resume}`);
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
