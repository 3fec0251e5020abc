import { parseJsonBody, unwrapEnvelope, type ParsedBody } from "./envelope";
import type { Answer } from "./send-with-retries";
import type { HttpResponse } from "./transport";

/** An HTTP response read as Atlas's answer: JSON body parsed, envelope (if asked for) unwrapped. */
export interface AtlasAnswer extends Answer {
  body: ParsedBody;
}

export function readAnswer(response: HttpResponse, envelope: boolean): AtlasAnswer {
  const parsed = parseJsonBody(response.bodyText);
  if (!envelope) return { status: response.status, headers: response.headers, body: parsed };
  const { status, body } = unwrapEnvelope(response, parsed);
  return { status, headers: response.headers, body };
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
