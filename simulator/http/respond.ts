import type { ServerResponse } from "node:http";
import { reasonPhrase, type AtlasError } from "../model/errors";

export const ATLAS_VERSION = "2023-01-01";
export const ATLAS_MEDIA_TYPE = `application/vnd.atlas.${ATLAS_VERSION}+json`;
/** What recorded Atlas sends with every success (errors are plain application/json). */
export const ATLAS_CONTENT_TYPE = `${ATLAS_MEDIA_TYPE};charset=utf-8`;

export type ResponseFormat = { pretty: boolean };

/** Atlas pretty-prints as Jackson does: `"key" : value`, two-space indent. */
export function jacksonPretty(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, "$1 : ");
}

/** `extraFields`: every object, at any depth, also carries fields no client knows (dialect.extraFields). */
export function withExtraFields(value: unknown, extra: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => withExtraFields(item, extra));
  if (typeof value !== "object" || value === null) return value;
  return { ...Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withExtraFields(item, extra)])), ...extra };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType: string,
  format: ResponseFormat,
  headers: Record<string, string | number> = {},
): void {
  const text = format.pretty ? jacksonPretty(body) : JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function apiErrorBody(error: AtlasError): Record<string, unknown> {
  return {
    detail: error.detail,
    error: error.status,
    errorCode: error.errorCode,
    // Recorded Atlas sends plain values (["111111111111111111111111"]), not {name, value}.
    parameters: error.parameters.map((parameter) => parameter.value),
    reason: reasonPhrase(error.status),
  };
}

export type ErrorOptions = {
  /** Wrap as 200 `{status, content}` (envelope=true with dialect.envelopeErrors). */
  envelope?: boolean;
  /** Unknown fields to add to the body (dialect.extraFields). */
  extraFields?: Record<string, unknown>;
};

/** An ApiError as recorded: application/json, X-Error-Code, parameters as plain values. */
export function sendAtlasError(
  res: ServerResponse,
  error: AtlasError,
  format: ResponseFormat,
  headers: Record<string, string | number> = {},
  options: ErrorOptions = {},
): void {
  const body = options.extraFields ? withExtraFields(apiErrorBody(error), options.extraFields) : apiErrorBody(error);
  const allHeaders = { ...headers, "X-Error-Code": error.errorCode };
  if (options.envelope) sendJson(res, 200, { status: error.status, content: body }, "application/json", format, allHeaders);
  else sendJson(res, error.status, body, "application/json", format, allHeaders);
}

/**
 * A 401 exactly as recorded: always pretty-printed, keys in Atlas's order, errorCode
 * UNEXPECTED_ERROR, no parameters and no X-Error-Code header.
 */
export function sendUnauthorized(res: ServerResponse, detail: string, headers: Record<string, string | number> = {}): void {
  const text = jacksonPretty({ error: 401, reason: reasonPhrase(401), detail, errorCode: "UNEXPECTED_ERROR" });
  res.writeHead(401, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendNoContent(res: ServerResponse, headers: Record<string, string | number> = {}): void {
  res.writeHead(204, headers);
  res.end();
}

/** Returns undefined when the Accept header asks for the one version the operation has (`mediaType`). */
export function versionProblem(accept: string | undefined, mediaType: string = ATLAS_MEDIA_TYPE): string | undefined {
  const types = (accept ?? "").split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  if (types.includes(mediaType)) return undefined;
  const asked = types.find((type) => /^application\/vnd\.atlas\.[0-9-]+\+json$/.test(type));
  if (asked) return `The API version in Accept (${asked}) is not supported for this resource; supported: ${mediaType}.`;
  return `Accept must name an Atlas API version, e.g. Accept: ${mediaType}; got ${accept === undefined ? "no Accept header" : JSON.stringify(accept)}.`;
}
