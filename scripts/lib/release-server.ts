/**
 * A local stand-in for GitHub releases, laid out as the Pulumi CLI reads them for a `github://<host>/<owner>`
 * pluginDownloadURL: `GET /repos/<owner>/<repo>/releases/tags/v<version>` answers the release's assets, each
 * asset's API URL redirects to its `/<owner>/<repo>/releases/download/v<version>/<name>` download, which serves
 * the file. The CLI always speaks HTTPS to such a host, so the server has a self-signed certificate for
 * 127.0.0.1 (made with openssl) that a client trusts through SSL_CERT_FILE (Go reads it; Node takes `ca`).
 *
 * Used by the e2e tests of automatic plugin acquisition and `pulumi package add` from a release.
 */
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { join } from "node:path";
import { PLUGIN_NAME } from "./plugin-package";
import { mustSucceed } from "./pulumi-workspace";
import { runCommand } from "./run-command";

export interface ReleaseRequest {
  method: string;
  path: string;
  status: number;
}

export interface ReleaseServer {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** The schema's pluginDownloadURL with this server in place of api.github.com: `github://127.0.0.1:<port>/<owner>`. */
  pluginDownloadURL: string;
  /** The certificate to trust (SSL_CERT_FILE for the CLI). */
  certFile: string;
  /** Every request, in order. */
  requests: ReleaseRequest[];
  close(): Promise<void>;
}

export interface ReleaseServerOptions {
  /** A folder of release assets (the release build's output, or just the plugin archives). */
  assets: string;
  /** The schema's `github://api.github.com/<owner>[/<repo>]`: the release this server stands in for. */
  pluginDownloadURL: string;
  version: string;
  /** Where the key and certificate go (a temp folder of the caller's). */
  tlsDir: string;
}

/** A key and self-signed certificate for 127.0.0.1 in `dir`. */
async function selfSigned(dir: string): Promise<{ keyFile: string; certFile: string }> {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  await mustSucceed(
    runCommand(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
        ...["-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      ],
      { cwd: dir },
    ),
    "openssl req (release server certificate)",
  );
  return { keyFile, certFile };
}

export async function startReleaseServer(options: ReleaseServerOptions): Promise<ReleaseServer> {
  const { version } = options;
  const match = /^github:\/\/api\.github\.com\/([^/]+)(?:\/([^/]+))?$/.exec(options.pluginDownloadURL);
  if (!match) throw new Error(`release server: ${options.pluginDownloadURL} is not github://api.github.com/<owner>[/<repo>]`);
  const owner = match[1]!;
  // As the CLI reads the URL: without a repository it looks in pulumi-<plugin name>.
  const repo = match[2] ?? `pulumi-${PLUGIN_NAME}`;
  const { keyFile, certFile } = await selfSigned(options.tlsDir);
  const names = readdirSync(options.assets)
    .filter((name) => statSync(join(options.assets, name)).isFile())
    .sort();
  const requests: ReleaseRequest[] = [];
  let origin = "";
  const tag = `v${version}`;
  const downloadPath = (name: string) => `/${owner}/${repo}/releases/download/${tag}/${name}`;
  const release = () => ({
    tag_name: tag,
    name: tag,
    assets: names.map((name, index) => ({
      id: index + 1,
      name,
      size: statSync(join(options.assets, name)).size,
      url: `${origin}/repos/${owner}/${repo}/releases/assets/${index + 1}`,
      browser_download_url: `${origin}${downloadPath(name)}`,
    })),
  });

  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const path = new URL(request.url ?? "/", origin).pathname;
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: request.method ?? "GET", path, status });
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const api = `/repos/${owner}/${repo}/releases`;
    if (request.method !== "GET") return answer(405, { message: "Method Not Allowed" });
    if (path === `${api}/tags/${tag}` || path === `${api}/latest`) return answer(200, release());
    const asset = new RegExp(`^${api}/assets/(\\d+)$`).exec(path);
    if (asset) {
      const name = names[Number(asset[1]) - 1];
      // GitHub answers an asset's API URL (Accept: application/octet-stream) with a redirect to its download.
      return name ? answer(302, undefined, { location: `${origin}${downloadPath(name)}` }) : answer(404, { message: "Not Found" });
    }
    const name = names.find((candidate) => path === downloadPath(candidate));
    if (!name) return answer(404, { message: "Not Found" });
    requests.push({ method: "GET", path, status: 200 });
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(statSync(join(options.assets, name)).size),
    });
    createReadStream(join(options.assets, name)).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("release server: no port");
  origin = `https://127.0.0.1:${address.port}`;
  return {
    origin,
    pluginDownloadURL: options.pluginDownloadURL.replace("//api.github.com/", `//127.0.0.1:${address.port}/`),
    certFile,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
