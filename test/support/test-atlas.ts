import { AtlasClient, type AtlasClientOptions } from "../../provider/client";
import { startSimulator, type FaultSpec, type RequestLogEntry, type RunningSimulator, type SimulatorOptions } from "../../simulator";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy";
import { SimulatorControl } from "./simulator-control";

/** A simulator (port 0) behind a recording proxy, with typed helpers for its control API. */
export interface TestAtlas {
  /** Where clients under test connect: the recording proxy. */
  baseUrl: string;
  simulator: RunningSimulator;
  seed: RunningSimulator["seed"];
  proxy: RecordingProxy;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  fault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  config(patch: Record<string, unknown>): Promise<void>;
  /** Moves the simulator's clock `ms` ahead (SimulatorControl.advance). */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestAtlas(options: SimulatorOptions = {}): Promise<TestAtlas> {
  const simulator = await startSimulator({ port: 0, timeScale: 0.001, ...options });
  const proxy = await startRecordingProxy(simulator.baseUrl);
  const control = new SimulatorControl(simulator.baseUrl);
  return {
    baseUrl: proxy.baseUrl,
    simulator,
    seed: simulator.seed,
    proxy,
    requests: () => control.requests(),
    clearRequests: () => control.clearRequests(),
    fault: (spec) => control.fault(spec),
    clearFaults: () => control.clearFaults(),
    config: (patch) => control.config(patch),
    advance: async (ms) => void (await control.advance(ms)),
    close: async () => {
      await proxy.close();
      await simulator.close();
    },
  };
}

/** Atlas API requests only (the token endpoint excluded). */
export function apiRequests(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((entry) => entry.path.startsWith("/api/atlas/"));
}

/** A client of the test Atlas with small retry delays and the file's secret-scan log; API key unless overridden. */
export function testClient(atlas: TestAtlas, log: (line: string) => void, overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({
    credentials: { kind: "apiKey", ...atlas.seed.apiKey },
    baseUrl: atlas.baseUrl,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    log,
    ...overrides,
  });
}
