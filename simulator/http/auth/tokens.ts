import { randomToken } from "../../model/ids";

export type ServiceAccount = { clientSecret: string; readOnly: boolean };
type IssuedToken = { clientId: string; readOnly: boolean; expiresAt: number };

/** OAuth 2 client-credentials tokens for service accounts; tokens are opaque and expire. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly accounts: Map<string, ServiceAccount>,
    private readonly ttlSeconds: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  authenticates(clientId: string, clientSecret: string): boolean {
    return this.accounts.get(clientId)?.clientSecret === clientSecret;
  }

  /** Returns undefined when the client id or secret is wrong. */
  issue(clientId: string, clientSecret: string): { accessToken: string; expiresIn: number } | undefined {
    const account = this.accounts.get(clientId);
    if (!account || !this.authenticates(clientId, clientSecret)) return undefined;
    const expiresIn = this.ttlSeconds();
    const accessToken = randomToken(32);
    this.tokens.set(accessToken, { clientId, readOnly: account.readOnly, expiresAt: this.now() + expiresIn * 1000 });
    return { accessToken, expiresIn };
  }

  lookup(token: string): { clientId: string; readOnly: boolean } | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (this.now() >= issued.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }
}
