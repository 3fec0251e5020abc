import type { DigestAuthenticator } from "./digest";
import type { TokenStore } from "./tokens";

export type Principal = { scheme: "digest" | "bearer"; readOnly: boolean };

export type AuthResult =
  | { ok: true; principal: Principal }
  /** `challenge` = answer with a fresh digest challenge (stale or not). */
  | { ok: false; scheme: "none" | "digest" | "bearer"; challenge?: { stale: boolean }; detail: string };

/** Decides who is calling an Atlas route. Never echoes credentials into `detail`. */
export function authenticate(
  method: string,
  requestTarget: string,
  authorization: string | undefined,
  digest: DigestAuthenticator,
  tokens: TokenStore,
): AuthResult {
  if (!authorization) {
    return { ok: false, scheme: "none", challenge: { stale: false }, detail: "You are not authorized for this resource." };
  }
  if (/^Bearer\s/i.test(authorization)) {
    const account = tokens.lookup(authorization.replace(/^Bearer\s+/i, "").trim());
    if (!account) return { ok: false, scheme: "bearer", detail: "The access token is invalid, revoked or expired." };
    return { ok: true, principal: { scheme: "bearer", readOnly: account.readOnly } };
  }
  if (/^Digest\s/i.test(authorization)) {
    const outcome = digest.verify(method, requestTarget, authorization);
    if (outcome.ok) return { ok: true, principal: { scheme: "digest", readOnly: outcome.readOnly } };
    return {
      ok: false,
      scheme: "digest",
      challenge: { stale: outcome.stale },
      detail: `Digest authentication failed: ${outcome.reason}.`,
    };
  }
  return { ok: false, scheme: "none", challenge: { stale: false }, detail: "Only Digest and Bearer authorization are accepted." };
}
