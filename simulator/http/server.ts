import type { IncomingMessage, ServerResponse } from "node:http";
import { EXTRA_FIELDS, isVaried } from "../dialect";
import { AtlasError, GroupNotFound, InjectedFault, InvalidVersionDate, RateLimited, RateLimitedTokenBucket, ResourceNotFound, UnexpectedError, UserUnauthorized } from "../model/errors";
import type { SimulatorRuntime } from "../runtime";
import { authenticate } from "./auth/authenticate";
import type { FaultSpec } from "./faults";
import { handleControl } from "./handlers/control";
import { basicCredentials, issueToken, revokeToken } from "./handlers/oauth";
import type { RequestLogEntry } from "./requestLog";
import { ATLAS_MEDIA_TYPE, sendAtlasError, sendJson, sendNoContent, sendUnauthorized, versionProblem, withExtraFields } from "./respond";
import { matchRoute } from "./routes";

const CONTROL_PREFIX = "/__simulator/";
const MAX_BODY_BYTES = 1 << 20;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * With no token bucket configured nothing is limited, but the headers still come on every
 * authenticated answer, as recorded; they then show the limit recorded for this resource, untouched.
 */
const UNLIMITED_RATE = { limit: 4000, remaining: 4000 };

const FAULT_CODES: Record<number, string> = { 429: "RATE_LIMITED", 500: "UNEXPECTED_ERROR", 502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE", 504: "GATEWAY_TIMEOUT" };

/**
 * The request pipeline: control API, OAuth, then for Atlas routes authentication, rate limit,
 * injected faults, routing, permission, API version, handler. Every non-control request is logged.
 */
export function createRequestListener(runtime: SimulatorRuntime) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(runtime, req, res).catch((error: unknown) => {
      process.stderr.write(`simulator: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) sendAtlasError(res, new UnexpectedError("Unexpected error."), { pretty: false });
      else res.destroy();
    });
  };
}

async function handle(runtime: SimulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : target.slice(queryAt + 1);
  const method = (req.method ?? "GET").toUpperCase();
  const body = await readBody(req).catch((error: unknown) => {
    if (error instanceof BodyTooLarge) return undefined;
    throw error;
  });

  if (rawPath.startsWith(CONTROL_PREFIX)) {
    let parsed: unknown;
    try {
      parsed = body && body.length > 0 ? JSON.parse(body.toString("utf8")) : undefined;
    } catch {
      sendJson(res, 400, { error: 400, errorCode: "INVALID_SIMULATOR_CONTROL", detail: "body is not JSON" }, "application/json", { pretty: false });
      return;
    }
    const result = handleControl(runtime, method, rawPath.slice(CONTROL_PREFIX.length), parsed, new URLSearchParams(rawQuery));
    if (result.body === undefined) sendNoContent(res);
    else sendJson(res, result.status, result.body, "application/json", { pretty: false });
    return;
  }

  const entry: RequestLogEntry = { method, path: rawPath, query: rawQuery, status: 0, auth: "none", at: runtime.now() };
  // Recorded up front and given its status as the head is written, so the log is complete
  // before the client can see the response.
  runtime.log.record(entry);
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, string | number>) => ServerResponse;
  res.writeHead = ((status: number, headers?: Record<string, string | number>) => {
    entry.status = status;
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  const query = new URLSearchParams(rawQuery);
  const format = { pretty: query.get("pretty") === "true" };

  if (!body) {
    sendJson(res, 413, { error: 413, errorCode: "PAYLOAD_TOO_LARGE", detail: "Request body too large." }, "application/json", format);
    return;
  }

  if (rawPath === "/api/oauth/token" || rawPath === "/api/oauth/revoke") {
    if (method !== "POST") {
      sendAtlasError(res, new ResourceNotFound(`No resource exists at ${method} ${rawPath}.`), format);
      return;
    }
    if (await applyFault(runtime.faults.take(method, rawPath), res, format)) return;
    const limited = rawPath === "/api/oauth/token" ? runtime.tokenRequestLimit.take(basicCredentials(req.headers.authorization)?.id ?? "") : undefined;
    if (limited) {
      const error = new RateLimited(`Too many token requests for this client: at most ${runtime.tokenRequestLimit.perMinute} per minute.`);
      sendAtlasError(res, error, format, { "Retry-After": limited.retryAfterSeconds });
      return;
    }
    const result = rawPath === "/api/oauth/token" ? issueToken(runtime.tokens, req.headers.authorization, body) : revokeToken(runtime.tokens, req.headers.authorization, body);
    sendJson(res, result.status, result.body, "application/json", format, result.headers);
    return;
  }

  const auth = authenticate(method, target, req.headers.authorization, runtime.digest, runtime.tokens);
  if (!auth.ok) {
    entry.auth = auth.challenge ? "challenge" : auth.scheme;
    const headers: Record<string, string> = auth.challenge ? { "WWW-Authenticate": runtime.digest.challenge(auth.challenge.stale) } : {};
    sendUnauthorized(res, auth.detail, headers);
    return;
  }
  entry.auth = auth.principal.scheme;
  // Marked, as injected faults are, so spec checks can tell a varied answer from the recorded dialect.
  if (isVaried(runtime.dialect)) res.setHeader("X-Simulator-Dialect", "varied");

  const rateHeaders: Record<string, number> = { "Ratelimit-Limit": UNLIMITED_RATE.limit, "Ratelimit-Remaining": UNLIMITED_RATE.remaining };
  if (runtime.rateLimiter) {
    const decision = runtime.rateLimiter.take();
    rateHeaders["Ratelimit-Limit"] = decision.limit;
    rateHeaders["Ratelimit-Remaining"] = decision.remaining;
    if (!decision.allowed) {
      const error = new RateLimitedTokenBucket(runtime.rateLimiter.refusalDetail(decision.retryAfterSeconds));
      sendAtlasError(res, error, format, { ...rateHeaders, "Retry-After": decision.retryAfterSeconds });
      return;
    }
  }

  if (await applyFault(runtime.faults.take(method, rawPath), res, format)) return;

  try {
    const match = matchRoute(method, rawPath);
    if (!match) throw new ResourceNotFound(`No resource exists at ${method} ${rawPath}.`);
    if (match.route.writes && auth.principal.readOnly) {
      throw new UserUnauthorized("Current user is not authorized to perform this action: the key or service account is read-only.");
    }
    const mediaType = match.route.mediaType ?? ATLAS_MEDIA_TYPE;
    const contentType = `${mediaType};charset=utf-8`;
    const problem = versionProblem(req.headers.accept, mediaType);
    if (problem) throw new InvalidVersionDate(problem);
    const dialect = runtime.dialect;
    const result = match.route.handler({ params: match.params, body, backend: runtime.backend, dialect });
    if (match.route.answerMayBeLost && dialect.answerLost && runtime.loseAnswerOnce(`${method} ${rawPath} ${method === "POST" ? body.toString("utf8") : ""}`)) {
      entry.answerLost = true;
      // As a load balancer does after the backend did the work: no answer, or its own 502 page.
      if (dialect.answerLost === "drop") res.socket?.destroy();
      else {
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end("upstream connect error or disconnect/reset before headers. reset reason: connection termination");
      }
      return;
    }
    if (result.status === 204) {
      sendNoContent(res, rateHeaders);
      return;
    }
    const content = dialect.extraFields ? withExtraFields(result.body, EXTRA_FIELDS) : result.body;
    if (query.get("envelope") === "true") {
      sendJson(res, 200, { status: result.status, content }, contentType, format, rateHeaders);
    } else {
      sendJson(res, result.status, content, contentType, format, rateHeaders);
    }
  } catch (error) {
    if (!(error instanceof AtlasError)) throw error;
    // Atlas limits per project: the recorded GROUP_NOT_FOUND has no project to count against, so no Ratelimit-*.
    const headers = error instanceof GroupNotFound ? {} : rateHeaders;
    const dialect = runtime.dialect;
    sendAtlasError(res, error, format, headers, {
      envelope: dialect.envelopeErrors && query.get("envelope") === "true",
      extraFields: dialect.extraFields ? EXTRA_FIELDS : undefined,
    });
  }
}

/** Returns true when the fault answered (or dropped) the request. */
async function applyFault(fault: FaultSpec | undefined, res: ServerResponse, format: { pretty: boolean }): Promise<boolean> {
  if (!fault) return false;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.dropConnection) {
    res.socket?.destroy();
    return true;
  }
  if (fault.status === undefined) return false;
  const errorCode = fault.errorCode ?? FAULT_CODES[fault.status] ?? "SIMULATED_FAULT";
  // Marked so contract checks can tell a test's injected answer from the simulator's own.
  const headers: Record<string, string | number> = { "X-Simulator-Fault": "injected" };
  if (fault.retryAfterSeconds !== undefined) headers["Retry-After"] = fault.retryAfterSeconds;
  sendAtlasError(res, new InjectedFault(fault.status, errorCode, `Injected fault: ${fault.status} ${errorCode}.`), format, headers);
  return true;
}
