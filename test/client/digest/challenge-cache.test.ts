import type { DigestChallenge } from "../../../provider/client/digest/challenge";
import { challengeCacheKey, clearDigestChallenges, nextUse, remember } from "../../../provider/client/digest/challenge-cache";

const challenge = (nonce: string): DigestChallenge => ({
  realm: "MMS Public API",
  nonce,
  algorithm: "MD5",
  qop: "auth",
  stale: false,
  userhash: false,
});

describe("digest challenge cache", () => {
  beforeEach(() => clearDigestChallenges());

  it("hands out the cached nonce with nc 1, 2, 3, ...", () => {
    const key = challengeCacheKey("https://cloud.mongodb.com", "pub");
    expect(nextUse(key)).toBeUndefined();
    remember(key, challenge("n1"));
    expect([nextUse(key), nextUse(key), nextUse(key)].map((use) => `${use?.challenge.nonce}:${use?.nc}`)).toEqual(["n1:1", "n1:2", "n1:3"]);
  });

  it("restarts nc at 1 for a new nonce, but keeps counting when the same nonce is remembered again", () => {
    const key = challengeCacheKey("https://cloud.mongodb.com", "pub");
    remember(key, challenge("n1"));
    nextUse(key);
    nextUse(key);
    remember(key, challenge("n1"));
    expect(nextUse(key)?.nc).toBe(3);
    remember(key, challenge("n2"));
    expect(nextUse(key)).toMatchObject({ nc: 1, challenge: { nonce: "n2" } });
  });

  it("keeps base URLs and public keys apart", () => {
    remember(challengeCacheKey("https://cloud.mongodb.com", "pub"), challenge("n1"));
    expect(nextUse(challengeCacheKey("https://cloud.mongodbgov.com", "pub"))).toBeUndefined();
    expect(nextUse(challengeCacheKey("https://cloud.mongodb.com", "other"))).toBeUndefined();
  });
});
