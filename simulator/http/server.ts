import type { IncomingMessage, ServerResponse } from "node:http";
import { type AnswerLoss, type Dialect, EXTRA_FIELDS, isVaried } from "../dialect";
import {
  AtlasError,
  GroupNotFound,
  InjectedFault,
  InvalidVersionDate,
  RateLimited,
  RateLimitedTokenBucket,
  ResourceNotFound,
  UnexpectedError,
  UserUnauthorized,
} from "../model/errors";
import type { SimulatorRuntime } from "../runtime";
import { authenticate } from "./auth/authenticate";
import type { FaultSpec } from "./faults";
import { handleControl } from "./handlers/control";
import { basicCredentials, issueToken, revokeToken } from "./handlers/oauth";
import type { RequestLogEntry } from "./request-log";
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

/**
 * With no token bucket configured nothing is limited, but the headers still come on every
 * authenticated answer, as recorded; they then show the limit recorded for this resource, untouched.
 */
const UNLIMITED_RATE = { limit: 4000, remaining: 4000 };

const FAULT_CODES: Record<number, string> = {
  429: "RATE_LIMITED",
  500: "UNEXPECTED_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

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

/** One request as the pipeline sees it: the target split once, the body read once (undefined when too large). */
interface ParsedRequest {
  readonly req: IncomingMessage;
  readonly method: string;
  readonly target: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  readonly body: Buffer | undefined;
}

type Format = { pretty: boolean };
type RateHeaders = Record<string, number>;

async function handle(runtime: SimulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = await parseRequest(req);
  if (request.path.startsWith(CONTROL_PREFIX)) return answerControl(runtime, request, res);
  runtime.inFlight += 1;
  try {
    await answerAtlas(runtime, request, res);
  } finally {
    runtime.inFlight -= 1;
  }
}

async function answerAtlas(runtime: SimulatorRuntime, request: ParsedRequest, res: ServerResponse): Promise<void> {
  const entry = logRequest(runtime, request, res);
  const format = { pretty: request.query.get("pretty") === "true" };
  const body = request.body;
  if (!body) {
    sendJson(res, 413, { error: 413, errorCode: "PAYLOAD_TOO_LARGE", detail: "Request body too large." }, "application/json", format);
    return;
  }
  if (OAUTH_PATHS.has(request.path)) return answerOAuth(runtime, request, body, res, format);

  // Atlas's answers say when on its clock, as ids do: the simulator's, which a test may move ahead.
  res.setHeader("Date", new Date(runtime.now()).toUTCString());
  const principal = authenticateOrChallenge(runtime, request, entry, res);
  if (!principal) return;
  // Marked, as injected faults are, so spec checks can tell a varied answer from the recorded dialect.
  if (isVaried(runtime.dialect)) res.setHeader("X-Simulator-Dialect", "varied");
  const rateHeaders = takeRateLimit(runtime, res, format);
  if (!rateHeaders) return;
  if (await applyFault(runtime, runtime.faults.take(request.method, request.path), res, format)) return;

  try {
    answerAtlasRoute(runtime, request, body, principal.readOnly, entry, res, format, rateHeaders);
  } catch (error) {
    if (!(error instanceof AtlasError)) throw error;
    sendMappedError(runtime, request, error, res, format, rateHeaders);
  }
}

async function parseRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const rawQuery = queryAt < 0 ? "" : target.slice(queryAt + 1);
  const body = await readBody(req).catch((error: unknown) => {
    if (error instanceof BodyTooLarge) return undefined;
    throw error;
  });
  return {
    req,
    method: (req.method ?? "GET").toUpperCase(),
    target,
    path: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQuery,
    query: new URLSearchParams(rawQuery),
    body,
  };
}

/** Test-only controls: no auth, no log, plain JSON. */
function answerControl(runtime: SimulatorRuntime, request: ParsedRequest, res: ServerResponse): void {
  let parsed: unknown;
  try {
    parsed = request.body && request.body.length > 0 ? JSON.parse(request.body.toString("utf8")) : undefined;
  } catch {
    sendJson(res, 400, { error: 400, errorCode: "INVALID_SIMULATOR_CONTROL", detail: "body is not JSON" }, "application/json", {
      pretty: false,
    });
    return;
  }
  const result = handleControl(runtime, request.method, request.path.slice(CONTROL_PREFIX.length), parsed, request.query);
  if (result.body === undefined) sendNoContent(res);
  else sendJson(res, result.status, result.body, "application/json", { pretty: false });
}

