import { RECORDED_DIALECT, parseDialectPatch } from "../../dialect";
import { DELAY_NAMES, type DelayName, type TransitionDelays } from "../../model/pace";
import type { SimulatorRuntime } from "../../runtime";
import { parseRateLimit, TokenBucket } from "../rate-limiter";
import { handleClusterControl } from "./cluster-control";
import { handleOutcomeControl } from "./outcome-control";

export type ControlResult = { status: number; body?: unknown };

const bad = (detail: string): ControlResult => ({ status: 400, body: { error: 400, errorCode: "INVALID_SIMULATOR_CONTROL", detail } });

/** Test-only controls under /__simulator/, apart from Atlas's routes; no auth. */
export function handleControl(
  runtime: SimulatorRuntime,
  method: string,
  subPath: string,
  body: unknown,
  query = new URLSearchParams(),
): ControlResult {
  if (subPath === "clusters" || subPath.startsWith("clusters/")) return handleClusterControl(runtime, method, subPath, query, body);
  const outcome = handleOutcomeControl(runtime, method, subPath, body);
  if (outcome) return outcome;
  const route = `${method} ${subPath}`;
  switch (route) {
    case "POST faults": {
      const added = runtime.faults.add(body);
      return "error" in added ? bad(added.error) : { status: 200, body: added };
    }
    case "DELETE faults":
      runtime.faults.clear();
      return { status: 204 };
    case "GET requests":
      return { status: 200, body: { requests: runtime.log.all() } };
    case "GET in-flight":
      return { status: 200, body: { inFlight: runtime.inFlight } };
    case "DELETE requests":
      runtime.log.clear();
      return { status: 204 };
    case "GET endpoints":
      return { status: 200, body: { endpoints: runtime.backend.listAllEndpoints() } };
    case "GET dialect":
      return { status: 200, body: runtime.dialect };
    case "POST dialect": {
      const parsed = parseDialectPatch(body);
      if ("error" in parsed) return bad(parsed.error);
      runtime.setDialect(parsed.patch);
      return { status: 200, body: runtime.dialect };
    }
    case "DELETE dialect":
      runtime.setDialect(RECORDED_DIALECT);
      return { status: 200, body: runtime.dialect };
    case "GET clock":
      return { status: 200, body: describeClock(runtime) };
    case "POST clock": {
      const advanceMs = (body as { advanceMs?: unknown } | null)?.advanceMs;
      const extra = typeof body === "object" && body !== null ? Object.keys(body).filter((key) => key !== "advanceMs") : [];
      if (!isNonNegative(advanceMs) || extra.length > 0)
        return bad(`clock takes { advanceMs: a non-negative number of ms }, got ${JSON.stringify(body)}`);
      runtime.clockOffsetMs += advanceMs;
      return { status: 200, body: describeClock(runtime) };
    }
    case "GET config":
      return { status: 200, body: describeConfig(runtime) };
    case "POST config":
      return applyConfig(runtime, body);
    default:
      return {
        status: 404,
        body: { error: 404, errorCode: "INVALID_SIMULATOR_CONTROL", detail: `No control route ${method} /__simulator/${subPath}.` },
      };
  }
}

function describeClock(runtime: SimulatorRuntime) {
  return { now: runtime.now(), offsetMs: runtime.clockOffsetMs };
}

function describeConfig(runtime: SimulatorRuntime) {
  return {
    timeScale: runtime.pace.timeScale,
    delays: runtime.pace.delays,
    jitter: runtime.pace.jitter,
    endpointDelays: Object.fromEntries(runtime.pace.endpointDelays),
    rateLimit: runtime.rateLimiter?.options ?? null,
    eventualConsistencyMs: runtime.backend.settings.eventualConsistencyMs,
    unpaidGroups: [...runtime.backend.settings.unpaidGroups],
    nonceTtlMs: runtime.nonceTtlMs,
    tokenTtlSeconds: runtime.tokenTtlSeconds,
    oauthTokensPerMinute: runtime.tokenRequestLimit.perMinute,
  };
}

