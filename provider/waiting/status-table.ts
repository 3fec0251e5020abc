/**
 * What each Atlas status means, per cloud, as data. Waits are declared below as sets of phases
 * (Terraform's pending/target idea), so the loop in wait.ts stays generic and testable. The sets
 * list only statuses the vocabulary knows (a typo fails to compile); a status Atlas adds later is
 * pending until the deadline.
 */
import type { CloudProvider, EndpointServiceStatus, EndpointStatus, EndpointStatusView, ForwardingRuleStatus } from "../vocabulary/clouds";

/** Where an endpoint is in its life, whatever the cloud calls it. */
export type Phase = "pending" | "ready" | "failed" | "deleting" | "gone";

interface StatusSets<Known extends string = string> {
  readonly pending: readonly Known[];
  readonly ready: readonly Known[];
  readonly failed: readonly Known[];
  readonly deleting: readonly Known[];
  readonly gone: readonly Known[];
}

type StatusTable = {
  readonly [C in CloudProvider]: StatusSets<EndpointStatus<C>> & { readonly statusField: "connectionStatus" | "status" };
};

export const STATUS_TABLE = {
  AWS: {
    statusField: "connectionStatus",
    pending: ["PENDING_ACCEPTANCE", "PENDING"],
    ready: ["AVAILABLE"],
    failed: ["REJECTED"],
    deleting: ["DELETING"],
    gone: [],
  },
  AZURE: { statusField: "status", pending: ["INITIATING"], ready: ["AVAILABLE"], failed: ["FAILED"], deleting: ["DELETING"], gone: [] },
  GCP: {
    statusField: "status",
    pending: ["INITIATING", "VERIFIED"],
    ready: ["AVAILABLE"],
    failed: ["FAILED"],
    deleting: ["DELETING"],
    gone: ["DELETED"],
  },
} as const satisfies StatusTable;

/** Compiles only while every status the vocabulary documents has a meaning in the table above. */
type Unlisted<C extends CloudProvider> = Exclude<EndpointStatus<C>, (typeof STATUS_TABLE)[C][keyof StatusSets][number]>;
export type _EveryDocumentedStatusHasAMeaning = [Unlisted<"AWS">, Unlisted<"AZURE">, Unlisted<"GCP">] extends [never, never, never]
  ? true
  : never;
const _checked: _EveryDocumentedStatusHasAMeaning = true;
void _checked;

