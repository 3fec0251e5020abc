/**
 * Sits between the provider and the simulator and changes Atlas's answers the ways real Atlas may
 * (statuses it adds, fields it leaves out or sends as null, other 2xx codes, 404 windows, answers
 * lost after the work was done). The simulator stays the source of truth: the proxy only forwards
 * and rewrites, so its endpoint list shows what Atlas really holds.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Rewrite =
  /** Change the JSON body of a 2xx answer (return the new body). */
  | { kind: "body"; change: (body: Record<string, unknown>) => unknown }
  /** Answer a 2xx with this status instead (201 for a create, 202 for a delete). */
  | { kind: "status"; status: number }
  /** Do not forward; answer 404 with a body that is not an Atlas error (a proxy's, a wrong path's). */
  | { kind: "foreign404" }
  /** Do not forward; answer 404 as Atlas does for a missing endpoint (eventual consistency). */
  | { kind: "atlas404" }
  /** Do not forward; answer this status with an Atlas error body (Atlas refused, nothing done). */
  | { kind: "answer"; status: number }
  /**
   * Answer a signed request with a fresh digest challenge, as Atlas does when the nonce it was
   * signed with has gone stale: the request goes on unsigned, so Atlas does nothing and issues a
   * real new nonce. Unlike a tiny nonce TTL this fires exactly where the test says, however loaded
   * the machine (Atlas always says stale=false, so the client cannot tell the two apart).
   */
  | { kind: "staleNonce" }
  /**
   * Forward (Atlas does the work), then drop the connection without an answer. Only after a 2xx,
   * unless `anyStatus`: then whatever Atlas answered is lost too (a 409 the provider never sees).
   */
  | { kind: "forwardThenDrop"; anyStatus?: boolean }
  /** Forward (Atlas does the work), then answer 502 as a load balancer does. */
  | { kind: "forwardThen502" };

export interface RewriteRule {
  method: string;
  /** Tested against the raw path (no query). */
  path: RegExp;
  rewrite: Rewrite;
  /** Uses left; undefined = every matching request. A use is spent only when the rule acted. */
  count?: number;
  /** How many answers this rule changed (set by the proxy). */
  fired?: number;
}

export interface ProxyLogEntry {
  method: string;
  path: string;
  /** What the proxy did: "forwarded" or the rewrite kind. */
  action: string;
  /** The status the provider saw (0: connection dropped). */
  status: number;
}

export interface RewritingProxy {
  baseUrl: string;
  rules: RewriteRule[];
  log: ProxyLogEntry[];
  /**
   * The proxy's own failures (upstream unreachable, a body change that threw). The request gets a 599
   * and the failure lands here; a test file asserts this stays empty, so a broken proxy is never
   * mistaken for Atlas behaviour the provider handled.
   */
  errors: string[];
  close(): Promise<void>;
}

const ATLAS_ERROR_CONTENT_TYPE = "application/json";
const ANSWERS_ITSELF = new Set<Rewrite["kind"]>(["foreign404", "atlas404", "answer", "staleNonce"]);

