import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through HTTP proxy in front of the simulator that remembers every credential crossing the
 * wire (Authorization values, digest `response=` values, Basic credentials of token requests,
 * issued access tokens), so secret scans look for the exact values clients used, with no help
 * from the simulator.
 */
export interface RecordingProxy {
  baseUrl: string;
  /** Every secret value seen so far, whole and in parts. */
  secrets(): string[];
  /** Every distinct credential value seen so far, by kind. */
  seen(): { authorizations: string[]; digestResponses: string[]; accessTokens: string[] };
  /** Method, raw path and headers of each request, Authorization left out. */
  requests(): { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstreamBaseUrl: string): Promise<RecordingProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const secrets = new Set<string>();
  const authorizations = new Set<string>();
  const digestResponses = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const remember = (value: string | undefined) => {
    if (value && value.length >= 6) secrets.add(value);
  };

  const rememberAuthorization = (authorization: string | undefined) => {
    if (!authorization) return;
    authorizations.add(authorization);
    remember(authorization);
    remember(authorization.replace(/^\w+\s+/, ""));
    for (const m of authorization.matchAll(/\bresponse="?([0-9a-f]+)"?/g)) {
      digestResponses.add(m[1]!);
      remember(m[1]);
    }
    const bearer = /^Bearer\s+(\S+)/i.exec(authorization)?.[1];
    if (bearer) accessTokens.add(bearer);
    if (/^Basic /i.test(authorization)) {
      const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
      remember(decoded);
      for (const part of decoded.split(":")) remember(decodeURIComponent(part));
    }
  };

  const server = createServer((req, res) => {
    const { authorization, ...visibleHeaders } = req.headers;
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: visibleHeaders });
    rememberAuthorization(authorization);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upstreamRes: IncomingMessage) => {
        const chunks: Buffer[] = [];
        upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
        upstreamRes.on("end", () => {
          const body = Buffer.concat(chunks);
          if (req.url?.startsWith("/api/oauth/token")) {
            const token = /"access_token"\s*:\s*"([^"]+)"/.exec(body.toString("utf8"))?.[1];
            if (token) {
              accessTokens.add(token);
              remember(token);
            }
          }
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(body);
        });
        upstreamRes.on("error", () => res.socket?.destroy());
      },
    );
    // The simulator dropped the connection (fault): drop ours too, so the client sees the same.
    forward.on("error", () => res.socket?.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    secrets: () => [...secrets],
    seen: () => ({ authorizations: [...authorizations], digestResponses: [...digestResponses], accessTokens: [...accessTokens] }),
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
