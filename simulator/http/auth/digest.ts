import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const DIGEST_REALM = "MMS Public API";

export type DigestCredential = { privateKey: string; readOnly: boolean };

export type DigestOutcome =
  | { ok: true; publicKey: string; readOnly: boolean }
  /** `stale` = the digest was right but the nonce expired or is unknown: retry with the new nonce. */
  | { ok: false; stale: boolean; reason: string };

type NonceState = { issuedAt: number; highestNc: number };

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** Parses `Digest a="b", c=d` into a map; quoted values may contain commas. */
export function parseDigestHeader(header: string): Map<string, string> | undefined {
  const match = /^Digest\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const params = new Map<string, string>();
  const pattern = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*(?:,|$)/g;
  for (let part = pattern.exec(match[1]!); part !== null; part = pattern.exec(match[1]!)) {
    params.set(part[1]!.toLowerCase(), part[2] !== undefined ? part[2].replace(/\\(.)/g, "$1") : part[3]!);
  }
  return params;
}

/**
 * HTTP Digest (RFC 7616) as Atlas does it: MD5, qop=auth, `uri` must equal the request-target
 * (query included), `nc` must grow per nonce, nonces expire after a configurable time.
 */
export class DigestAuthenticator {
  private readonly nonces = new Map<string, NonceState>();

  constructor(
    private readonly credentials: Map<string, DigestCredential>,
    private readonly nonceTtlMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  challenge(stale: boolean): string {
    this.forgetExpiredNonces();
    const nonce = randomBytes(16).toString("base64");
    this.nonces.set(nonce, { issuedAt: this.now(), highestNc: 0 });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  verify(method: string, requestTarget: string, header: string): DigestOutcome {
    const params = parseDigestHeader(header);
    if (!params) return { ok: false, stale: false, reason: "not a Digest authorization" };
    const get = (name: string) => params.get(name) ?? "";
    const [username, nonce, uri, response, qop, nc, cnonce] = ["username", "nonce", "uri", "response", "qop", "nc", "cnonce"].map(get);
    if (get("realm") !== DIGEST_REALM) return { ok: false, stale: false, reason: "wrong realm" };
    const algorithm = params.get("algorithm") ?? "MD5";
    if (algorithm.toUpperCase() !== "MD5") return { ok: false, stale: false, reason: `unsupported algorithm=${algorithm}` };
    if (qop !== "auth" || !/^[0-9a-fA-F]{8}$/.test(nc!) || !cnonce)
      return { ok: false, stale: false, reason: "qop=auth with nc and cnonce required" };
    if (uri !== requestTarget) return { ok: false, stale: false, reason: `uri does not match the request-target` };
    const credential = this.credentials.get(username!);
    if (!credential) return { ok: false, stale: false, reason: "unknown key" };
    const ha1 = md5(`${username}:${DIGEST_REALM}:${credential.privateKey}`);
    const ha2 = md5(`${method}:${uri}`);
    const expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    if (!sameHex(expected, response!)) return { ok: false, stale: false, reason: "wrong digest" };
    const state = this.nonces.get(nonce!);
    if (!state || this.now() - state.issuedAt > this.nonceTtlMs()) {
      this.nonces.delete(nonce!);
      return { ok: false, stale: true, reason: "nonce expired or unknown" };
    }
    const count = parseInt(nc!, 16);
    if (count <= state.highestNc) return { ok: false, stale: false, reason: "nc replayed" };
    state.highestNc = count;
    return { ok: true, publicKey: username!, readOnly: credential.readOnly };
  }

  private forgetExpiredNonces(): void {
    const now = this.now();
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt > this.nonceTtlMs()) this.nonces.delete(nonce);
    }
  }
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
