import type { RetryAuthorization } from "../../../provider/client/authenticator";
import { challengeCacheKey, clearDigestChallenges, nextUse, remember } from "../../../provider/client/digest/challenge-cache";
import { DigestAuthenticator } from "../../../provider/client/digest/digest-authenticator";

const baseUrl = "https://cloud.mongodb.com";
const unauthorized = (nonce: string) => ({
  status: 401,
  headers: { "www-authenticate": `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=true` },
  bodyText: "",
});

describe("digest retry after a 401", () => {
  beforeEach(() => clearDigestChallenges());

  it("signs the retry with the 401's own nonce at nc=1 and shares that nonce only after the retry is answered", async () => {
    const key = challengeCacheKey(baseUrl, "pub");
    remember(key, { realm: "MMS Public API", nonce: "old", algorithm: "MD5", qop: "auth", stale: false, userhash: false });
    const auth = new DigestAuthenticator(baseUrl, "pub", "secret-key");

    const retry = (await auth.recover(unauthorized("fresh"), undefined, "GET", "/api/atlas/v2/groups/x")) as RetryAuthorization;
    expect(retry.authorization).toMatch(/nonce="fresh"/);
    expect(retry.authorization).toMatch(/nc=00000001/);
    // Concurrent requests meanwhile keep the shared nonce: none of them can overtake the retry's nc=1.
    expect(nextUse(key)?.challenge.nonce).toBe("old");

    retry.answered();
    expect(nextUse(key)).toMatchObject({ nc: 2, challenge: { nonce: "fresh" } });
  });

  it("gives up when the 401 carries no digest challenge", async () => {
    const auth = new DigestAuthenticator(baseUrl, "pub", "secret-key");
    await expect(auth.recover({ status: 401, headers: {}, bodyText: "" }, undefined, "GET", "/x")).resolves.toBe(false);
  });
});
