import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { contractDataPresent, contractPath } from "../../support/contract-data";

/** The real Atlas recordings, under the contract folder (test/support/contract-data.ts). */
const RECORDINGS = "atlas-recordings";
export const RECORDINGS_DIR = contractPath(RECORDINGS);

/** False (said once) on a machine without the contract data; throws under CI. */
export function recordingsAvailable(): boolean {
  return contractDataPresent(RECORDINGS, "conformance checks against the Atlas recordings");
}

export type Recording = {
  /** Path under the recordings folder, e.g. `errors/Invalid_Public_Key__POST_...snaphost`. */
  file: string;
  status: number;
  /** Header names lower-cased; values as recorded. */
  headers: Map<string, string>;
  text: string;
};

/** A `.snaphost` file: the status line, headers, a blank line, the body. */
export function parseRecording(file: string, content: string): Recording {
  const [head, ...rest] = content.split(/\r?\n\r?\n/);
  const [statusLine, ...headerLines] = head!.split(/\r?\n/);
  const status = Number(/^HTTP\/\S+\s+(\d{3})/.exec(statusLine!)?.[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { file, status, headers, text: rest.join("\n\n").replace(/\r?\n$/, "") };
}

export function loadRecordings(): Recording[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".snaphost")) files.push(path);
    }
  };
  walk(RECORDINGS_DIR);
  return files.sort().map((path) => parseRecording(relative(RECORDINGS_DIR, path), readFileSync(path, "utf8")));
}

/** Headers of Atlas's hosting (proxy, JVM, security policy) or of the transport, not of the API's dialect. */
const INFRASTRUCTURE_HEADERS = new Set([
  "connection",
  "content-length",
  "date",
  "keep-alive",
  "location",
  "referrer-policy",
  "server",
  "strict-transport-security",
  "vary",
  "x-content-type-options",
  "x-envoy-upstream-service-time",
  "x-frame-options",
  "x-java-method",
  "x-java-version",
  "x-mongodb-service-version",
  "x-permitted-cross-domain-policies",
]);

export function apiHeaderNames(names: Iterable<string>): string[] {
  // x-simulator-*: the simulator's own markers (a varied dialect, an injected fault), never Atlas's.
  return [...new Set([...names].map((name) => name.toLowerCase()))]
    .filter((name) => !INFRASTRUCTURE_HEADERS.has(name) && !name.startsWith("x-simulator-"))
    .sort();
}

type Kind = "null" | "array" | "object" | "string" | "number" | "boolean";
const kindOf = (value: unknown): Kind =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : (typeof value as Kind);

/**
 * The body's shape: every key path (array items as `[]`, merged) with the kind of its value,
 * so a key sent as null, a missing key, or a parameter sent as an object instead of a plain
 * value all show; values, ids and dates do not.
 */
export function bodyShape(value: unknown, path = "$", into = new Map<string, Set<Kind>>()): Map<string, Set<Kind>> {
  const kinds = into.get(path) ?? new Set<Kind>();
  kinds.add(kindOf(value));
  into.set(path, kinds);
  if (Array.isArray(value)) for (const item of value) bodyShape(item, `${path}[]`, into);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) bodyShape(item, `${path}.${key}`, into);
  return into;
}

export function describeShape(shape: Map<string, Set<Kind>>): string[] {
  return [...shape.entries()].map(([path, kinds]) => `${path}: ${[...kinds].sort().join("|")}`).sort();
}

export type Observed = { status: number; headers: Headers; text: string };

/** Every way the simulator's answer differs from the recording in status, content type, header names and body shape. */
export function differences(recording: Recording, observed: Observed): string[] {
  const problems: string[] = [];
  if (observed.status !== recording.status) problems.push(`status ${observed.status}, recorded ${recording.status}`);
  const recordedType = recording.headers.get("content-type") ?? null;
  if (observed.headers.get("content-type") !== recordedType)
    problems.push(`content-type ${observed.headers.get("content-type")}, recorded ${recordedType}`);
  const recordedNames = apiHeaderNames(recording.headers.keys());
  const observedNames = apiHeaderNames(observed.headers.keys());
  if (JSON.stringify(observedNames) !== JSON.stringify(recordedNames))
    problems.push(`header names [${observedNames}], recorded [${recordedNames}]`);
  // A 204 (an endpoint delete) has no body to compare but its absence.
  if (recording.text.trim() === "") {
    if (observed.text.trim() !== "") problems.push(`body ${observed.text.slice(0, 80)}, recorded none`);
    return problems;
  }
  const recordedBody = JSON.parse(recording.text);
  let observedBody: unknown;
  try {
    observedBody = JSON.parse(observed.text);
  } catch {
    return [...problems, `body is not JSON: ${observed.text.slice(0, 80)}`];
  }
  const recordedShape = describeShape(bodyShape(recordedBody));
  const observedShape = describeShape(bodyShape(observedBody));
  const missing = recordedShape.filter((line) => !observedShape.includes(line));
  const extra = observedShape.filter((line) => !recordedShape.includes(line));
  if (missing.length + extra.length > 0) problems.push(`body shape: missing [${missing.join(", ")}], not recorded [${extra.join(", ")}]`);
  // Pretty-printing is part of the recorded 401 (Jackson's `"key" : value`).
  const pretty = (text: string) => /^\{\n {2}"[^"]+" : /.test(text);
  if (pretty(recording.text) !== pretty(observed.text))
    problems.push(`pretty-printed ${pretty(observed.text)}, recorded ${pretty(recording.text)}`);
  if (recording.status >= 400) {
    const errorCode = (observedBody as { errorCode?: unknown }).errorCode;
    const header = observed.headers.get("x-error-code");
    if (recording.headers.has("x-error-code") && header !== errorCode)
      problems.push(`X-Error-Code ${header} differs from errorCode ${String(errorCode)}`);
  }
  return problems;
}
