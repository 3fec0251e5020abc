import { createHash, randomBytes } from "node:crypto";
import type { DigestChallenge } from "./challenge";

/** RFC 7616 §3.4 response computation and Authorization header, for one request. */

export interface DigestSignInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** The request-target exactly as sent: path plus query string. */
  uri: string;
  /** Nonce count for this nonce, 1-based. */
  nc: number;
  /** Defaults to 16 random bytes, hex. */
  cnonce?: string;
}

export interface DigestSignature {
  authorization: string;
  /** The `response` value alone, so tests can assert it never leaks. */
  response: string;
}

function hashFor(algorithm: string | undefined): (data: string) => string {
  const base = (algorithm ?? "MD5").toUpperCase().replace(/-SESS$/, "");
  const nodeName = base === "MD5" ? "md5" : base === "SHA-256" ? "sha256" : base === "SHA-512-256" ? "sha512-256" : undefined;
  if (nodeName === undefined) throw new RangeError(`unsupported digest algorithm ${JSON.stringify(algorithm)}`);
  return (data) => createHash(nodeName).update(data, "utf8").digest("hex");
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

export function formatNonceCount(nc: number): string {
  if (!Number.isSafeInteger(nc) || nc < 1 || nc > 0xffffffff) throw new RangeError(`nonce count out of range (value=${nc})`);
  return nc.toString(16).padStart(8, "0");
}

export function signDigest(input: DigestSignInput): DigestSignature {
  const { challenge, username, password, method, uri } = input;
  const H = hashFor(challenge.algorithm);
  const session = /-sess$/i.test(challenge.algorithm ?? "");
  const cnonce = input.cnonce ?? randomBytes(16).toString("hex");
  const nc = formatNonceCount(input.nc);

  let ha1 = H(`${username}:${challenge.realm}:${password}`);
  if (session) ha1 = H(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = H(`${method.toUpperCase()}:${uri}`);
  const response =
    challenge.qop === "auth" ? H(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`) : H(`${ha1}:${challenge.nonce}:${ha2}`); // RFC 2069 compatibility: no qop offered

  const parts: string[] = [];
  if (challenge.userhash) {
    parts.push(`username=${quote(H(`${username}:${challenge.realm}`))}`);
  } else if (/^[\x20-\x7e]*$/.test(username)) {
    parts.push(`username=${quote(username)}`);
  } else {
    // RFC 7616 §3.4.4: a username that is not plain ASCII goes in username* (RFC 8187 encoding).
    parts.push(
      `username*=UTF-8''${encodeURIComponent(username).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
  }
  parts.push(`realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(uri)}`);
  if (challenge.algorithm !== undefined) parts.push(`algorithm=${challenge.algorithm}`);
  parts.push(`response=${quote(response)}`);
  if (challenge.qop === "auth") parts.push("qop=auth", `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  if (challenge.userhash) parts.push("userhash=true");
  return { authorization: `Digest ${parts.join(", ")}`, response };
}
