import { createHash, randomBytes } from "node:crypto";

/** A tiny RFC 7616 (MD5, qop=auth) signer for tests; the real client lives in provider/client. */
export type DigestChallenge = { realm: string; nonce: string; qop: string; algorithm: string; stale: boolean };

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

export function parseChallenge(header: string | null): DigestChallenge | undefined {
  if (!header || !/^Digest\s/i.test(header)) return undefined;
  const values = new Map<string, string>();
  for (const match of header.slice(7).matchAll(/([a-zA-Z]+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    values.set(match[1]!.toLowerCase(), match[2] ?? match[3]!);
  }
  return {
    realm: values.get("realm") ?? "",
    nonce: values.get("nonce") ?? "",
    qop: values.get("qop") ?? "",
    algorithm: values.get("algorithm") ?? "MD5",
    stale: values.get("stale") === "true",
  };
}

export type DigestFields = { username: string; uri: string; nc: number; cnonce?: string };

/** Builds the Authorization header; `uri` is whatever the caller wants signed (tests vary it on purpose). */
export function digestAuthorization(method: string, challenge: DigestChallenge, password: string, fields: DigestFields): string {
  const nc = fields.nc.toString(16).padStart(8, "0");
  const cnonce = fields.cnonce ?? randomBytes(8).toString("hex");
  const ha1 = md5(`${fields.username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${fields.uri}`);
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${fields.username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${fields.uri}", ` +
    `algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}
