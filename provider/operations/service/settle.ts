import type { AtlasClient, EndpointService, ServiceRef } from "../../client";
import { describeService } from "../../vocabulary/ids";
import { PROVIDER_KEY } from "../../vocabulary/inputs";
import type { ResolvedServiceInputs } from "../../vocabulary/service-inputs";
import { toServiceOutputs, type EndpointServiceOutputs } from "../../vocabulary/service-outputs";
import { formatDuration, realClock } from "../../vocabulary/time";
import { waitUntilServiceReady, type ServiceOutcome } from "../../waiting/service-waits";
import { ResourceInitError } from "../resource-init-error";
import type { Placement } from "./create";

/** A service Atlas created (or the project had): wait until it is usable; anything short of that is recorded. */
export interface PlacedService {
  id: string;
  ref: ServiceRef;
  inputs: ResolvedServiceInputs;
  /** As the user wrote it, so state shows no spelling drift. */
  declaredRegion: string;
  provider: unknown;
  placement: Placement;
  timeoutMs: number;
  startedAt: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Waits for AVAILABLE (or WAITING_FOR_USER) and returns the outputs. Anything else throws a
 * ResourceInitError with the id and outputs, so the engine records the service (never an orphan)
 * and the next `pulumi up` resumes through update.
 */
export async function settleService(client: AtlasClient, placed: PlacedService): Promise<{ id: string; outs: EndpointServiceOutputs }> {
  const { id, ref, inputs, placement } = placed;
  const what = describeService({ ...ref, regionName: inputs.region });
  let latest: EndpointService | undefined = placement.service;
  const outputsOf = (service: EndpointService | undefined) =>
    toServiceOutputs(inputs, ref.endpointServiceId, service, placement.adopted, placed.declaredRegion);
  const record = () => ({ ...outputsOf(latest), [PROVIDER_KEY]: placed.provider });

  let outcome: ServiceOutcome;
  try {
    outcome = await waitUntilServiceReady({
      client,
      ref,
      initial: placement.service,
      acceptedAt: placement.acceptedAt,
      timeoutMs: Math.max(0, placed.timeoutMs - (realClock.now() - placed.startedAt)),
      onSeen: (service) => (latest = service),
    });
  } catch (error) {
    throw new ResourceInitError(
      id,
      record(),
      `${what} exists in Atlas, but reading its status failed: ${messageOf(error)}. It is recorded in the stack as not ready; run \`pulumi up\` again to resume waiting.`,
    );
  }
  switch (outcome.kind) {
    case "reached":
      return { id, outs: outputsOf(outcome.value) };
    case "failed": {
      const why = outcome.observation.failure ?? `Atlas reports status ${outcome.observation.label}`;
      throw new ResourceInitError(
        id,
        record(),
        `${what} did not become AVAILABLE: ${why} (status ${outcome.observation.label}). It is recorded in the stack: ` +
          "`pulumi refresh` drops it if Atlas removed it, `pulumi destroy` removes it, and `pulumi up --replace <urn>` creates it again.",
      );
    }
    case "timedOut":
      throw new ResourceInitError(
        id,
        record(),
        `${what} was not AVAILABLE within the create timeout of ${formatDuration(placed.timeoutMs)} (last status ${outcome.observation?.label ?? "unknown"}). ` +
          "It is recorded in the stack as not ready: run `pulumi up` again to resume waiting (raise timeouts.create if Atlas needs longer), or `pulumi destroy` to remove it.",
      );
    default:
      return outcome satisfies never;
  }
}
