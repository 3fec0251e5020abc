import type { OutcomeKind } from "../../model/outcomes";
import type { SimulatorRuntime } from "../../runtime";
import type { ControlResult } from "./control";

const bad = (detail: string): ControlResult => ({ status: 400, body: { error: 400, errorCode: "INVALID_SIMULATOR_CONTROL", detail } });

/**
 * What Atlas holds of the newer private networking resources, and how the next ones end:
 * - `GET regional-mode`: `{projects: [{groupId, enabled}]}`
 * - `GET data-federation-endpoints`: `{entries: [...]}`, every Data Federation entry still present
 * - `POST data-federation-endpoints/next` `{status: "FAILED", errorMessage?, count?}` or `{status: "PENDING", count?}`:
 *   the next `count` (1) new entries end FAILED with that message, or stay PENDING for good; `DELETE` disarms
 * - `GET stream-private-links`: `{connections: [...]}`, every stream private link connection still present
 * - `POST stream-private-links/next` `{state: "FAILED", errorMessage?, count?}` or `{state: "WORKING", count?}`: the
 *   same for the next connections (FAILED after WORKING, or WORKING for good); `DELETE` disarms
 */
export function handleOutcomeControl(runtime: SimulatorRuntime, method: string, subPath: string, body: unknown): ControlResult | undefined {
  const backend = runtime.backend;
  switch (`${method} ${subPath}`) {
    case "GET regional-mode":
      return { status: 200, body: { projects: backend.listRegionalModes() } };
    case "GET data-federation-endpoints":
      return { status: 200, body: { entries: backend.listAllDataFederationEndpoints() } };
    case "GET stream-private-links":
      return { status: 200, body: { connections: backend.listAllStreamPrivateLinks() } };
    case "POST data-federation-endpoints/next":
      return arm(runtime, "dataFederationEndpoint", body, "status", "PENDING");
    case "POST stream-private-links/next":
      return arm(runtime, "streamPrivateLink", body, "state", "WORKING");
    case "DELETE data-federation-endpoints/next":
      backend.outcomes.clear("dataFederationEndpoint");
      return { status: 204 };
    case "DELETE stream-private-links/next":
      backend.outcomes.clear("streamPrivateLink");
      return { status: 204 };
    default:
      return undefined;
  }
}

/** `field` is the resource's own name for its status; `held` the pending status it can be held in. */
function arm(runtime: SimulatorRuntime, kind: OutcomeKind, body: unknown, field: "status" | "state", held: string): ControlResult {
  const shape = `{${field}: "FAILED" | "${held}", errorMessage?: string, count?: integer >= 1}`;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return bad(`body must be ${shape}`);
  const spec = body as Record<string, unknown>;
  const unknown = Object.keys(spec).find((key) => ![field, "errorMessage", "count"].includes(key));
  if (unknown) return bad(`unknown field ${unknown}; body must be ${shape}`);
  const status = spec[field];
  if (status !== "FAILED" && status !== held) return bad(`${field} must be "FAILED" or "${held}", got ${field}=${JSON.stringify(status)}`);
  if (spec.errorMessage !== undefined && (typeof spec.errorMessage !== "string" || status !== "FAILED"))
    return bad(`errorMessage must be a string, and only with ${field}: "FAILED"`);
  const count = spec.count ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1) return bad(`count must be an integer >= 1, got count=${JSON.stringify(count)}`);
  const armed = runtime.backend.outcomes.arm(
    kind,
    { status: status === "FAILED" ? "FAILED" : "HELD", errorMessage: spec.errorMessage as string | undefined },
    count as number,
  );
  return { status: 200, body: { armed } };
}
