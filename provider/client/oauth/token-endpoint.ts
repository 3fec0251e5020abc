import { z } from "zod";
import { isSuccess } from "../answer";
import { parseJsonBody } from "../envelope";
import { AtlasApiError } from "../errors/atlas-api-error";
import { AtlasResponseShapeError } from "../errors/atlas-response-shape-error";
import type { NormalizedOptions } from "../options";
import { OAUTH_TOKEN_PATH } from "../paths";
import { describeIssues } from "../schemas";
import { sendWithRetries } from "../send-with-retries";
import type { Transport } from "../transport";
import { USER_AGENT } from "../version";
import type { FetchedToken } from "./token-source";

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().nonnegative(),
});

/**
 * OAuth 2 client-credentials grant (RFC 6749 §4.4) against `{baseUrl}/api/oauth/token`, with the
 * same retry budget as API calls. Credentials go in HTTP Basic, form-encoded first (§2.3.1).
 */
export async function requestAccessToken(
  transport: Transport,
  options: Pick<NormalizedOptions, "baseUrl" | "retry" | "requestTimeoutMs" | "log">,
  clientId: string,
  clientSecret: string,
): Promise<FetchedToken> {
  const method = "POST";
  const path = OAUTH_TOKEN_PATH;
  const basic = Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`, "utf8").toString("base64");
  const { response, attempts, elapsedMs } = await sendWithRetries({ method, path, options }, () =>
    transport({
      method,
      url: options.baseUrl + path,
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": USER_AGENT,
        Authorization: `Basic ${basic}`,
      },
      body: "grant_type=client_credentials",
      timeoutMs: options.requestTimeoutMs,
    }),
  );
  const body = parseJsonBody(response.bodyText);
  const value = body.ok ? body.value : undefined;
  if (!isSuccess(response.status)) {
    // OAuth errors are {error, error_description}; Atlas errors are ApiError. Read either.
    const b = (value !== null && typeof value === "object" ? value : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    throw new AtlasApiError({
      method,
      path,
      status: response.status,
      errorCode: text(b.errorCode) ?? text(b.error),
      detail: text(b.detail) ?? text(b.error_description),
      reason: text(b.reason),
      parameters: Array.isArray(b.parameters) ? b.parameters : undefined,
      attempts,
      elapsedMs,
    });
  }
  const parsed = tokenResponse.safeParse(value);
  if (!parsed.success) {
    throw new AtlasResponseShapeError({
      method,
      path,
      status: response.status,
      issues: body.ok ? describeIssues(parsed.error) : "body is not JSON",
    });
  }
  if (parsed.data.token_type !== undefined && parsed.data.token_type.toLowerCase() !== "bearer") {
    throw new AtlasResponseShapeError({
      method,
      path,
      status: response.status,
      issues: `token_type: expected "Bearer" (value=${JSON.stringify(parsed.data.token_type)})`,
    });
  }
  options.log(`obtained an OAuth access token (expires in ${parsed.data.expires_in} s)`);
  return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice("v=".length);
}
