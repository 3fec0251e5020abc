import { describeEndpoint } from "./atlas";
import { isAtlasNotFound, refusalOf, type AtlasClient, type EndpointRef, type PrivateEndpoint } from "./client";
import { formatDuration } from "./duration";
import { confirmGone } from "./gone";
import { reportProgress } from "./progress";
import { observe, unknownStatusOf, UNTIL_GONE, UNTIL_READY, type Observation } from "./status-table";
import { PROVIDER_DELAYS, timeScale } from "./time-scale";
import { realClock, waitFor, type Clock, type WaitOutcome } from "./wait";

export type EndpointOutcome = WaitOutcome<PrivateEndpoint | undefined>;

interface Look {
  value: PrivateEndpoint | undefined;
  observation: Observation;
}

const seen = (endpoint: PrivateEndpoint): Look => ({ value: endpoint, observation: observe(endpoint) });

/** Says once per status that Atlas sent one this version does not know, and that it is waited through. */
function unknownStatusReporter(ref: EndpointRef) {
  const told = new Set<string>();
  return (endpoint: PrivateEndpoint): PrivateEndpoint => {
    const unknown = unknownStatusOf(endpoint);
    if (unknown !== undefined && !told.has(unknown)) {
      told.add(unknown);
      reportProgress(`${describeEndpoint(ref)}: Atlas reports status ${unknown}, which this provider version does not know; treating it as still in progress until the deadline`);
    }
    return endpoint;
  };
}

function progressReporter(ref: EndpointRef, waitingFor: string, target: Observation["phase"]) {
  const what = describeEndpoint(ref);
  return ({ from, to, phase, elapsedMs }: { from: string | undefined; to: string; phase: Observation["phase"]; elapsedMs: number }) => {
    if (from === undefined) reportProgress(phase === target ? `${what}: ${to}` : `${what}: ${to}, waiting for ${waitingFor}`);
    else reportProgress(`${what}: ${from} -> ${to} after ${formatDuration(elapsedMs)}`);
  };
}

export interface ReadyWait {
  client: AtlasClient;
  ref: EndpointRef;
  /** What the POST (or a GET) already answered. */
  initial?: PrivateEndpoint;
  timeoutMs: number;
  /** When the create was accepted: a 404 soon after is eventual consistency, not deletion. */
  acceptedAt?: number;
  clock?: Clock;
  /** Told of every endpoint seen, so a caller that fails mid-wait can record the latest state. */
  onSeen?: (endpoint: PrivateEndpoint) => void;
}

/** Polls until AVAILABLE (GCP: every forwarding rule too), a failure, or the deadline. */
export async function waitUntilReady(wait: ReadyWait): Promise<EndpointOutcome> {
  const clock = wait.clock ?? realClock;
  const scale = timeScale();
  const graceEndsAt = (wait.acceptedAt ?? -Infinity) + PROVIDER_DELAYS.notFoundAfterCreateGraceMs * scale;
  const note = unknownStatusReporter(wait.ref);
  let notFoundLooks = 0;
  const inGrace = () => {
    notFoundLooks++;
    return wait.acceptedAt !== undefined && (clock.now() < graceEndsAt || notFoundLooks <= PROVIDER_DELAYS.notFoundAfterCreateMinLooks);
  };
  return waitFor<PrivateEndpoint | undefined>({
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
    refusal: refusalOf,
    onStatusChange: progressReporter(wait.ref, "AVAILABLE", "ready"),
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
  return waitFor<PrivateEndpoint | undefined>({
    spec: UNTIL_GONE,
    poll: async () => {
      try {
        return seen(await wait.client.getPrivateEndpoint(wait.ref));
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        await confirmGone(wait.client, wait.ref, error);
        return { value: undefined, observation: { phase: "gone", label: "GONE" } };
      }
    },
    timeoutMs: wait.timeoutMs,
    clock,
    timeScale: timeScale(),
    refusal: refusalOf,
    onStatusChange: progressReporter(wait.ref, "Atlas to remove it", "gone"),
  });
}
