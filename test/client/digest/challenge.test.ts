import { parseAuthChallenges, selectDigestChallenge } from "../../../provider/client/digest/challenge";

describe("parseAuthChallenges", () => {
  it("reads Atlas's digest challenge, quoted and unquoted values alike", () => {
    const [challenge] = parseAuthChallenges(
      'Digest realm="MMS Public API", domain="", nonce="abc/def+123==", algorithm=MD5, qop="auth", stale=false',
    );
    expect(challenge).toEqual({
      scheme: "digest",
      params: { realm: "MMS Public API", domain: "", nonce: "abc/def+123==", algorithm: "MD5", qop: "auth", stale: "false" },
    });
  });

  it("keeps commas, equals signs and escaped quotes inside quoted values", () => {
    const [challenge] = parseAuthChallenges('Digest realm="a, b=c \\"d\\"", nonce="n,=1", opaque="x\\\\y"');
    expect(challenge?.params).toEqual({ realm: 'a, b=c "d"', nonce: "n,=1", opaque: "x\\y" });
  });

  it("separates several challenges in one header (RFC 7235 example)", () => {
    const challenges = parseAuthChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"');
    expect(challenges).toEqual([
      { scheme: "newauth", params: { realm: "apps", type: "1", title: 'Login to "apps"' } },
      { scheme: "basic", params: { realm: "simple" } },
    ]);
  });

  it("reads token68 credentials and bare schemes", () => {
    expect(parseAuthChallenges("Negotiate abc+/de==, Bearer, Digest nonce=x")).toEqual([
      { scheme: "negotiate", params: {}, token68: "abc+/de==" },
      { scheme: "bearer", params: {} },
      { scheme: "digest", params: { nonce: "x" } },
    ]);
  });

  it("lower-cases scheme and parameter names but not values", () => {
    expect(parseAuthChallenges('DIGEST Realm="R", NONCE="N"')).toEqual([{ scheme: "digest", params: { realm: "R", nonce: "N" } }]);
  });

  it("tolerates optional whitespace around '=' and empty list elements", () => {
    expect(parseAuthChallenges('Digest realm = "r" ,, nonce= n ,')).toEqual([{ scheme: "digest", params: { realm: "r", nonce: "n" } }]);
  });

  it("rejects an unterminated quoted string", () => {
    expect(() => parseAuthChallenges('Digest realm="r, nonce=n')).toThrow(SyntaxError);
  });
});

describe("selectDigestChallenge", () => {
  it("picks the first digest challenge with a supported algorithm and qop=auth", () => {
    const selected = selectDigestChallenge(
      'Bearer realm="x", Digest realm="r", nonce="n1", algorithm=SHA-512, qop="auth", ' +
        'Digest realm="r", nonce="n2", algorithm=SHA-256, qop="auth,auth-int", opaque="o", stale=TRUE',
    );
    expect(selected).toEqual({ realm: "r", nonce: "n2", algorithm: "SHA-256", qop: "auth", opaque: "o", stale: true, userhash: false });
  });

  it("skips a challenge that offers only auth-int", () => {
    expect(selectDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toBeUndefined();
  });

  it("accepts a challenge without qop (RFC 2069 compatibility)", () => {
    expect(selectDigestChallenge('Digest realm="r", nonce="n"')).toMatchObject({ qop: undefined, algorithm: undefined });
  });

  it("returns undefined for a missing, malformed or non-digest header", () => {
    expect(selectDigestChallenge(undefined)).toBeUndefined();
    expect(selectDigestChallenge('Digest realm="r, nonce=n')).toBeUndefined();
    expect(selectDigestChallenge('Bearer error="invalid_token"')).toBeUndefined();
    expect(selectDigestChallenge('Digest realm="r"')).toBeUndefined();
  });
});
