import { parseGroupId } from "../wire";
import type { Handler } from "./context";

/** Cluster names as the spec's path pattern allows; any other name can name no cluster (404, as Atlas). */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

export const listClusters: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const results = backend.listClusters(groupId);
  // One page holds them all (the simulator's projects are small); Atlas's paging shape is kept.
  return { status: 200, body: { links: [], results, totalCount: results.length } };
};

export const getCluster: Handler = ({ params, backend }) => {
  const groupId = parseGroupId(params.groupId!);
  const raw = params.clusterName!;
  const name = CLUSTER_NAME.test(raw) ? raw : decodeURIComponent(raw);
  return { status: 200, body: backend.getCluster(groupId, name) };
};
