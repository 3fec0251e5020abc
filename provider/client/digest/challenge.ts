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
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (i < header.length && (header[i] === " " || header[i] === "\t")) i++;
  };
  const skipSpacesAndCommas = () => {
    while (i < header.length && /[ \t,]/.test(header[i]!)) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < header.length && TOKEN_CHAR.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    // header[i] is the opening quote.
    i++;
    let out = "";
    while (i < header.length && header[i] !== '"') {
      if (header[i] === "\\" && i + 1 < header.length) i++;
      out += header[i];
      i++;
    }
    if (i >= header.length) throw new SyntaxError("unterminated quoted string in WWW-Authenticate");
    i++;
    return out;
  };
  /** At i: `token BWS "=" BWS (token / quoted-string)`? Parses it if so, else leaves i unchanged. */
  const tryReadParam = (): [string, string] | undefined => {
    const start = i;
    const name = readToken();
    if (name === "") return undefined;
    skipSpaces();
    if (header[i] !== "=") {
      i = start;
      return undefined;
    }
    i++;
    skipSpaces();
    if (header[i] === '"') return [name.toLowerCase(), readQuoted()];
    const value = readToken();
    // `abc==` after a scheme is token68, not a param named "abc" with an empty value.
    if (value === "" && (header[i] === "=" || i < header.length && !/[ \t,]/.test(header[i]!))) {
      i = start;
      return undefined;
    }
    return [name.toLowerCase(), value];
  };

  skipSpacesAndCommas();
  while (i < header.length) {
    const scheme = readToken();
    if (scheme === "") throw new SyntaxError(`unexpected character ${JSON.stringify(header[i])} in WWW-Authenticate`);
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpaces();
    const param = tryReadParam();
    if (param) {
      challenge.params[param[0]] = param[1];
      for (;;) {
        const beforeSeparator = i;
        skipSpaces();
        if (header[i] !== ",") break;
        skipSpacesAndCommas();
        const next = tryReadParam();
        if (!next) {
          // A token not followed by "=" starts the next challenge.
          i = beforeSeparator;
          break;
        }
        challenge.params[next[0]] = next[1];
      }
    } else if (i < header.length && header[i] !== ",") {
      const start = i;
      while (i < header.length && TOKEN68_CHAR.test(header[i]!)) i++;
      while (header[i] === "=") i++;
      if (i > start) challenge.token68 = header.slice(start, i);
    }
    skipSpacesAndCommas();
  }
  return challenges;
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
  for (const { scheme, params } of challenges) {
    if (scheme !== "digest" || params.realm === undefined || !params.nonce) continue;
    const algorithm = params.algorithm;
    if (algorithm !== undefined && !SUPPORTED_DIGEST_ALGORITHMS.includes(algorithm.toUpperCase())) continue;
    let qop: "auth" | undefined;
    if (params.qop !== undefined) {
      const offered = params.qop.split(",").map((q) => q.trim().toLowerCase());
      if (!offered.includes("auth")) continue;
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
  return undefined;
}
