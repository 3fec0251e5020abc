import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { RunningSimulator } from "../../../simulator";
import type { SimulatorOptions } from "../../../simulator/options";
import type { Manifest } from "../../../scripts/atlas-lane/recorder";
import { AtlasTestClient, type AtlasResponse } from "./atlas-client";
import { differences, parseRecording, type Recording } from "./recordings";

/**
 * Replays a lane recording (`npm run test:atlas -- --record DIR`: `.snaphost` answers plus an
 * `exchanges.json` per scenario folder) against a fresh simulator, request by request, and says how
 * each answer differs from the recorded one (recordings.ts `differences`: status, content type,
 * header names, body shape).
 *
 * The recording masked the project and every Atlas id into placeholders; the replay binds the
 * project's to the simulator's project, an id Atlas assigned during the run to the id the simulator
 * assigns at the same place in its answer, and creates beforehand the services the run found already
 * there. Polls are replayed as polls: a recorded GET is repeated until the simulator answers with the
 * recorded HTTP status and resource status (a status the simulator passed through between two polls
 * of the recording's is skipped, as a real client's poll can miss one too). Token requests and 401
 * digest challenges are the authentication handshake, covered by the other conformance tests.
 */

/** How the replaying simulator runs: the lane's made-up AWS ids exist nowhere, as in real Atlas. */
export const REPLAY_SIMULATOR: SimulatorOptions = {
  port: 0,
  timeScale: 1,
  missingIdPatterns: { AWS: /^vpce-0a71a5/ },
  delays: { awsPendingAcceptanceMs: 1500, awsPendingMs: 1500, endpointServiceInitiatingMs: 300, deletingMs: 300 },
};

/** Env: more folders (path-separated) of lane recordings to replay, beside the shared ones. */
export const EXTRA_RECORDINGS_ENV = "ATLAS_EXTRA_RECORDINGS_DIR";

/** Every folder holding an exchanges.json below the given roots. */
export function manifestFolders(roots: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    if (existsSync(join(dir, "exchanges.json"))) found.push(dir);
    for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) walk(join(dir, name));
  };
  for (const root of roots) walk(root);
  return found.sort();
}

export function extraRecordingRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[EXTRA_RECORDINGS_ENV] ?? "").split(":").filter((dir) => dir.trim() !== "");
}

export interface ReplayReport {
  folder: string;
  replayed: number;
  /** Handshake exchanges and polls the simulator passed between two recorded polls. */
  skipped: number;
  /** `file: difference`, empty when the simulator answered everything as recorded. */
  differences: string[];
}

const PLACEHOLDER = /\b[0-9a-f]{24}\b/g;
const STATUS_FIELDS = ["status", "connectionStatus"] as const;

function resourceStatus(body: unknown): string | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  for (const field of STATUS_FIELDS) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === "string") return value;
  }
  return undefined;
}

const stateOf = (status: number, body: unknown) => `${status} ${resourceStatus(body) ?? ""}`;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Binds placeholders in the recorded body to the values at the same places in the observed one. */
function bind(recorded: unknown, observed: unknown, bindings: Map<string, string>): void {
  if (typeof recorded === "string" && typeof observed === "string") {
    if (/^[0-9a-f]{24}$/.test(recorded) && !bindings.has(recorded)) bindings.set(recorded, observed);
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(observed)) {
    for (const [index, item] of recorded.entries()) bind(item, observed[index], bindings);
    return;
  }
  if (recorded && observed && typeof recorded === "object" && typeof observed === "object") {
    for (const [key, value] of Object.entries(recorded)) bind(value, (observed as Record<string, unknown>)[key], bindings);
  }
}

const substitute = (text: string, bindings: Map<string, string>) => text.replace(PLACEHOLDER, (id) => bindings.get(id) ?? id);