function logRequest(runtime: SimulatorRuntime, request: ParsedRequest, res: ServerResponse): RequestLogEntry {
  const entry: RequestLogEntry = {
    method: request.method,
    path: request.path,
    query: request.rawQuery,
    status: 0,
    auth: "none",
    at: runtime.now(),
  };
  // Recorded up front and given its status as the head is written, so the log is complete
  // before the client can see the response.
  runtime.log.record(entry);
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, string | number>) => ServerResponse;
  res.writeHead = ((status: number, headers?: Record<string, string | number>) => {
    entry.status = status;
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  return entry;
}

const TOKEN_PATH = "/api/oauth/token";
const OAUTH_PATHS = new Set([TOKEN_PATH, "/api/oauth/revoke"]);

/** OAuth issues and revokes tokens before any Atlas authentication; faults and its own per-client limit apply. */
async function answerOAuth(
  runtime: SimulatorRuntime,
  request: ParsedRequest,
  body: Buffer,
  res: ServerResponse,
  format: Format,
): Promise<void> {
  const { method, path, req } = request;
  if (method !== "POST") {
    sendAtlasError(res, new ResourceNotFound(`No resource exists at ${method} ${path}.`), format);
    return;
  }
  if (await applyFault(runtime, runtime.faults.take(method, path), res, format)) return;
  const limited = path === TOKEN_PATH ? runtime.tokenRequestLimit.take(basicCredentials(req.headers.authorization)?.id ?? "") : undefined;
  if (limited) {
    const error = new RateLimited(`Too many token requests for this client: at most ${runtime.tokenRequestLimit.perMinute} per minute.`);
    sendAtlasError(res, error, format, { "Retry-After": limited.retryAfterSeconds });
    return;
  }
  const result =
    path === TOKEN_PATH
      ? issueToken(runtime.tokens, req.headers.authorization, body)
      : revokeToken(runtime.tokens, req.headers.authorization, body);
  sendJson(res, result.status, result.body, "application/json", format, result.headers);
}

/** Returns the caller, or answers 401 (with a digest challenge where one is due) and returns undefined. */
function authenticateOrChallenge(
  runtime: SimulatorRuntime,
  request: ParsedRequest,
  entry: RequestLogEntry,
  res: ServerResponse,
): { readOnly: boolean } | undefined {
  const auth = authenticate(request.method, request.target, request.req.headers.authorization, runtime.digest, runtime.tokens);
  if (!auth.ok) {
    entry.auth = auth.challenge ? "challenge" : auth.scheme;
    const headers: Record<string, string> = auth.challenge ? { "WWW-Authenticate": runtime.digest.challenge(auth.challenge.stale) } : {};
    sendUnauthorized(res, auth.detail, headers);
    return undefined;
  }
  entry.auth = auth.principal.scheme;
  return auth.principal;
}

/** Returns the Ratelimit-* headers for the answer, or answers 429 and returns undefined. */
function takeRateLimit(runtime: SimulatorRuntime, res: ServerResponse, format: Format): RateHeaders | undefined {
  const rateHeaders: RateHeaders = { "Ratelimit-Limit": UNLIMITED_RATE.limit, "Ratelimit-Remaining": UNLIMITED_RATE.remaining };
  if (!runtime.rateLimiter) return rateHeaders;
  const decision = runtime.rateLimiter.take();
  rateHeaders["Ratelimit-Limit"] = decision.limit;
  rateHeaders["Ratelimit-Remaining"] = decision.remaining;
  if (decision.allowed) return rateHeaders;
  const error = new RateLimitedTokenBucket(runtime.rateLimiter.refusalDetail(decision.retryAfterSeconds));
  sendAtlasError(res, error, format, { ...rateHeaders, "Retry-After": decision.retryAfterSeconds });
  return undefined;
}

/** Route, permission, API version, handler, then the answer in the current dialect. Throws AtlasError. */
function answerAtlasRoute(
  runtime: SimulatorRuntime,
  request: ParsedRequest,
  body: Buffer,
  readOnly: boolean,
  entry: RequestLogEntry,
  res: ServerResponse,
  format: Format,
  rateHeaders: RateHeaders,
): void {
  const { method, path } = request;
  const match = matchRoute(method, path);
  if (!match) throw new ResourceNotFound(`No resource exists at ${method} ${path}.`);
  if (match.route.writes && readOnly) {
    throw new UserUnauthorized("Current user is not authorized to perform this action: the key or service account is read-only.");
  }
  const mediaType = match.route.mediaType ?? ATLAS_MEDIA_TYPE;
  const problem = versionProblem(request.req.headers.accept, mediaType);
  if (problem) throw new InvalidVersionDate(problem);
  const dialect = runtime.dialect;
  const result = match.route.handler({ params: match.params, query: request.query, body, backend: runtime.backend, dialect });
  if (
    match.route.answerMayBeLost &&
    dialect.answerLost &&
    runtime.loseAnswerOnce(`${method} ${path} ${method === "POST" ? body.toString("utf8") : ""}`)
  ) {
    entry.answerLost = true;
    loseAnswer(res, dialect.answerLost);
    return;
  }
  if (result.status === 204) {
    sendNoContent(res, rateHeaders);
    return;
  }
  describeAnswer(entry, result.body, match.route.operationId, dialect);
  const content = dialect.extraFields ? withExtraFields(result.body, EXTRA_FIELDS) : result.body;
  const contentType = `${mediaType};charset=utf-8`;
  if (request.query.get("envelope") === "true") sendJson(res, 200, { status: result.status, content }, contentType, format, rateHeaders);
  else sendJson(res, result.status, content, contentType, format, rateHeaders);
}

/** What the request log says of a success body: its status, and which dialect variations shaped it. */
function describeAnswer(entry: RequestLogEntry, body: unknown, operationId: string, dialect: Dialect): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return;
  const fields = body as Record<string, unknown>;
  const status = fields.connectionStatus ?? fields.status ?? fields.state;
  if (typeof status === "string") entry.answeredStatus = status;
  const shapedBy: string[] = [];
  if (dialect.omitCreateStatus && operationId === "createGroupPrivateEndpointEndpointServiceEndpoint") shapedBy.push("omitCreateStatus");
  if (dialect.extraFields) shapedBy.push("extraFields");
  const rules = fields.endpoints;
  if (
    dialect.portMappedEndpointName &&
    Array.isArray(rules) &&
    rules.some((rule) => (rule as Record<string, unknown>)?.endpointName === fields.endpointGroupName)
  )
    shapedBy.push("portMappedEndpointName");
  if (shapedBy.length > 0) entry.shapedBy = shapedBy;
}