const isNonNegative = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/** Validates the whole patch before applying any of it, so a bad field changes nothing. */
function applyConfig(runtime: SimulatorRuntime, body: unknown): ControlResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return bad("config must be a JSON object");
  const patch = body as Record<string, unknown>;
  const known = [
    "timeScale",
    "delays",
    "jitter",
    "rateLimit",
    "eventualConsistencyMs",
    "unpaidGroups",
    "nonceTtlMs",
    "tokenTtlSeconds",
    "oauthTokensPerMinute",
    "endpointDelays",
  ];
  for (const key of Object.keys(patch)) if (!known.includes(key)) return bad(`unknown config field ${key}; allowed: ${known.join(", ")}`);
  for (const key of ["timeScale", "eventualConsistencyMs", "nonceTtlMs", "tokenTtlSeconds"]) {
    if (patch[key] !== undefined && !isNonNegative(patch[key]))
      return bad(`${key} must be a non-negative number, got ${key}=${JSON.stringify(patch[key])}`);
  }
  if (patch.jitter !== undefined && !(isNonNegative(patch.jitter) && patch.jitter <= 1))
    return bad(`jitter must be between 0 and 1, got jitter=${JSON.stringify(patch.jitter)}`);
  const delays = patch.delays as Record<string, unknown> | undefined;
  if (delays !== undefined) {
    if (typeof delays !== "object" || delays === null) return bad("delays must be an object");
    for (const [name, value] of Object.entries(delays)) {
      if (!DELAY_NAMES.includes(name as DelayName)) return bad(`unknown delay ${name}; allowed: ${DELAY_NAMES.join(", ")}`);
      if (!isNonNegative(value)) return bad(`delays.${name} must be a non-negative number of ms, got ${JSON.stringify(value)}`);
    }
  }
  const endpointDelays = patch.endpointDelays as Record<string, Record<string, unknown>> | null | undefined;
  if (endpointDelays !== undefined && endpointDelays !== null) {
    if (typeof endpointDelays !== "object" || Array.isArray(endpointDelays))
      return bad("endpointDelays must be null or an object of endpoint id -> delays");
    for (const [id, perEndpoint] of Object.entries(endpointDelays)) {
      if (typeof perEndpoint !== "object" || perEndpoint === null)
        return bad(`endpointDelays[${JSON.stringify(id)}] must be an object of delays`);
      for (const [name, value] of Object.entries(perEndpoint)) {
        if (!DELAY_NAMES.includes(name as DelayName))
          return bad(`unknown delay ${name} in endpointDelays; allowed: ${DELAY_NAMES.join(", ")}`);
        if (!isNonNegative(value))
          return bad(`endpointDelays[${JSON.stringify(id)}].${name} must be a non-negative number of ms, got ${JSON.stringify(value)}`);
      }
    }
  }
  const rateLimit =
    patch.rateLimit === undefined || patch.rateLimit === null ? (patch.rateLimit as null | undefined) : parseRateLimit(patch.rateLimit);
  if (rateLimit && "error" in rateLimit) return bad(rateLimit.error);
  const perMinute = patch.oauthTokensPerMinute;
  if (perMinute !== undefined && perMinute !== null && !(Number.isInteger(perMinute) && (perMinute as number) >= 1)) {
    return bad(`oauthTokensPerMinute must be null or an integer >= 1, got oauthTokensPerMinute=${JSON.stringify(perMinute)}`);
  }
  if (
    patch.unpaidGroups !== undefined &&
    !(Array.isArray(patch.unpaidGroups) && patch.unpaidGroups.every((id) => typeof id === "string"))
  ) {
    return bad("unpaidGroups must be a list of group ids");
  }

  if (patch.timeScale !== undefined) runtime.pace.timeScale = patch.timeScale as number;
  if (patch.jitter !== undefined) runtime.pace.jitter = patch.jitter as number;
  if (delays !== undefined) Object.assign(runtime.pace.delays, delays);
  // Entries add to those set before; null forgets them all.
  if (endpointDelays === null) runtime.pace.endpointDelays.clear();
  else if (endpointDelays !== undefined)
    for (const [id, perEndpoint] of Object.entries(endpointDelays))
      runtime.pace.endpointDelays.set(id, perEndpoint as Partial<TransitionDelays>);
  if (rateLimit !== undefined) {
    runtime.rateLimiter = rateLimit === null ? undefined : new TokenBucket(rateLimit, runtime.now);
  }
  if (patch.eventualConsistencyMs !== undefined) runtime.backend.settings.eventualConsistencyMs = patch.eventualConsistencyMs as number;
  if (patch.unpaidGroups !== undefined) runtime.backend.settings.unpaidGroups = new Set(patch.unpaidGroups as string[]);
  if (patch.nonceTtlMs !== undefined) runtime.nonceTtlMs = patch.nonceTtlMs as number;
  if (patch.tokenTtlSeconds !== undefined) runtime.tokenTtlSeconds = patch.tokenTtlSeconds as number;
  if (perMinute !== undefined) {
    runtime.tokenRequestLimit.perMinute = perMinute as number | null;
    runtime.tokenRequestLimit.clear();
  }
  return { status: 200, body: describeConfig(runtime) };
}
