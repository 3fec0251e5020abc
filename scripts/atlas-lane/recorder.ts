/**
 * `--record DIR`: a proxy between the provider and Atlas that writes every exchange in the format of
 * ../shared/atlas-recordings (one `.snaphost` file per answer: status line, headers, blank line, body;
 * named `METHOD_path_N` after the request), plus `exchanges.json` per scenario folder with the order of
 * the requests and their bodies, so the simulator's conformance test can replay them.
 *
 * Masked before anything is written: the Authorization header (never written at all), digest
 * challenge values (nonce, opaque), OAuth access tokens, every credential value, the project id
 * (as the README's `b0123456789abcdef012345b`), every other Atlas id (ObjectIds, as stable
 * placeholders), real cloud endpoint ids the maintainer gave the lane, and cluster host names.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** The project id placeholder the shared recordings already use. */
export const MASKED_GROUP_ID = "b0123456789abcdef012345b";
export const MASKED = "<masked>";

export interface Exchange {
  file: string;
  method: string;
  /** Masked path and query, as sent. */
  target: string;
  /** Masked JSON request body, when there was one. */
  body?: unknown;
  status: number;
}

export interface Manifest {
  /** Which placeholder stands for the project. */
  groupId: string;
  exchanges: Exchange[];
}

export interface RecorderOptions {
  upstreamBaseUrl: string;
  dir: string;
  groupId: string;
  /** Credential values and real cloud ids: replaced wherever they occur. */
  secrets: string[];
  realIds: string[];
}

export interface Recorder {
  /** Point the provider here instead of at Atlas. */
  baseUrl: string;
  /** Later exchanges go to this scenario's folder. */
  scenario(name: string): void;
  /** Every file written so far. */
  files(): string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);
const OBJECT_ID = /\b[0-9a-f]{24}\b/g;

export class Masker {
  private readonly ids = new Map<string, string>();

  constructor(private readonly options: Pick<RecorderOptions, "groupId" | "secrets" | "realIds">) {
    this.ids.set(options.groupId, MASKED_GROUP_ID);
  }

  text(input: string): string {
    let text = input;
    for (const secret of this.options.secrets) if (secret.length >= 4) text = text.split(secret).join(MASKED);
    this.options.realIds.forEach((id, index) => {
      text = text.split(id).join(maskedCloudId(id, index));
      text = text.split(encodeURIComponent(id)).join(encodeURIComponent(maskedCloudId(id, index)));
    });
    text = text.replace(OBJECT_ID, (id) => this.placeholder(id));
    text = text.replace(/("access_token"\s*:\s*")[^"]*"/g, `$1${MASKED}"`);
    text = text.replace(/\b(nonce|opaque|cnonce|response)="[^"]*"/g, `$1="${MASKED}"`);
    // Cluster host names carry the project's own 5-character id: orders.abcde.mongodb.net.
    text = text.replace(/\b([a-z0-9-]+)\.[a-z0-9]{5}\.(mongodb(?:gov)?\.net)\b/g, "$1.xxxxx.$2");
    return text;
  }

  private placeholder(id: string): string {
    let masked = this.ids.get(id);
    if (!masked) {
      masked = (this.ids.size + 1).toString(16).padStart(24, "a");
      this.ids.set(id, masked);
    }
    return masked;
  }
}

/** Same shape as the cloud's id, so validation still applies on replay; never derived from the id's value. */
function maskedCloudId(id: string, index: number): string {
  if (id.startsWith("vpce-")) return `vpce-${(index + 1).toString(16).padStart(17, "f")}`;
  return `masked-cloud-endpoint-${index + 1}`;
}

/** `GET /api/atlas/v2/groups/x/clusters?pageNum=1` → `GET_api_atlas_v2_groups_x_clusters`, the shared recordings' naming. */
export function fileStem(method: string, target: string): string {
  const path = target.split("?")[0]!;
  return `${method}_${decodeURIComponent(path)
    .replace(/^\/+/, "")
    .replace(/[^A-Za-z0-9.-]+/g, "_")}`.slice(0, 200);
}

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const upstream = new URL(options.upstreamBaseUrl);
  const send = upstream.protocol === "https:" ? httpsRequest : httpRequest;
  const masker = new Masker(options);
  const written: string[] = [];
  let scenario = "setup";
  const manifests = new Map<string, Manifest>();
  const counts = new Map<string, number>();

  const write = (
    method: string,
    target: string,
    requestBody: string,
    status: number,
    statusText: string,
    headers: IncomingMessage["headers"],
    body: string,
  ) => {
    const folder = join(options.dir, scenario);
    mkdirSync(folder, { recursive: true });
    const maskedTarget = masker.text(target);
    const stem = `${scenario}/${fileStem(method, maskedTarget)}`;
    const n = (counts.get(stem) ?? 0) + 1;
    counts.set(stem, n);
    const file = `${stem}_${n}.snaphost`;
    const headerLines = Object.entries(headers)
      .filter(([name]) => !HOP_BY_HOP.has(name) && name !== "set-cookie")
      .map(([name, value]) => `${canonical(name)}: ${masker.text(Array.isArray(value) ? value.join(", ") : String(value))}`)
      .sort();
    writeFileSync(join(options.dir, file), `HTTP/2.0 ${status} ${statusText}\n${headerLines.join("\n")}\n\n${masker.text(body)}`);
    written.push(file);
    const manifest = manifests.get(scenario) ?? { groupId: MASKED_GROUP_ID, exchanges: [] };
    manifests.set(scenario, manifest);
    const exchange: Exchange = { file: file.slice(scenario.length + 1), method, target: maskedTarget, status };
    if (requestBody && !target.startsWith("/api/oauth/")) {
      try {
        exchange.body = JSON.parse(masker.text(requestBody));
      } catch {
        exchange.body = MASKED;
      }
    }
    manifest.exchanges.push(exchange);
    writeFileSync(join(folder, "exchanges.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const requestBody = Buffer.concat(chunks);
      const headers: OutgoingHttpHeaders = { ...req.headers, host: upstream.host };
      delete headers.connection;
      // Uncompressed answers, so the recording holds the text Atlas sent (axios asks for gzip and br).
      delete headers["accept-encoding"];
      const forward = send(
        { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () => {
            const text = Buffer.concat(body);
            try {
              write(
                req.method ?? "GET",
                req.url ?? "/",
                requestBody.toString("utf8"),
                answer.statusCode ?? 502,
                answer.statusMessage ?? "",
                answer.headers,
                text.toString("utf8"),
              );
            } catch (error) {
              process.stderr.write(`recorder: could not write an exchange (${error instanceof Error ? error.message : String(error)})\n`);
            }
            const out = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
            res.writeHead(answer.statusCode ?? 502, out);
            res.end(text);
          });
          answer.on("error", () => res.socket?.destroy());
        },
      );
      forward.on("error", () => res.socket?.destroy());
      forward.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    scenario: (name) => {
      scenario = name;
    },
    files: () => [...written, ...[...manifests.keys()].map((name) => `${name}/exchanges.json`)],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
