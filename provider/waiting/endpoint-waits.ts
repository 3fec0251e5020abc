import { isAtlasNotFound, type AtlasClient, type EndpointRef, type AtlasEndpoint } from "../client";
import { timeScale } from "../host/connection";
import { describeEndpoint } from "../vocabulary/ids";
import { realClock, type Clock } from "../vocabulary/time";
import { endpointGoneTwice, graceAfterCreate, notFoundCounter } from "./gone";
import { progressReporter, unknownStatusReporter } from "./progress";
import { observe, unknownStatusOf, UNTIL_GONE, UNTIL_READY, type Observation } from "./status-table";
import { waitFor, type WaitOutcome } from "./wait";

export type EndpointOutcome = WaitOutcome<AtlasEndpoint | undefined>;

interface Look {
  value: AtlasEndpoint | undefined;
  observation: Observation;
}

const seen = (endpoint: AtlasEndpoint): Look => ({ value: endpoint, observation: observe(endpoint) });

export interface ReadyWait {
  client: AtlasClient;
  ref: EndpointRef;
  /** What the POST (or a GET) already answered. */
  initial?: AtlasEndpoint;
  timeoutMs: number;
  /** When the create was accepted: a 404 soon after is eventual consistency, not deletion. */
  acceptedAt?: number;
  clock?: Clock;
  /** Told of every endpoint seen, so a caller that fails mid-wait can record the latest state. */
  onSeen?: (endpoint: AtlasEndpoint) => void;
}

/** Polls until AVAILABLE (GCP: every forwarding rule too), a failure, or the deadline. */
export async function waitUntilReady(wait: ReadyWait): Promise<EndpointOutcome> {
  const clock = wait.clock ?? realClock;
  const scale = timeScale();
  const note = unknownStatusReporter(describeEndpoint(wait.ref), unknownStatusOf);
  // The create's grace (gone.ts): 404s soon after Atlas accepted the create are not yet, not gone.
  const inGrace = notFoundCounter(graceAfterCreate(wait.acceptedAt, scale), clock);
  return waitFor<AtlasEndpoint | undefined>({
    spec: UNTIL_READY,
    initial: wait.initial ? seen(note(wait.initial)) : undefined,
    poll: async () => {
      try {
        const endpoint = note(await wait.client.getPrivateEndpoint(wait.ref));
        wait.onSeen?.(endpoint);
        return seen(endpoint);
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        return inGrace()
          ? { value: undefined, observation: { phase: "notFoundYet", label: "NOT_FOUND_YET" } }
          : { value: undefined, observation: { phase: "gone", label: "NOT_FOUND", failure: "Atlas answers 404 Not Found for it" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: scale,
    onStatusChange: progressReporter(describeEndpoint(wait.ref), "AVAILABLE", "ready"),
  });
}

export interface GoneWait {
  client: AtlasClient;
  ref: EndpointRef;
  timeoutMs: number;
  clock?: Clock;
}

/** Polls until Atlas answers 404 for the endpoint (GCP may also report DELETED). */
export async function waitUntilGone(wait: GoneWait): Promise<EndpointOutcome> {
  const clock = wait.clock ?? realClock;
  return waitFor<AtlasEndpoint | undefined>({
    spec: UNTIL_GONE,
    poll: async () => {
      try {
        return seen(await wait.client.getPrivateEndpoint(wait.ref));
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        // Gone twice (gone.ts): a lagging 404 must not end the wait while Atlas still deletes it.
        const look = await endpointGoneTwice(wait.client, wait.ref, error, { clock, timeoutMs: wait.timeoutMs });
        return look.kind === "found" ? seen(look.value) : { value: undefined, observation: { phase: "gone", label: "GONE" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: timeScale(),
    onStatusChange: progressReporter(describeEndpoint(wait.ref), "Atlas to remove it", "gone"),
  });
}
