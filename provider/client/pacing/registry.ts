import { createHash } from "node:crypto";
import type { AtlasCredentials } from "../types";
import { type Clock, realClock } from "../../vocabulary/time";
import { Pacer, type PacerSettings } from "./pacer";

/**
 * One pacer per Atlas base URL and credential in this process: the provider host runs every
 * resource of a `pulumi up`, so this is where their requests can share one view of Atlas's rate
 * limit. Keyed by a hash of the credential's public identity (API public key or client id),
 * never the secret half, and never kept on anything that is serialized. And by clock: a pacer
 * times turns on one clock, so clients on another (a test's fake one) never share it.
 */
let pacers = new WeakMap<Clock, Map<string, Pacer>>();

/**
 * Which Atlas and whose view of it: the base URL and a hash of the credential's public identity,
 * never the secret half. Requests under one key may share a pacer, and reads may share answers.
 */
export function atlasIdentityKey(baseUrl: string, credentials: AtlasCredentials): string {
  const identity = credentials.kind === "apiKey" ? `apiKey:${credentials.publicKey}` : `serviceAccount:${credentials.clientId}`;
  return `${baseUrl} ${createHash("sha256").update(identity).digest("hex")}`;
}

export function pacerFor(
  baseUrl: string,
  credentials: AtlasCredentials,
  log: (line: string) => void,
  settings?: Partial<PacerSettings>,
  /** The client's clock (a test's fake one); the real clock otherwise. */
  clock: Clock = realClock,
): Pacer {
  const key = atlasIdentityKey(baseUrl, credentials);
  let onClock = pacers.get(clock);
  if (!onClock) {
    onClock = new Map();
    pacers.set(clock, onClock);
  }
  let pacer = onClock.get(key);
  if (!pacer) {
    pacer = new Pacer({ name: new URL(baseUrl).host, clock, log, ...(settings ? { settings } : {}) });
    onClock.set(key, pacer);
  }
  return pacer;
}

/** Tests: forget every pacer, so one test's refusals do not slow the next. */
export function resetPacers(): void {
  pacers = new WeakMap();
}
