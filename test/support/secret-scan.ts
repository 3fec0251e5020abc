import { readFileSync } from "node:fs";
import { inspect } from "node:util";

/**
 * The one secret scan of the test suites: every text a test collects (errors, log and progress
 * lines, provider results, CLI transcripts, state exports) is searched for the secrets of the run
 * and for shapes only credentials have. A finding names the secret by its label and the place it
 * was found, never by its value, so a failing test prints no secret either.
 */
export interface Scanned {
  where: string;
  text: string;
}

export interface Secret {
  label: string;
  value: string;
}

/** Shapes that only credentials have: a digest `response=`, an Authorization header, a bearer token. */
const CREDENTIAL_SHAPES: { label: string; pattern: RegExp }[] = [
  { label: "digest response=", pattern: /\bresponse="?[0-9a-f]{32,}/i },
  { label: "Authorization header", pattern: /authorization["']?\s*[:=]\s*["']?(digest|bearer|basic)\s/i },
  { label: "credentials after an auth scheme", pattern: /\bDigest\s+[\w*]+\s*=|\bBasic\s+[A-Za-z0-9+/]{12,}/ },
  { label: "bearer token", pattern: /bearer\s+[A-Za-z0-9._~+/-]{16,}/i },
  { label: "access_token field", pattern: /access_token["']?\s*[:=]/i },
];

/** An Authorization header or its parts; not the words "digest" or "token" in a progress line. */
export const AUTH_HEADER_TEXT = /authorization|\bDigest\s+\w+=|\bBearer\s+\S|\bBasic\s+\S/i;

/** Secrets shorter than this are too likely to occur by chance to be searched for. */
const MIN_SECRET_LENGTH = 6;

export function findLeaks(scanned: Scanned[], secrets: Secret[]): string[] {
  const findings: string[] = [];
  for (const { where, text } of scanned) {
    for (const { label, value } of secrets) {
      if (value.length >= MIN_SECRET_LENGTH && text.includes(value)) findings.push(`${label} in ${where}`);
    }
    for (const { label, pattern } of CREDENTIAL_SHAPES) if (pattern.test(text)) findings.push(`${label} in ${where}`);
  }
  return findings;
}

/** The files a stack's backend wrote (state, its history and backups), as texts to scan. */
export function filesToScan(paths: string[]): Scanned[] {
  return paths.map((path) => ({ where: path, text: readFileSync(path, "utf8") }));
}

/** The credentials the simulator's seed accepts: what state must never hold, named by kind. */
export function seedCredentials(seed: { apiKey: { privateKey: string }; serviceAccount: { clientSecret: string } }): Secret[] {
  return [
    { label: "API private key", value: seed.apiKey.privateKey },
    { label: "service account secret", value: seed.serviceAccount.clientSecret },
  ];
}

/** Every way a value or error could end up shown: JSON, String, stack, util.inspect (hidden fields and causes too). */
export function describeForScan(value: unknown): string[] {
  const error = value as Error | undefined;
  let json = "";
  try {
    json = JSON.stringify(value) ?? "";
  } catch {
    // circular: inspect below covers it
  }
  return [json, String(value), error?.stack ?? "", inspect(value, { depth: Infinity, showHidden: true })];
}

/**
 * Collects every error and log line a client test file produces, so its last test can assert
 * that no secret appears in any of them.
 */
export class SecretScan {
  private readonly texts: string[] = [];
  private readonly errors: unknown[] = [];
  readonly logLines: string[] = [];

  /** Pass as AtlasClientOptions.log. */
  readonly log = (line: string): void => {
    this.logLines.push(line);
    this.texts.push(line);
  };

  /** Awaits a promise expected to reject, records the error and returns it. */
  async rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      this.record(error);
      return error as Error;
    }
    throw new Error("expected the call to fail, but it succeeded");
  }

  record(error: unknown): void {
    this.errors.push(error);
    this.texts.push(...describeForScan(error));
  }

  get errorCount(): number {
    return this.errors.length;
  }

  /** Fails naming the kind of leak and where, without printing the secret itself. */
  expectClean(secrets: string[]): void {
    const scanned = this.texts.map((text, index) => ({ where: `text #${index}`, text }));
    const leaks = findLeaks(
      scanned,
      secrets.map((value, index) => ({ label: `secret #${index}`, value })),
    );
    for (const { where, text } of scanned) if (/authorization/i.test(text)) leaks.push(`${where} mentions an Authorization header`);
    for (const error of this.errors) {
      for (const key of ["config", "request", "response", "cause", "headers"]) {
        if (error !== null && typeof error === "object" && key in error) leaks.push(`an error carries a "${key}" property`);
      }
    }
    expect(leaks).toEqual([]);
  }
}