export async function startRewritingProxy(targetBaseUrl: string): Promise<RewritingProxy> {
  const target = new URL(targetBaseUrl);
  const rules: RewriteRule[] = [];
  const log: ProxyLogEntry[] = [];
  const errors: string[] = [];

  const find = (method: string, path: string): RewriteRule | undefined =>
    rules.find((r) => r.method === method && r.path.test(path) && (r.count === undefined || r.count > 0));
  /**
   * Spends one use of a rule that acts now. Rules that change Atlas's answer are spent only once the
   * answer is one they change (a 2xx); another request may have spent the last use meanwhile.
   */
  const spend = (rule: RewriteRule): boolean => {
    if (rule.count !== undefined) {
      if (rule.count <= 0) return false;
      rule.count -= 1;
    }
    rule.fired = (rule.fired ?? 0) + 1;
    return true;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    unsigned = false,
  ): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      if (unsigned) delete headers.authorization;
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      upstream.on("error", reject);
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    // Only signed requests are rewritten: a digest challenge (unauthenticated) passes as is.
    const signed = typeof req.headers.authorization === "string";
    const found = signed ? find(method, path) : undefined;
    const note = (action: string, status: number) => log.push({ method, path, action, status });
    // Rules that answer instead of Atlas act on every request they match, so they are spent at once.
    let rule = found;
    if (found && ANSWERS_ITSELF.has(found.rewrite.kind)) rule = spend(found) ? found : undefined;

    if (rule?.rewrite.kind === "foreign404") {
      res.writeHead(404, { "Content-Type": "text/html" }).end("<html><body><h1>404 Not Found</h1>nginx</body></html>");
      return note("foreign404", 404);
    }
    if (rule?.rewrite.kind === "atlas404") {
      const error = {
        detail: "No endpoint found.",
        error: 404,
        errorCode: "PRIVATE_ENDPOINT_NOT_FOUND",
        parameters: [],
        reason: "Not Found",
      };
      res.writeHead(404, { "Content-Type": ATLAS_ERROR_CONTENT_TYPE, "X-Error-Code": error.errorCode }).end(JSON.stringify(error));
      return note("atlas404", 404);
    }
    if (rule?.rewrite.kind === "answer") {
      const status = rule.rewrite.status;
      const error = { detail: "Unexpected error.", error: status, errorCode: "UNEXPECTED_ERROR", parameters: [], reason: "Server Error" };
      res.writeHead(status, { "Content-Type": ATLAS_ERROR_CONTENT_TYPE }).end(JSON.stringify(error));
      return note("answer", status);
    }
    let upstream: Awaited<ReturnType<typeof forward>>;
    try {
      upstream = await forward(req, Buffer.concat(chunks), rule?.rewrite.kind === "staleNonce");
    } catch (error) {
      // Atlas (the simulator's answerLost, a fault) dropped the connection: pass the drop on, as a
      // proxy does. Anything else is the proxy's own failure.
      if ((error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
      req.socket.destroy();
      return note("forwarded", 0);
    }
    if (rule?.rewrite.kind === "staleNonce") {
      res
        .writeHead(upstream.status, {
          "Content-Type": upstream.headers["content-type"] ?? "application/json",
          "WWW-Authenticate": upstream.headers["www-authenticate"] ?? "",
        })
        .end(upstream.body);
      return note("staleNonce", upstream.status);
    }
    const success = upstream.status >= 200 && upstream.status < 300;
    // An answer-changing rule acts (and is spent) only on an answer it changes.
    const changes = success || (rule?.rewrite.kind === "forwardThenDrop" && rule.rewrite.anyStatus === true);
    const acting = rule && changes && (rule.rewrite.kind !== "body" || upstream.body.length > 0) && spend(rule) ? rule : undefined;
    if (acting?.rewrite.kind === "forwardThenDrop") {
      req.socket.destroy();
      return note("forwardThenDrop", 0);
    }
    if (acting?.rewrite.kind === "forwardThen502") {
      res.writeHead(502, { "Content-Type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
      return note("forwardThen502", 502);
    }
    let status = upstream.status;
    let body = upstream.body;
    let action = "forwarded";
    if (acting?.rewrite.kind === "status") {
      if (acting.rewrite.status === status) throw new Error(`a status rule rewrote ${status} to itself: it tests nothing`);
      status = acting.rewrite.status;
      action = "status";
      // 204 carries no body.
      if (status === 204) body = Buffer.alloc(0);
    }
    if (acting?.rewrite.kind === "body") {
      body = Buffer.from(JSON.stringify(acting.rewrite.change(JSON.parse(body.toString("utf8")) as Record<string, unknown>)));
      action = "body";
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value === undefined || ["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name)) continue;
      headers[name] = value;
    }
    res.writeHead(status, headers).end(body);
    note(action, status);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      errors.push(`${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      log.push({ method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] ?? "/", action: "proxyError", status: 599 });
      if (!res.headersSent) res.writeHead(599, { "Content-Type": "text/plain" }).end("rewriting proxy failed; see proxy.errors");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    rules,
    log,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The rewriting proxy of the test file or describe block that calls this, in front of its simulator: started
 * before its tests, closed after them. After each test its rules and log are cleared, its own failures must be
 * none (a broken proxy is never taken for Atlas behaviour the provider handled), and the provider talks to the
 * simulator again: a test sends it through the proxy with `process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl`.
 */
export function useRewritingProxy(harness: { readonly simulator: { readonly baseUrl: string } }): RewritingProxy {
  let started: RewritingProxy | undefined;
  const proxy = (): RewritingProxy => {
    if (started === undefined) throw new Error("the rewriting proxy starts in beforeAll: use it inside a test");
    return started;
  };
  beforeAll(async () => {
    started = await startRewritingProxy(harness.simulator.baseUrl);
  });
  afterEach(() => {
    proxy().rules.length = 0;
    proxy().log.length = 0;
    process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
    expect(proxy().errors.splice(0)).toEqual([]);
  });
  afterAll(async () => started?.close());
  return {
    get baseUrl() {
      return proxy().baseUrl;
    },
    get rules() {
      return proxy().rules;
    },
    get log() {
      return proxy().log;
    },
    get errors() {
      return proxy().errors;
    },
    close: () => proxy().close(),
  };
}
