/**
 * How the lane names what it creates, so a sweeper can find it later in Atlas alone.
 *
 * Atlas keeps no name, tag or creation date for a private endpoint: its id is the cloud's id. The
 * lane's AWS endpoints are made-up interface endpoint ids (they exist nowhere in AWS, which is the
 * point: Atlas fails them at no cost), so the lane chooses the id and writes its mark and the
 * creation time into the 17 hex digits AWS ids have:
 *
 *   vpce-0a71a5 TTTTTTTT RRR     mark "0a71a5", creation time in unix seconds (hex), 3 random digits
 *
 * Endpoint services have no name either, but their id is a MongoDB ObjectId whose first 4 bytes are
 * the creation time: the sweeper reads a service's age from it, and which services are the lane's
 * from the regions the lane owns (see sweep.ts).
 */
import { randomBytes } from "node:crypto";

/** The lane's mark in AWS interface endpoint ids ("atlas" in hex letters). */
export const LANE_MARK = "0a71a5";

/** Prefix of every stack and every textual name the lane chooses (GCP groups, Azure names). */
export const LANE_NAME_PREFIX = "atlaspe-lane";

const AWS_ID = /^vpce-([0-9a-f]{6})([0-9a-f]{8})([0-9a-f]{3})$/;

/** A made-up AWS interface endpoint id carrying the mark (default the lane's) and the time. */
export function laneEndpointId(nowMs = Date.now(), mark = LANE_MARK): string {
  if (!/^[0-9a-f]{6}$/.test(mark)) throw new Error(`the mark must be 6 hex digits, got value=${JSON.stringify(mark)}`);
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0");
  return `vpce-${mark}${seconds}${randomBytes(2).toString("hex").slice(0, 3)}`;
}

/** The mark and creation time an endpoint id carries, or undefined when it is not a lane id. */
export function parseLaneEndpointId(id: string): { mark: string; createdAtMs: number } | undefined {
  const match = AWS_ID.exec(id);
  if (!match) return undefined;
  return { mark: match[1]!, createdAtMs: Number.parseInt(match[2]!, 16) * 1000 };
}

/** Creation time of an Atlas object from its ObjectId, or undefined when the id is not one. */
export function objectIdTimeMs(id: string): number | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? Number.parseInt(id.slice(0, 8), 16) * 1000 : undefined;
}

/** One run's id: its start in base 36 and 4 random hex digits; stacks are `${LANE_NAME_PREFIX}-${runId}-<scenario>`. */
export function newRunId(nowMs = Date.now()): string {
  return `${Math.floor(nowMs / 1000).toString(36)}-${randomBytes(2).toString("hex")}`;
}

/** "90s", "15m", "2h", "1d" → ms; a bare number is seconds. */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`an age is a number with ms, s, m, h or d (such as 2h), got value=${JSON.stringify(text)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}
