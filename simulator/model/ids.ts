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

/**
 * An id shaped as Atlas's are: a MongoDB ObjectId, whose first 4 bytes are the creation time in
 * wall-clock seconds (what a sweeper reads a service's age from), then 8 random bytes.
 */
export function objectId(nowMs = Date.now()): string {
  return (
    Math.floor(nowMs / 1000)
      .toString(16)
      .padStart(8, "0") + randomHex(16)
  );
}