/** A GCP endpoint group is ready only when every forwarding rule in it is. */
export const GCP_FORWARDING_RULE_STATUS: StatusSets<ForwardingRuleStatus> = {
  pending: ["INITIATING"],
  ready: ["AVAILABLE"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
};

/**
 * An endpoint service, any cloud. WAITING_FOR_USER is Atlas done with its side and waiting for the
 * cloud-side endpoint: ready to use, as Terraform's target set has it.
 */
export const SERVICE_STATUS_TABLE = {
  pending: ["INITIATING"],
  ready: ["AVAILABLE", "WAITING_FOR_USER"],
  failed: ["FAILED"],
  deleting: ["DELETING"],
  gone: [],
} as const satisfies StatusSets<EndpointServiceStatus>;

type UnlistedServiceStatus = Exclude<EndpointServiceStatus, (typeof SERVICE_STATUS_TABLE)[keyof StatusSets][number]>;
const _everyServiceStatusHasAMeaning: [UnlistedServiceStatus] extends [never] ? true : never = true;
void _everyServiceStatusHasAMeaning;

export interface Observation {
  phase: Phase | "notFoundYet";
  /** Human-readable status; a change of it is a progress line and restarts fast polling. */
  label: string;
  /** Why the endpoint failed, in Atlas's words where it gave any. */
  failure?: string;
}

export function statusOf(endpoint: EndpointStatusView): string | undefined {
  return endpoint[STATUS_TABLE[endpoint.cloudProvider].statusField];
}

function phaseIn(sets: StatusSets, status: string | undefined): Phase {
  if (status === undefined) return "pending";
  if (sets.ready.includes(status)) return "ready";
  if (sets.failed.includes(status)) return "failed";
  if (sets.deleting.includes(status)) return "deleting";
  if (sets.gone.includes(status)) return "gone";
  // Pending, or a status this version does not know yet: keep waiting, the deadline bounds it.
  return "pending";
}

/** A status this version's table does not list (Atlas adds statuses over time); undefined when known or absent. */
export function unknownStatusOf(endpoint: EndpointStatusView): string | undefined {
  const status = statusOf(endpoint);
  if (status === undefined) return undefined;
  const sets: StatusSets = STATUS_TABLE[endpoint.cloudProvider];
  const known = [sets.pending, sets.ready, sets.failed, sets.deleting, sets.gone].some((set) => set.includes(status));
  return known ? undefined : status;
}

export function observe(endpoint: EndpointStatusView): Observation {
  const status = statusOf(endpoint);
  let phase = phaseIn(STATUS_TABLE[endpoint.cloudProvider], status);
  let label = status ?? "NO_STATUS_YET";
  const reasons: string[] = [];
  if (endpoint.cloudProvider === "GCP" && endpoint.endpoints && endpoint.endpoints.length > 0) {
    const rules = endpoint.endpoints.map((rule) => ({
      name: rule.endpointName ?? "?",
      phase: phaseIn(GCP_FORWARDING_RULE_STATUS, rule.status),
      status: rule.status,
    }));
    const available = rules.filter((rule) => rule.phase === "ready").length;
    const failedRules = rules.filter((rule) => rule.phase === "failed");
    if (available < rules.length) label += ` (forwarding rules ${available}/${rules.length} AVAILABLE)`;
    if (failedRules.length > 0 && (phase === "pending" || phase === "ready")) {
      phase = "failed";
      reasons.push(`forwarding rule ${failedRules.map((rule) => `${rule.name} is ${rule.status}`).join(", ")}`);
    } else if (phase === "ready" && available < rules.length) {
      phase = "pending";
    }
  }
  const errorMessage = endpoint.errorMessage?.trim();
  if (errorMessage && (phase === "pending" || phase === "ready" || phase === "failed")) {
    phase = "failed";
    reasons.unshift(errorMessage);
  }
  if (endpoint.deleteRequested === true && phase !== "gone" && phase !== "deleting") {
    label += " (delete requested)";
  }
  return phase === "failed"
    ? { phase, label, failure: reasons.length > 0 ? reasons.join("; ") : `Atlas reports status ${label}` }
    : { phase, label };
}

/** The same reading for an endpoint service: an `errorMessage` is a failure, an unknown status is pending. */
export function observeService(service: { status?: string; errorMessage?: string }): Observation {
  const phase = phaseIn(SERVICE_STATUS_TABLE, service.status);
  const label = service.status ?? "NO_STATUS_YET";
  const errorMessage = service.errorMessage?.trim();
  if (errorMessage && (phase === "pending" || phase === "ready" || phase === "failed"))
    return { phase: "failed", label, failure: errorMessage };
  return phase === "failed" ? { phase, label, failure: `Atlas reports status ${label}` } : { phase, label };
}

/** A service status this version's table does not list; undefined when known or absent. */
export function unknownServiceStatusOf(service: { status?: string }): string | undefined {
  const status = service.status;
  if (status === undefined) return undefined;
  const sets: StatusSets = SERVICE_STATUS_TABLE;
  const known = [sets.pending, sets.ready, sets.failed, sets.deleting, sets.gone].some((set) => set.includes(status));
  return known ? undefined : status;
}

/** A wait ends well in a target phase, badly in a failure phase, and keeps polling in a pending one. */
export interface WaitSpec {
  readonly pending: readonly Observation["phase"][];
  readonly target: readonly Observation["phase"][];
  readonly failure: readonly Observation["phase"][];
}

/** After a create (or adoption): until AVAILABLE. A 404 shortly after the POST is eventual consistency. */
export const UNTIL_READY: WaitSpec = { pending: ["pending", "notFoundYet"], target: ["ready"], failure: ["failed", "deleting", "gone"] };

/** After a DELETE: until Atlas answers 404. */
export const UNTIL_GONE: WaitSpec = { pending: ["pending", "ready", "failed", "deleting", "notFoundYet"], target: ["gone"], failure: [] };

export function isReady(endpoint: EndpointStatusView): boolean {
  return observe(endpoint).phase === "ready";
}
