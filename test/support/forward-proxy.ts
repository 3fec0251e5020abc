import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP forward proxy (clients send `GET http://host/path`, as they do through HTTP_PROXY) that
 * notes the host each request was meant for and hands every request to one upstream, the
 * simulator. So a test can give a client any Atlas host name (cloud.mongodbgov.com) and see where
 * each request went, with no DNS and no network.
 */
export interface ForwardProxy {
  url: string;
  /** Host (with port, when not 80) and path of each request, in order; the Authorization header never kept. */
  requests(): { method: string; protocol: string; host: string; path: string }[];
  close(): Promise<void>;
}

export async function startForwardProxy(upstreamBaseUrl: string): Promise<ForwardProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const seen: { method: string; protocol: string; host: string; path: string }[] = [];
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", `http://${req.headers.host ?? "unknown"}`);
    seen.push({ method: req.method ?? "", protocol: target.protocol, host: target.host, path: target.pathname });
    const { "proxy-connection": _hop, ...rest } = req.headers as Record<string, string | string[] | undefined>;
    const headers = { ...rest, host: upstream.host };
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: target.pathname + target.search, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.socket?.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
