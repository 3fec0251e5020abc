import type { Authenticator } from "../authenticator";
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

  async recover(response: HttpResponse): Promise<boolean> {
    const challenge = selectDigestChallenge(response.headers["www-authenticate"]);
    if (!challenge) return false;
    remember(this.cacheKey, challenge);
    return true;
  }
}
