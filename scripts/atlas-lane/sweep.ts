/**
 * What a failed lane run can leave in Atlas, found and deleted again, through the provider's own
 * client (so the process-wide pacer and the 429 handling apply: a sweep never storms Atlas).
 *
 * What counts as the lane's, and how old it is, comes from Atlas alone (see names.ts):
 * - an endpoint is the lane's when its id carries the mark (`vpce-<mark><time>...`) and is older than
 *   the given age by the time in its id; a real endpoint id the maintainer gave the lane counts too,
 *   by equality, at any age;
 * - an endpoint service is the lane's when it is in a region the lane owns (its two configured AWS
 *   regions), older than the given age by its ObjectId, and holds no endpoint but the lane's.
 * Endpoints go first (Atlas refuses to delete a service that still has endpoints), and each is
 * waited for until Atlas answers 404 before the services are deleted (and those until they are gone too).
 */
import { type AtlasClient, type CloudProvider, isAtlasNotFound } from "../../provider/client";
import { LANE_MARK, objectIdTimeMs, parseLaneEndpointId } from "./names";

export interface SweepOptions {
  client: AtlasClient;
  groupId: string;
  /** Regions (Atlas spelling) whose AWS services are the lane's. */
  regions: string[];
  olderThanMs: number;
  /** false: list only. */
  yes: boolean;
  mark?: string;
  /** Real endpoint ids the lane registers; swept at any age. */
  realEndpointIds?: string[];
  nowMs?: number;
  log?: (line: string) => void;
  /** How long to wait for a deleted endpoint's 404 before giving up on its service. */
  goneTimeoutMs?: number;
  pollMs?: number;
}

export interface SweepItem {
  kind: "endpoint" | "service";
  id: string;
  serviceId: string;
  region: string;
  ageMs: number | undefined;
  /** Why it stays, when it does. */
  kept?: string;
  deleted?: boolean;
  error?: string;
}

const CLOUD: CloudProvider = "AWS";
const norm = (region: string) => region.toUpperCase().replace(/-/g, "_");

export async function sweep(options: SweepOptions): Promise<SweepItem[]> {
  const { client, groupId } = options;
  const now = options.nowMs ?? Date.now();
  const mark = options.mark ?? LANE_MARK;
  const log = options.log ?? (() => undefined);
  const real = new Set(options.realEndpointIds ?? []);
  const owned = new Set(options.regions.map(norm));
  const items: SweepItem[] = [];

  const services = await client.listEndpointServices({ groupId, cloudProvider: CLOUD });
  for (const listed of services) {
    if (listed.id === undefined) continue;
    const service = { ...listed, id: listed.id };
    const endpointIds = service.cloudProvider === "AWS" ? (service.interfaceEndpoints ?? []) : [];
    const serviceItem: SweepItem = {
      kind: "service",
      id: service.id,
      serviceId: service.id,
      region: service.regionName ?? "?",
      ageMs: ageOf(objectIdTimeMs(service.id), now),
    };
    const inOwnedRegion = owned.has(norm(serviceItem.region));
    let staying = 0;
    for (const endpointId of endpointIds) {
      const parsed = parseLaneEndpointId(endpointId);
      const createdAt = parsed?.mark === mark ? parsed.createdAtMs : undefined;
      const item: SweepItem = {
        kind: "endpoint",
        id: endpointId,
        serviceId: service.id,
        region: serviceItem.region,
        ageMs: ageOf(createdAt, now),
      };
      if (!real.has(endpointId)) {
        if (createdAt === undefined) item.kept = "not the lane's (no lane mark in its id)";
        else if (item.ageMs! < options.olderThanMs) item.kept = "younger than the age given";
      }
      if (item.kept) staying++;
      // Someone else's endpoint is only worth a line where the lane owns the service.
      if (createdAt !== undefined || real.has(endpointId) || inOwnedRegion) items.push(item);
    }
    if (!inOwnedRegion) continue;
    if (serviceItem.ageMs === undefined) serviceItem.kept = "its id carries no creation time";
    else if (serviceItem.ageMs < options.olderThanMs) serviceItem.kept = "younger than the age given";
    else if (staying > 0) serviceItem.kept = `holds ${staying} endpoint(s) that stay`;
    items.push(serviceItem);
  }
  for (const item of items) log(describe(item, options.yes));
  if (!options.yes) return items;

  const doomed = items.filter((item) => item.kind === "endpoint" && item.kept === undefined);
  for (const item of doomed) {
    try {
      await client.deletePrivateEndpoint({ groupId, cloudProvider: CLOUD, endpointServiceId: item.serviceId, endpointId: item.id });
    } catch (error) {
      if (!isAtlasNotFound(error)) item.error = message(error);
    }
  }
  const goneBy = Date.now() + (options.goneTimeoutMs ?? 15 * 60_000);
  for (const item of doomed) {
    if (item.error) continue;
    item.deleted = await waitGone(
      () => client.getPrivateEndpoint({ groupId, cloudProvider: CLOUD, endpointServiceId: item.serviceId, endpointId: item.id }),
      goneBy,
      options.pollMs ?? 10_000,
    );
    if (!item.deleted) item.error = "still listed when the sweep stopped waiting";
    log(`${item.deleted ? "deleted" : "NOT deleted"} endpoint ${item.id}${item.error ? ` (${item.error})` : ""}`);
  }
  for (const item of items) {
    if (item.kind !== "service" || item.kept !== undefined) continue;
    if (doomed.some((endpoint) => endpoint.serviceId === item.id && !endpoint.deleted)) {
      item.error = "an endpoint of it could not be deleted";
      continue;
    }
    const ref = { groupId, cloudProvider: CLOUD, endpointServiceId: item.id };
    try {
      await client.deleteEndpointService(ref);
      // 202: DELETING until Atlas no longer has it.
      item.deleted = await waitGone(() => client.getEndpointService(ref), goneBy, options.pollMs ?? 10_000);
      if (!item.deleted) item.error = "still listed when the sweep stopped waiting";
    } catch (error) {
      if (isAtlasNotFound(error)) item.deleted = true;
      else item.error = message(error);
    }
    log(`${item.deleted ? "deleted" : "NOT deleted"} endpoint service ${item.id} (${item.region})${item.error ? ` (${item.error})` : ""}`);
  }
  return items;
}

function ageOf(createdAtMs: number | undefined, now: number): number | undefined {
  return createdAtMs === undefined ? undefined : now - createdAtMs;
}

async function waitGone(read: () => Promise<unknown>, until: number, pollMs: number): Promise<boolean> {
  for (;;) {
    try {
      await read();
    } catch (error) {
      if (isAtlasNotFound(error)) return true;
    }
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function describe(item: SweepItem, yes: boolean): string {
  const age = item.ageMs === undefined ? "age unknown" : `${Math.round(item.ageMs / 60_000)} min old`;
  const what = item.kind === "endpoint" ? `endpoint ${item.id} (service ${item.serviceId})` : `endpoint service ${item.id}`;
  return `${item.kept ? "keep  " : yes ? "delete" : "would delete"} ${what} in ${item.region}, ${age}${item.kept ? `: ${item.kept}` : ""}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
