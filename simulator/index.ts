import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener } from "./http/server";
import { resolveOptions, type SimulatorOptions } from "./options";
import { SimulatorRuntime } from "./runtime";
import { SEEDED_CLUSTERS, SEEDED_SHARDED_CLUSTERS, type SimulatorSeed } from "./seed";

export type { SimulatorOptions, RateLimitOptions, MissingIdPatterns } from "./options";
export type { TransitionDelays } from "./model/pace";
export { DEFAULT_DELAYS } from "./model/pace";
export type { SimulatorSeed, SeedValues } from "./seed";
export type { RequestLogEntry } from "./http/request-log";
export type { FaultSpec } from "./http/faults";
export type { DataFederationEndpointSummary, EndpointSummary, StreamPrivateLinkSummary } from "./model/backend";
export type { ClusterInput } from "./model/clusters";

export type RunningSimulator = { baseUrl: string; seed: SimulatorSeed; close(): Promise<void> };

/** Starts a local Atlas private-endpoint API; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const runtime = new SimulatorRuntime(resolved);
  const server = createServer(createRequestListener(runtime));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const baseUrl = `http://${host}:${port}`;
  return {
    baseUrl,
    seed: { baseUrl, ...runtime.seedValues, clusters: SEEDED_CLUSTERS, shardedClusters: SEEDED_SHARDED_CLUSTERS },
    close: () =>
      new Promise<void>((resolve, reject) => {
        runtime.stopped = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
