import type { ServerResponse } from "node:http";
import { reasonPhrase, type AtlasError } from "../model/errors";

export const ATLAS_VERSION = "2023-01-01";
export const ATLAS_MEDIA_TYPE = `application/vnd.atlas.${ATLAS_VERSION}+json`;

export type ResponseFormat = { pretty: boolean };

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType: string,
  format: ResponseFormat,
  headers: Record<string, string | number> = {},
): void {
  const text = format.pretty ? JSON.stringify(body, null, 2) + "\n" : JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function apiErrorBody(error: AtlasError): Record<string, unknown> {
  return {
    detail: error.detail,
    error: error.status,
    errorCode: error.errorCode,
    parameters: error.parameters,
    reason: reasonPhrase(error.status),
  };
}

export function sendAtlasError(
  res: ServerResponse,
  error: AtlasError,
  format: ResponseFormat,
  headers: Record<string, string | number> = {},
): void {
  sendJson(res, error.status, apiErrorBody(error), "application/json", format, headers);
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