export async function replayFolder(
  folder: string,
  sim: RunningSimulator,
  options: { pollMs?: number; pollTimeoutMs?: number } = {},
): Promise<ReplayReport> {
  const manifest = JSON.parse(readFileSync(join(folder, "exchanges.json"), "utf8")) as Manifest;
  const recordings = new Map<string, Recording>(
    manifest.exchanges.map((exchange) => [exchange.file, parseRecording(exchange.file, readFileSync(join(folder, exchange.file), "utf8"))]),
  );
  const client = new AtlasTestClient(sim.baseUrl, { kind: "digest", ...sim.seed.apiKey });
  const bindings = new Map<string, string>([[manifest.groupId, sim.seed.groupId]]);
  const report: ReplayReport = { folder, replayed: 0, skipped: 0, differences: [] };
  const pollMs = options.pollMs ?? 20;
  const pollTimeoutMs = options.pollTimeoutMs ?? 15_000;
  const api = manifest.exchanges.filter((exchange) => exchange.target.startsWith("/api/atlas/") && exchange.status !== 401);
  report.skipped += manifest.exchanges.length - api.length;

  // Services the run found in the project: created first, in the recorded region, and bound.
  const produced = new Set<string>();
  for (const exchange of api) {
    // Only the created object's own id: an error's parameters name existing ids too.
    const id =
      exchange.method === "POST" ? (parseBody(recordings.get(exchange.file)!.text) as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === "string") produced.add(id);
  }
  for (const exchange of api) {
    for (const id of exchange.target.match(PLACEHOLDER) ?? []) {
      if (bindings.has(id) || produced.has(id)) continue;
      const described = [...recordings.values(), ...siblingRecordings(folder)]
        .flatMap((recording) => {
          const body = parseBody(recording.text);
          return Array.isArray(body) ? body : [body];
        })
        .find((body) => (body as { id?: unknown } | undefined)?.id === id) as { cloudProvider?: string; regionName?: string } | undefined;
      if (!described?.cloudProvider || !described.regionName) {
        report.differences.push(`${exchange.file}: id ${id} is neither created during the run nor described by a recorded answer`);
        bindings.set(id, id);
        continue;
      }
      const created = await client.post(`/api/atlas/v2/groups/${sim.seed.groupId}/privateEndpoint/endpointService`, {
        providerName: described.cloudProvider,
        region: described.regionName,
      });
      bindings.set(id, created.body.id);
      const path = `/api/atlas/v2/groups/${sim.seed.groupId}/privateEndpoint/${described.cloudProvider}/endpointService/${created.body.id}`;
      const until = Date.now() + pollTimeoutMs;
      while ((await client.get(path)).body?.status !== "AVAILABLE" && Date.now() < until) await sleep(pollMs);
    }
  }

  for (const [index, exchange] of api.entries()) {
    const recording = recordings.get(exchange.file)!;
    const recordedBody = parseBody(recording.text);
    const target = substitute(exchange.target, bindings);
    const body = exchange.body === undefined ? undefined : JSON.parse(substitute(JSON.stringify(exchange.body), bindings));
    const send = () => client.request(exchange.method, target, body === undefined ? {} : { body });
    let observed: AtlasResponse = await send();
    if (exchange.method === "GET") {
      const wanted = stateOf(recording.status, recordedBody);
      const later = new Set(
        api
          .slice(index + 1)
          .filter((next) => next.method === "GET" && next.target === exchange.target)
          .map((next) => {
            const r = recordings.get(next.file)!;
            return stateOf(r.status, parseBody(r.text));
          }),
      );
      const until = Date.now() + pollTimeoutMs;
      let state = stateOf(observed.status, observed.body);
      while (state !== wanted && !later.has(state) && Date.now() < until) {
        await sleep(pollMs);
        observed = await send();
        state = stateOf(observed.status, observed.body);
      }
      if (state !== wanted && later.has(state)) {
        report.skipped++;
        continue;
      }
      if (state !== wanted) {
        report.differences.push(
          `${exchange.file}: answered "${state.trim()}" for ${Math.round(pollTimeoutMs / 1000)} s, recorded "${wanted.trim()}"`,
        );
        continue;
      }
    }
    report.replayed++;
    for (const difference of differences(recording, observed)) report.differences.push(`${exchange.file}: ${difference}`);
    bind(recordedBody, observed.body, bindings);
  }
  return report;
}

/** The answers recorded in the other scenario folders of the same run: where a service the run set up is described. */
function siblingRecordings(folder: string): Recording[] {
  const parent = dirname(folder);
  return readdirSync(parent)
    .map((name) => join(parent, name))
    .filter((dir) => dir !== folder && statSync(dir).isDirectory())
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".snaphost"))
        .map((name) => parseRecording(name, readFileSync(join(dir, name), "utf8"))),
    );
}

/** The folder's name under the root it was found in, for test titles. */
export function folderLabel(folder: string, roots: string[]): string {
  const root = roots.find((candidate) => folder.startsWith(candidate));
  return root ? relative(root, folder) || "." : folder;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
