import { isCloudProvider } from "../../model/cloud";
import type { ClusterInput } from "../../model/clusters";
import { AtlasError } from "../../model/errors";
import type { SimulatorRuntime } from "../../runtime";
import type { ControlResult } from "./control";

const bad = (detail: string): ControlResult => ({ status: 400, body: { error: 400, errorCode: "INVALID_SIMULATOR_CONTROL", detail } });
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;

/**
 * Test-only cluster controls, in the seeded project unless `?groupId=` names another:
 * - `POST clusters` {name, regions: [{providerName, regionName}], clusterType?}: add one (a multi-region one with
 *   several regions, a global one with clusterType GEOSHARDED; a replica set is refused in a regional-mode project)
 * - `DELETE clusters/<name>`: remove it (as if deleted)
 * - `POST clusters/<name>/busy` {busy: boolean}: hold it UPDATING (an upgrade) or release it
 */
export function handleClusterControl(
  runtime: SimulatorRuntime,
  method: string,
  subPath: string,
  query: URLSearchParams,
  body: unknown,
): ControlResult {
  const groupId = query.get("groupId") ?? runtime.seedValues.groupId;
  const parts = subPath.split("/");
  try {
    if (method === "POST" && parts.length === 1) {
      const input = parseClusterInput(body);
      if (typeof input === "string") return bad(input);
      return { status: 200, body: runtime.backend.addCluster(groupId, input) };
    }
    if (method === "DELETE" && parts.length === 2) {
      runtime.backend.removeCluster(groupId, decodeURIComponent(parts[1]!));
      return { status: 204 };
    }
    if (method === "POST" && parts.length === 3 && parts[2] === "busy") {
      const busy = (body as { busy?: unknown } | undefined)?.busy;
      if (typeof busy !== "boolean") return bad("body must be {busy: true|false}");
      return { status: 200, body: runtime.backend.holdCluster(groupId, decodeURIComponent(parts[1]!), busy) };
    }
  } catch (error) {
    if (error instanceof AtlasError)
      return { status: error.status, body: { error: error.status, errorCode: error.errorCode, detail: error.detail } };
    throw error;
  }
  return {
    status: 404,
    body: { error: 404, errorCode: "INVALID_SIMULATOR_CONTROL", detail: `No control route ${method} /__simulator/${subPath}.` },
  };
}

function parseClusterInput(body: unknown): ClusterInput | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.name !== "string" || !NAME.test(b.name)) return "name must be a cluster name (letters, digits, hyphens; 1-64 characters)";
  const clusterType = b.clusterType ?? "REPLICASET";
  if (clusterType !== "REPLICASET" && clusterType !== "SHARDED" && clusterType !== "GEOSHARDED")
    return "clusterType must be REPLICASET, SHARDED or GEOSHARDED";
  if (!Array.isArray(b.regions) || b.regions.length === 0) return "regions must be a non-empty list of {providerName, regionName}";
  const regions: ClusterInput["regions"] = [];
  for (const region of b.regions as Record<string, unknown>[]) {
    if (
      typeof region?.providerName !== "string" ||
      !isCloudProvider(region.providerName) ||
      typeof region.regionName !== "string" ||
      region.regionName === ""
    ) {
      return "each region must be {providerName: AWS|AZURE|GCP, regionName: string}";
    }
    regions.push({ providerName: region.providerName, regionName: region.regionName });
  }
  return { name: b.name, clusterType, regions };
}
