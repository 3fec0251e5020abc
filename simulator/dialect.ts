import { CLOUD_PROVIDERS, isCloudProvider } from "./model/cloud";
import type { ModelVariations } from "./model/backend";

/** How a "processed, answer lost" write ends for the client: connection dropped, or a gateway 502. */
export type AnswerLoss = "drop" | "502";

/**
 * What Atlas may do that the recordings do not show, one switch each. The defaults are the
 * recorded dialect (see docs/simulator.md "Dialects"); every switch is settable at start
 * (`npm run sim -- --flag`) and at run time (POST /__simulator/dialect).
 */
export type Dialect = ModelVariations & {
  /** Endpoint create: the spec says 200; service create was recorded as 201. */
  endpointCreateStatus: 200 | 201;
  /** Endpoint delete: the spec says 204; service delete was recorded as 202 with `{}`. */
  endpointDeleteStatus: 204 | 202;
  /** The create answer leaves the status field (AWS connectionStatus, Azure/GCP status) out. */
  omitCreateStatus: boolean;
  /** Every JSON body (successes and errors) carries fields no client knows yet. */
  extraFields: boolean;
  /**
   * Endpoint (and Data Federation entry, stream link) create/delete and the regional-mode toggle run, then the
   * first answer for each distinct write is lost (routes.ts: answerMayBeLost).
   */
  answerLost: AnswerLoss | null;
  /** With `envelope=true`, errors too are answered 200 `{status, content}` (default: only successes). */
  envelopeErrors: boolean;
};

export const RECORDED_DIALECT: Dialect = {
  endpointCreateStatus: 200,
  endpointDeleteStatus: 204,
  extraStatus: null,
  omitCreateStatus: false,
  extraFields: false,
  answerLost: null,
  gcpDeletedBeforeGone: false,
  portMappedEndpointName: false,
  envelopeErrors: false,
};

/** True when any switch differs from the recorded dialect. */
export function isVaried(dialect: Dialect): boolean {
  return DIALECT_FIELDS.some((field) => JSON.stringify(dialect[field]) !== JSON.stringify(RECORDED_DIALECT[field]));
}

export const DIALECT_FIELDS = Object.keys(RECORDED_DIALECT) as (keyof Dialect)[];

/** The unknown fields `extraFields` adds: a scalar, a null and a nested object, as Atlas's additions have been. */
export const EXTRA_FIELDS = { simulatorFutureField: "added-later", simulatorFutureNull: null, simulatorFutureObject: { nested: true } };

/** Validates a whole patch before any of it applies; returns the error naming the field, or the patch. */
export function parseDialectPatch(input: unknown): { patch: Partial<Dialect> } | { error: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { error: "dialect must be a JSON object" };
  const raw = input as Record<string, unknown>;
  const patch: Partial<Dialect> = {};
  const booleans = ["omitCreateStatus", "extraFields", "gcpDeletedBeforeGone", "portMappedEndpointName", "envelopeErrors"] as const;
  for (const [key, value] of Object.entries(raw)) {
    if (!DIALECT_FIELDS.includes(key as keyof Dialect))
      return { error: `unknown dialect field ${key}; allowed: ${DIALECT_FIELDS.join(", ")}` };
    const shown = `${key}=${JSON.stringify(value)}`;
    if ((booleans as readonly string[]).includes(key)) {
      if (typeof value !== "boolean") return { error: `${key} must be true or false, got ${shown}` };
      patch[key as (typeof booleans)[number]] = value;
    } else if (key === "endpointCreateStatus") {
      if (value !== 200 && value !== 201) return { error: `endpointCreateStatus must be 200 or 201, got ${shown}` };
      patch.endpointCreateStatus = value;
    } else if (key === "endpointDeleteStatus") {
      if (value !== 204 && value !== 202) return { error: `endpointDeleteStatus must be 204 or 202, got ${shown}` };
      patch.endpointDeleteStatus = value;
    } else if (key === "answerLost") {
      if (value !== null && value !== "drop" && value !== "502") return { error: `answerLost must be null, "drop" or "502", got ${shown}` };
      patch.answerLost = value;
    } else if (key === "extraStatus") {
      if (value === null) {
        patch.extraStatus = null;
        continue;
      }
      const spec = value as Record<string, unknown>;
      if (
        typeof spec !== "object" ||
        !isCloudProvider(String(spec.cloud)) ||
        typeof spec.status !== "string" ||
        !/^[A-Z][A-Z0-9_]*$/.test(spec.status)
      ) {
        return {
          error: `extraStatus must be null or {cloud: ${CLOUD_PROVIDERS.join("|")}, status: UPPER_CASE_NAME, lastsMs?: number >= 0}, got ${shown}`,
        };
      }
      if (spec.lastsMs !== undefined && !(typeof spec.lastsMs === "number" && Number.isFinite(spec.lastsMs) && spec.lastsMs >= 0)) {
        return { error: `extraStatus.lastsMs must be a non-negative number of ms, got ${JSON.stringify(spec.lastsMs)}` };
      }
      patch.extraStatus = {
        cloud: spec.cloud as (typeof CLOUD_PROVIDERS)[number],
        status: spec.status,
        lastsMs: (spec.lastsMs as number | undefined) ?? 3000,
      };
    }
  }
  return { patch };
}
