/**
 * What each endpoint status means, per cloud, as data; a GCP endpoint group is ready only when every
 * forwarding rule in it is. The sets list only statuses the vocabulary knows (a typo fails to compile).
 */
import type { CloudProvider, EndpointStatus, EndpointStatusView, ForwardingRuleStatus } from "../vocabulary/clouds";
import { recordedAnswer } from "./outputs";
import { judged, phaseIn, unlistedIn, type Observation, type StatusSets, statusTable } from "../waiting/status-table";

type Aws = EndpointStatus<"AWS">;
type Azure = EndpointStatus<"AZURE">;
type Gcp = EndpointStatus<"GCP">;

const AZURE = statusTable<Azure>()({ pending: ["INITIATING"], ready: ["AVAILABLE"], failed: ["FAILED"], deleting: ["DELETING"], gone: [] });

export const STATUS_TABLE = {
  AWS: statusTable<Aws>()({
    pending: ["PENDING_ACCEPTANCE", "PENDING"],
    ready: ["AVAILABLE"],
    failed: ["REJECTED"],
    deleting: ["DELETING"],
    gone: [],
  }),
  AZURE,
  // Azure's, and a group's forwarding rules VERIFIED on the way, DELETED at the end.
  GCP: statusTable<Gcp>()({ ...AZURE, pending: ["INITIATING", "VERIFIED"], gone: ["DELETED"] }),
} as const satisfies { readonly [C in CloudProvider]: StatusSets };

/** Which field of an answer holds the status: AWS's answers say `connectionStatus`. */
export const STATUS_FIELD = { AWS: "connectionStatus", AZURE: "status", GCP: "status" } as const satisfies {
  readonly [C in CloudProvider]: "connectionStatus" | "status";
};

/** A GCP endpoint group is ready only when every forwarding rule in it is; a rule's statuses are Azure's. */
export const GCP_FORWARDING_RULE_STATUS: StatusSets<ForwardingRuleStatus> = statusTable<ForwardingRuleStatus>()(AZURE);

export function statusOf(endpoint: EndpointStatusView): string | undefined {
  return endpoint[STATUS_FIELD[endpoint.cloudProvider]];
}

/** A status this version's table does not list (Atlas adds statuses over time); undefined when known or absent. */
export function unknownStatusOf(endpoint: EndpointStatusView): string | undefined {
  return unlistedIn(STATUS_TABLE[endpoint.cloudProvider], statusOf(endpoint));
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
    // Counted whatever the count: the line that reaches AVAILABLE shows every rule AVAILABLE, not the last line's stale count.
    label += ` (forwarding rules ${available}/${rules.length} AVAILABLE)`;
    if (failedRules.length > 0 && (phase === "pending" || phase === "ready")) {
      phase = "failed";
      reasons.push(`forwarding rule ${failedRules.map((rule) => `${rule.name} is ${rule.status}`).join(", ")}`);
    } else if (phase === "ready" && available < rules.length) {
      phase = "pending";
    }
  }
  if (endpoint.deleteRequested === true && phase !== "gone" && phase !== "deleting") label += " (delete requested)";
  return judged(phase, label, endpoint.errorMessage, reasons);
}

/** Where a record says the endpoint is (its recorded status fields); undefined when it names no cloud. */
export function recordedPhase(props: Record<string, unknown>): Observation["phase"] | undefined {
  const answer = recordedAnswer(props);
  return answer === undefined ? undefined : observe(answer).phase;
}

export const readyStatus = "AVAILABLE";
export { unknownStatusOf as unknownStatus };
