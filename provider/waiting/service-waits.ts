import { isAtlasNotFound, type AtlasClient, type EndpointService, type ServiceRef } from "../client";
import { timeScale } from "../host/connection";
import { describeService } from "../vocabulary/ids";
import { realClock, type Clock } from "../vocabulary/time";
import { confirmServiceGone, graceAfterCreate, notFoundCounter, serviceGoneTwice } from "./gone";
import { progressReporter, unknownStatusReporter } from "./progress";
import { observeService, unknownServiceStatusOf, UNTIL_GONE, UNTIL_READY, type Observation } from "./status-table";
import { waitFor, type WaitOutcome } from "./wait";

/** The endpoint service waits: the same loop, schedule, grace and gone rule as the endpoint's. */
export type ServiceOutcome = WaitOutcome<EndpointService | undefined>;

const seen = (service: EndpointService): { value: EndpointService; observation: Observation } => ({
  value: service,
  observation: observeService(service),
});

export interface ServiceReadyWait {
  client: AtlasClient;
  ref: ServiceRef;
  /** What the POST (or a GET, or the list) already answered. */
  initial?: EndpointService;
  timeoutMs: number;
  /** When the create was accepted: a 404 soon after is eventual consistency, not deletion. */
  acceptedAt?: number;
  clock?: Clock;
  /** Told of every answer, so a caller that fails mid-wait can record the latest state. */
  onSeen?: (service: EndpointService) => void;
}

/** Polls until AVAILABLE (or WAITING_FOR_USER), FAILED, or the deadline. */
export async function waitUntilServiceReady(wait: ServiceReadyWait): Promise<ServiceOutcome> {
  const clock = wait.clock ?? realClock;
  const scale = timeScale();
  const what = describeService(wait.ref);
  const note = unknownStatusReporter<EndpointService>(what, unknownServiceStatusOf);
  const inGrace = notFoundCounter(graceAfterCreate(wait.acceptedAt, scale), clock);
  return waitFor<EndpointService | undefined>({
    spec: UNTIL_READY,
    initial: wait.initial ? seen(note(wait.initial)) : undefined,
    poll: async () => {
      try {
        const service = note(await wait.client.getEndpointService(wait.ref));
        wait.onSeen?.(service);
        return seen(service);
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        if (inGrace()) return { value: undefined, observation: { phase: "notFoundYet", label: "NOT_FOUND_YET" } };
        confirmServiceGone(wait.client, wait.ref, error);
        return { value: undefined, observation: { phase: "gone", label: "NOT_FOUND", failure: "Atlas answers 404 Not Found for it" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: scale,
    onStatusChange: progressReporter(what, "AVAILABLE", "ready"),
  });
}

/** Polls until Atlas answers its own 404 for the service (see confirmServiceGone). */
export async function waitUntilServiceGone(wait: { client: AtlasClient; ref: ServiceRef; timeoutMs: number; clock?: Clock }) {
  const what = describeService(wait.ref);
  return waitFor<EndpointService | undefined>({
    spec: UNTIL_GONE,
    poll: async () => {
      try {
        return seen(await wait.client.getEndpointService(wait.ref));
      } catch (error) {
        // Gone twice (gone.ts): a lagging 404 must not end the wait while Atlas still deletes it.
        const look = await serviceGoneTwice(wait.client, wait.ref, error, { clock: wait.clock ?? realClock, timeoutMs: wait.timeoutMs });
        return look.kind === "found" ? seen(look.value) : { value: undefined, observation: { phase: "gone", label: "GONE" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock: wait.clock ?? realClock,
    timeScale: timeScale(),
    onStatusChange: progressReporter(what, "Atlas to remove it", "gone"),
  });
}
