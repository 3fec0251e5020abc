import type { DigestChallenge } from "./challenge";

/**
 * Digest challenges by base URL + public key, shared by every client in the process so a nonce is
 * reused with an increasing nc (one round trip per call instead of two) even when callers build a
 * client per operation. Holds no secret: a nonce is useless without the private key. Keyed by the
 * public key so one key's nc sequence is never mixed with another's.
 */

interface Entry {
  challenge: DigestChallenge;
  lastNc: number;
}

const entries = new Map<string, Entry>();

/** nc is 8 hex digits; renew by challenge long before that. */
const MAX_NC = 0xffffffff;

export function challengeCacheKey(baseUrl: string, publicKey: string): string {
  return `${baseUrl}\n${publicKey}`;
}

/** The cached challenge with the next nc, or undefined when none is known. */
export function nextUse(key: string): { challenge: DigestChallenge; nc: number } | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.lastNc >= MAX_NC) {
    // nc exhausted: go without, and the 401 brings a fresh challenge.
    entries.delete(key);
    return undefined;
  }
  entry.lastNc += 1;
  return { challenge: entry.challenge, nc: entry.lastNc };
}

/** Shares a challenge whose nc values up to `usedNc` were already sent. */
export function remember(key: string, challenge: DigestChallenge, usedNc = 0): void {
  const current = entries.get(key);
  // Concurrent 401s may carry the same nonce: keep its counter rather than replaying an nc.
  if (current && current.challenge.nonce === challenge.nonce) {
    current.challenge = challenge;
    current.lastNc = Math.max(current.lastNc, usedNc);
    return;
  }
  entries.set(key, { challenge, lastNc: usedNc });
}

/** For tests: forget every challenge. */
export function clearDigestChallenges(): void {
  entries.clear();
}
