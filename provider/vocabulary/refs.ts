/**
 * How Atlas's paths address the private networking objects: what the client takes, and what each
 * resource's ids parse into. A resource's own id format lives in its folder (ids.ts).
 */
import type { CloudProvider } from "./clouds";

/** An Atlas private endpoint service. */
export interface ServiceRef {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
}

/** One Atlas endpoint registered with a service. */
export interface EndpointRef extends ServiceRef {
  /** Raw id, never pre-encoded: AWS `vpce-...`, Azure the full resource id with `/`, GCP the endpoint group name. */
  endpointId: string;
}

/**
 * When Atlas created the object an id names: Atlas's ids are MongoDB ObjectIds, whose first 4 bytes
 * are the creation time in whole seconds of Atlas's clock. Undefined for an id of another shape.
 */
export function createdAtOf(id: string): number | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? Number.parseInt(id.slice(0, 8), 16) * 1000 : undefined;
}

/** One stream processing private link connection of a project. */
export interface StreamPrivateLinkRef {
  groupId: string;
  connectionId: string;
}

/**
 * Whether Atlas created what `id` names before `moment` (ms on Atlas's clock, as AtlasClient.atlasNow
 * gives it): whole seconds on both sides, so only a second that ended before the moment's second is
 * "before". False when either is not known.
 */
export function createdBefore(id: string, moment: number | undefined): boolean {
  const createdAt = createdAtOf(id);
  return createdAt !== undefined && moment !== undefined && createdAt < Math.floor(moment / 1000) * 1000;
}
