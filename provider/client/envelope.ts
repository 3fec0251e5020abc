import type { HttpResponse } from "./transport";

/**
 * With `envelope=true` Atlas answers HTTP 200 with `{status, content}`; `status` is the real
 * status. Answers that are not envelopes (auth challenges, gateway errors) pass through unchanged.
 */
export function unwrapEnvelope(response: HttpResponse, body: ParsedBody): { status: number; body: ParsedBody } {
  if (response.status === 200 && body.ok && isEnvelope(body.value)) {
    const { status, content } = body.value;
    return { status, body: { ok: true, value: content ?? undefined } };
  }
  return { status: response.status, body };
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export function parseJsonBody(text: string): ParsedBody {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isEnvelope(value: unknown): value is { status: number; content?: unknown } {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Number.isInteger((value as { status?: unknown }).status) &&
    Object.keys(value).every((k) => k === "status" || k === "content")
  );
}
