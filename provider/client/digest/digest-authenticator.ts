import type { Authenticator, RetryAuthorization } from "../authenticator";
import type { HttpResponse } from "../transport";
import { selectDigestChallenge } from "./challenge";
import { challengeCacheKey, nextUse, remember } from "./challenge-cache";
import { signDigest } from "./sign";

/** HTTP Digest with a programmatic API key; the private key lives only in this instance. */
export class DigestAuthenticator implements Authenticator {
  private readonly cacheKey: string;

  constructor(
    baseUrl: string,
    private readonly publicKey: string,
    private readonly privateKey: string,
  ) {
    this.cacheKey = challengeCacheKey(baseUrl, publicKey);
  }

  async authorize(method: string, uri: string): Promise<string | undefined> {
    const use = nextUse(this.cacheKey);
    if (!use) return undefined;
    return signDigest({ challenge: use.challenge, nc: use.nc, username: this.publicKey, password: this.privateKey, method, uri })
      .authorization;
  }

  /**
   * The retry signs with the challenge its own 401 brought, at nc=1, and shares it for reuse only
   * after that answer: shared at once, concurrent requests would take nc 2, 3, ... on the same
   * nonce, and whichever reached Atlas first would make the others look like replays.
   */
  async recover(response: HttpResponse, _sent: string | undefined, method: string, uri: string): Promise<boolean | RetryAuthorization> {
    const challenge = selectDigestChallenge(response.headers["www-authenticate"]);
    if (!challenge) return false;
    const { authorization } = signDigest({ challenge, nc: 1, username: this.publicKey, password: this.privateKey, method, uri });
    return { authorization, answered: () => remember(this.cacheKey, challenge, 1) };
  }
}
