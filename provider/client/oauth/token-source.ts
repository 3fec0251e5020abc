import { createHash } from "node:crypto";

/**
 * OAuth access tokens for a service account, cached per base URL + client id (+ a hash of the
 * secret, so a client with a wrong or rotated secret never borrows a token it could not get
 * itself). Shared by every client in the process: host/connection.ts builds a client per
 * operation, and a token fetch per operation would double its round trips.
 */

export interface AccessToken {
  value: string;
  /** performance.now() time after which it is not used any more. */
  refreshAtMs: number;
}

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface Entry {
  token?: AccessToken;
  inFlight?: Promise<AccessToken>;
}

const entries = new Map<string, Entry>();

/** Refresh this long before expiry (but at most a tenth of the lifetime, for short-lived tokens). */
export const REFRESH_MARGIN_MS = 60_000;

export function refreshAt(fetchedAtMs: number, expiresInSeconds: number): number {
  const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
  return fetchedAtMs + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
}

export class TokenSource {
  private readonly key: string;

  constructor(
    baseUrl: string,
    clientId: string,
    clientSecret: string,
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = () => performance.now(),
  ) {
    const secretHash = createHash("sha256").update(clientSecret, "utf8").digest("hex");
    this.key = `${baseUrl}\n${clientId}\n${secretHash}`;
  }

  /** A token valid for a while yet; concurrent callers share one fetch. */
  async get(): Promise<string> {
    const entry = this.entry();
    if (entry.token && this.now() < entry.token.refreshAtMs) return entry.token.value;
    return (await this.fetchShared(entry)).value;
  }

  /** Drops `rejected` (a 401 answered it) unless a newer token already replaced it. */
  invalidate(rejected: string): void {
    const entry = this.entry();
    if (entry.token?.value === rejected) entry.token = undefined;
  }

  private entry(): Entry {
    let entry = entries.get(this.key);
    if (!entry) {
      entry = {};
      entries.set(this.key, entry);
    }
    return entry;
  }

  private fetchShared(entry: Entry): Promise<AccessToken> {
    if (!entry.inFlight) {
      const fetchedAt = this.now();
      entry.inFlight = this.fetchToken()
        .then(({ accessToken, expiresInSeconds }) => {
          const token = { value: accessToken, refreshAtMs: refreshAt(fetchedAt, expiresInSeconds) };
          entry.token = token;
          return token;
        })
        .finally(() => {
          entry.inFlight = undefined;
        });
    }
    return entry.inFlight;
  }
}

/** For tests: forget every token. */
export function clearTokenCache(): void {
  entries.clear();
}
