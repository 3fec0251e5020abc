import type { Authenticator } from "../authenticator";
import type { TokenSource } from "./token-source";

/** Bearer tokens from a service account; a 401 drops the token and allows one more try with a fresh one. */
export class OAuthAuthenticator implements Authenticator {
  constructor(private readonly tokens: TokenSource) {}

  async authorize(): Promise<string> {
    return `Bearer ${await this.tokens.get()}`;
  }

  async recover(_response: unknown, sentAuthorization: string | undefined): Promise<boolean> {
    if (sentAuthorization?.startsWith("Bearer ")) this.tokens.invalidate(sentAuthorization.slice("Bearer ".length));
    return true;
  }
}
