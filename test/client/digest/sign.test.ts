import { parseAuthChallenges } from "../../../provider/client/digest/challenge";
import { formatNonceCount, signDigest } from "../../../provider/client/digest/sign";

/** An Authorization header has the same syntax as a challenge: scheme plus auth-params. */
function fields(authorization: string): Record<string, string> {
  const [credentials, ...rest] = parseAuthChallenges(authorization);
  expect(credentials?.scheme).toBe("digest");
  expect(rest).toEqual([]);
  return credentials!.params;
}

describe("signDigest", () => {
  // RFC 7616 §3.9.1
  const rfc7616 = {
    realm: "http-auth@example.org",
    nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
    opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
    qop: "auth" as const,
    stale: false,
    userhash: false,
  };
  const request = {
    username: "Mufasa",
    password: "Circle of Life",
    method: "GET",
    uri: "/dir/index.html",
    nc: 1,
    cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  };

  it("matches the RFC 7616 MD5 example", () => {
    const { response, authorization } = signDigest({ ...request, challenge: { ...rfc7616, algorithm: "MD5" } });
    expect(response).toBe("8ca523f5e9506fed4657c9700eebdbec");
    expect(fields(authorization)).toEqual({
      username: "Mufasa",
      realm: "http-auth@example.org",
      uri: "/dir/index.html",
      algorithm: "MD5",
      nonce: rfc7616.nonce,
      nc: "00000001",
      cnonce: request.cnonce,
      qop: "auth",
      response: "8ca523f5e9506fed4657c9700eebdbec",
      opaque: rfc7616.opaque,
    });
  });

  it("matches the RFC 7616 SHA-256 example", () => {
    const { response } = signDigest({ ...request, challenge: { ...rfc7616, algorithm: "SHA-256" } });
    expect(response).toBe("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  });

  it("matches the RFC 2617 example (MD5 without an algorithm parameter)", () => {
    const { response, authorization } = signDigest({
      challenge: {
        realm: "testrealm@host.com",
        nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        opaque: "5ccc069c403ebaf9f0171e9517f40e41",
        qop: "auth",
        stale: false,
        userhash: false,
      },
      username: "Mufasa",
      password: "Circle Of Life",
      method: "GET",
      uri: "/dir/index.html",
      nc: 1,
      cnonce: "0a4f113b",
    });
    expect(response).toBe("6629fae49393a05397450978507c4ef1");
    expect(authorization).not.toMatch(/algorithm=/);
  });

  // The RFC's printed username hash and response for this example are wrong (SHA-512/256 from an
  // early draft); erratum 4897 gives the values of its inputs.
  it("matches the RFC 7616 SHA-512-256 userhash example as corrected by erratum 4897", () => {
    const { authorization, response } = signDigest({
      challenge: {
        realm: "api@example.org",
        nonce: "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
        algorithm: "SHA-512-256",
        qop: "auth",
        stale: false,
        userhash: true,
      },
      username: "J\u00e4s\u00f8n Doe",
      password: "Secret, or not?",
      method: "GET",
      uri: "/doe.json",
      nc: 1,
      cnonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
    });
    expect(response).toBe("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
    expect(fields(authorization)).toMatchObject({
      username: "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b",
      userhash: "true",
    });
  });

  it("signs the uri it is given, query string included", () => {
    const base = { ...request, challenge: { ...rfc7616, algorithm: "MD5" } };
    const withQuery = signDigest({ ...base, uri: "/dir/index.html?envelope=true" });
    expect(withQuery.response).not.toBe(signDigest(base).response);
    expect(fields(withQuery.authorization).uri).toBe("/dir/index.html?envelope=true");
  });

  it("changes the response with nc and cnonce, so a reused nonce never repeats a signature", () => {
    const base = { ...request, challenge: { ...rfc7616, algorithm: "MD5" } };
    const first = signDigest(base).response;
    expect(signDigest({ ...base, nc: 2 }).response).not.toBe(first);
    expect(signDigest({ ...base, cnonce: undefined }).response).not.toBe(signDigest({ ...base, cnonce: undefined }).response);
  });

  it("computes -sess variants from the session key", () => {
    const sess = signDigest({ ...request, challenge: { ...rfc7616, algorithm: "MD5-sess" } });
    expect(sess.response).toMatch(/^[0-9a-f]{32}$/);
    expect(sess.response).not.toBe("8ca523f5e9506fed4657c9700eebdbec");
    expect(fields(sess.authorization).algorithm).toBe("MD5-sess");
  });

  it("escapes quotes in quoted values and sends a non-ASCII username as username*", () => {
    const { authorization } = signDigest({
      ...request,
      username: "J\u00e4s\u00f8n",
      challenge: { ...rfc7616, realm: 'a"b', algorithm: "MD5" },
    });
    expect(authorization).toContain('realm="a\\"b"');
    expect(authorization).toContain("username*=UTF-8''J%C3%A4s%C3%B8n");
  });
});

describe("formatNonceCount", () => {
  it("writes nc as 8 lower-case hex digits", () => {
    expect(formatNonceCount(1)).toBe("00000001");
    expect(formatNonceCount(255)).toBe("000000ff");
  });

  it("rejects counts outside 1..2^32-1", () => {
    expect(() => formatNonceCount(0)).toThrow(RangeError);
    expect(() => formatNonceCount(2 ** 32)).toThrow(RangeError);
  });
});
