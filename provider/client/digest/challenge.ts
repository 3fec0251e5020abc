/**
 * WWW-Authenticate parsing (RFC 7235 §4.1 / RFC 9110 §11.6.1): a header may carry several
 * challenges, and quoted values may contain `,`, `=` and escaped quotes, so it is tokenized,
 * never split.
 */

export interface AuthChallenge {
  /** Lower-cased auth scheme, e.g. "digest", "bearer". */
  scheme: string;
  /** Auth-params by lower-cased name, quotes and escapes removed. */
  params: Record<string, string>;
  token68?: string;
}

export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** As sent by the server (e.g. "MD5", "SHA-256"); undefined means MD5 without echoing it. */
  algorithm?: string;
  /** "auth" when offered; undefined when the server sent no qop (RFC 2069 compatibility). */
  qop?: "auth";
  opaque?: string;
  stale: boolean;
  userhash: boolean;
}

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

export function parseAuthChallenges(header: string): AuthChallenge[] {
  const scanner = new HeaderScanner(header);
  const challenges: AuthChallenge[] = [];
  scanner.skipSpacesAndCommas();
  while (!scanner.atEnd()) {
    challenges.push(readChallenge(scanner));
    scanner.skipSpacesAndCommas();
  }
  return challenges;
}

/** One challenge: a scheme, then either auth-params or a token68. */
function readChallenge(scanner: HeaderScanner): AuthChallenge {
  const scheme = scanner.readToken();
  if (scheme === "") throw new SyntaxError(`unexpected character ${JSON.stringify(scanner.peek())} in WWW-Authenticate`);
  const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
  scanner.skipSpaces();
  const param = scanner.tryReadParam();
  if (param) {
    challenge.params[param[0]] = param[1];
    readMoreParams(scanner, challenge.params);
  } else if (!scanner.atEnd() && scanner.peek() !== ",") {
    const token68 = scanner.readToken68();
    if (token68 !== "") challenge.token68 = token68;
  }
  return challenge;
}

/** `, name=value` pairs until the header ends or a token not followed by "=" starts the next challenge. */
function readMoreParams(scanner: HeaderScanner, params: Record<string, string>): void {
  for (;;) {
    const beforeSeparator = scanner.position;
    scanner.skipSpaces();
    if (scanner.peek() !== ",") return;
    scanner.skipSpacesAndCommas();
    const next = scanner.tryReadParam();
    if (!next) {
      scanner.position = beforeSeparator;
      return;
    }
    params[next[0]] = next[1];
  }
}

/** The header's lexical pieces (RFC 9110 §5.6): tokens, quoted strings, token68, whitespace. */
class HeaderScanner {
  position = 0;

  constructor(private readonly header: string) {}

  atEnd(): boolean {
    return this.position >= this.header.length;
  }

  peek(): string | undefined {
    return this.header[this.position];
  }

  skipSpaces(): void {
    while (!this.atEnd() && (this.peek() === " " || this.peek() === "\t")) this.position++;
  }

  skipSpacesAndCommas(): void {
    while (!this.atEnd() && /[ \t,]/.test(this.peek()!)) this.position++;
  }

  readToken(): string {
    return this.readWhile(TOKEN_CHAR);
  }

  readToken68(): string {
    const start = this.position;
    this.readWhile(TOKEN68_CHAR);
    while (this.peek() === "=") this.position++;
    return this.header.slice(start, this.position);
  }

  /** At the opening quote: the unescaped content, past the closing quote. */
  readQuoted(): string {
    this.position++;
    let out = "";
    while (!this.atEnd() && this.peek() !== '"') {
      if (this.peek() === "\\" && this.position + 1 < this.header.length) this.position++;
      out += this.peek();
      this.position++;
    }
    if (this.atEnd()) throw new SyntaxError("unterminated quoted string in WWW-Authenticate");
    this.position++;
    return out;
  }

  /** At `token BWS "=" BWS (token / quoted-string)`? Parses it if so, else leaves the position unchanged. */
  tryReadParam(): [string, string] | undefined {
    const start = this.position;
    const name = this.readToken();
    if (name === "") return undefined;
    this.skipSpaces();
    if (this.peek() !== "=") {
      this.position = start;
      return undefined;
    }
    this.position++;
    this.skipSpaces();
    if (this.peek() === '"') return [name.toLowerCase(), this.readQuoted()];
    const value = this.readToken();
    // `abc==` after a scheme is token68, not a param named "abc" with an empty value.
    if (value === "" && (this.peek() === "=" || (!this.atEnd() && !/[ \t,]/.test(this.peek()!)))) {
      this.position = start;
      return undefined;
    }
    return [name.toLowerCase(), value];
  }

  private readWhile(allowed: RegExp): string {
    const start = this.position;
    while (!this.atEnd() && allowed.test(this.peek()!)) this.position++;
    return this.header.slice(start, this.position);
  }
}

/** Digest algorithms we can answer, in the server's spelling (case-insensitive). */
export const SUPPORTED_DIGEST_ALGORITHMS = ["MD5", "MD5-SESS", "SHA-256", "SHA-256-SESS", "SHA-512-256", "SHA-512-256-SESS"];

/**
 * The first Digest challenge we can answer (servers list their preferred one first, RFC 7616 §3.7),
 * or undefined when there is none (no Digest challenge, unknown algorithm, or only qop=auth-int).
 */
export function selectDigestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  let challenges: AuthChallenge[];
  try {
    challenges = parseAuthChallenges(header);
  } catch {
    return undefined;
  }
  for (const challenge of challenges) {
    const digest = answerableDigest(challenge);
    if (digest) return digest;
  }
  return undefined;
}

function answerableDigest({ scheme, params }: AuthChallenge): DigestChallenge | undefined {
  if (scheme !== "digest" || params.realm === undefined || !params.nonce) return undefined;
  const algorithm = params.algorithm;
  if (algorithm !== undefined && !SUPPORTED_DIGEST_ALGORITHMS.includes(algorithm.toUpperCase())) return undefined;
  let qop: "auth" | undefined;
  if (params.qop !== undefined) {
    const offered = params.qop.split(",").map((q) => q.trim().toLowerCase());
    if (!offered.includes("auth")) return undefined;
    qop = "auth";
  }
  return {
    realm: params.realm,
    nonce: params.nonce,
    algorithm,
    qop,
    opaque: params.opaque,
    stale: params.stale?.toLowerCase() === "true",
    userhash: params.userhash?.toLowerCase() === "true",
  };
}
