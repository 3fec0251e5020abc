import { randomBytes } from "node:crypto";

/** Lower-case hex of the given length, the shape of Atlas ids (24) and AWS resource suffixes (17). */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
