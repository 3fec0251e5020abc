/**
 * The OAuth token endpoint's limit: per client id, at most `perMinute` token requests in any
 * sliding minute (Atlas: 50, per Terraform's provider-configuration guide). Wall clock, not scaled.
 */
export class TokenRequestLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(
    public perMinute: number | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one request; returns the seconds to wait when it is over the limit, else undefined. */
  take(clientId: string): { retryAfterSeconds: number } | undefined {
    if (this.perMinute === null) return undefined;
    const now = this.now();
    const recent = (this.seen.get(clientId) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(clientId, recent);
      return { retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000)) };
    }
    recent.push(now);
    this.seen.set(clientId, recent);
    return undefined;
  }

  clear(): void {
    this.seen.clear();
  }
}
