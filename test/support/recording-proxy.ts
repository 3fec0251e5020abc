import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through HTTP proxy between the client under test and the simulator that remembers every
 * secret that crossed the wire (Authorization values, digest `response=` values, issued access
 * tokens), so the secret scan checks for the exact values the client used, not only the seeded ones.
 */
export interface RecordingProxy {
  baseUrl: string;
  /** Every secret value seen so far. */
  secrets(): string[];
  /** Method, raw path and headers of each request, Authorization left out. */
  requests(): { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstreamBaseUrl: string): Promise<RecordingProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const seen = new Set<string>();
  const requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const remember = (value: string | undefined) => {
    if (value && value.length >= 6) seen.add(value);
  };

  const server = createServer((req, res) => {
    const { authorization: _omitted, ...visibleHeaders } = req.headers;
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: visibleHeaders });
    const authorization = req.headers.authorization;
    if (authorization) {
      remember(authorization);
      remember(authorization.replace(/^\w+\s+/, ""));
      for (const m of authorization.matchAll(/\bresponse="?([0-9a-f]+)"?/g)) remember(m[1]);
      if (/^Basic /i.test(authorization)) {
        const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
        remember(decoded);
        for (const part of decoded.split(":")) remember(decodeURIComponent(part));
      }
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes: IncomingMessage) => {
        const chunks: Buffer[] = [];
        upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
        upstreamRes.on("end", () => {
          const body = Buffer.concat(chunks);
          if (req.url?.startsWith("/api/oauth/token")) {
            try {
              remember((JSON.parse(body.toString("utf8")) as { access_token?: string }).access_token);
            } catch {
              // not a token answer
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
    secrets: () => [...seen],
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