/** As a load balancer does after the backend did the work: no answer, or its own 502 page. */
function loseAnswer(res: ServerResponse, how: AnswerLoss): void {
  if (how === "drop") {
    res.socket?.destroy();
    return;
  }
  res.writeHead(502, { "Content-Type": "text/plain" });
  res.end("upstream connect error or disconnect/reset before headers. reset reason: connection termination");
}

function sendMappedError(
  runtime: SimulatorRuntime,
  request: ParsedRequest,
  error: AtlasError,
  res: ServerResponse,
  format: Format,
  rateHeaders: RateHeaders,
): void {
  // Atlas limits per project: the recorded GROUP_NOT_FOUND has no project to count against, so no Ratelimit-*.
  const headers = error instanceof GroupNotFound ? {} : rateHeaders;
  const dialect = runtime.dialect;
  sendAtlasError(res, error, format, headers, {
    envelope: dialect.envelopeErrors && request.query.get("envelope") === "true",
    extraFields: dialect.extraFields ? EXTRA_FIELDS : undefined,
  });
}

/** Returns true when the fault answered (or dropped) the request. */
async function applyFault(runtime: SimulatorRuntime, fault: FaultSpec | undefined, res: ServerResponse, format: Format): Promise<boolean> {
  if (!fault) return false;
  // On the simulator's clock: a test holds a request as long as it likes and lets go with an advance.
  if (fault.delayMs && !(await runtime.reach(runtime.now() + fault.delayMs))) {
    res.destroy();
    return true;
  }
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
