import { randomBytes } from "node:crypto";
import {
  DEFAULT_DELAYS,
  startSimulator,
  type FaultSpec,
  type RequestLogEntry,
  type RunningSimulator,
  type TransitionDelays,
} from "../../simulator";
import {
  dataFederationEndpointProvider,
  endpointServiceProvider,
  privateEndpointProvider,
  streamPrivateLinkProvider,
} from "../../provider";
import { ENV_KEYS, TIME_SCALE_ENV } from "../../provider/host/connection";
import { resetPacers } from "../../provider/client/pacing/registry";
import { resetClusterWatchers } from "../../provider/waiting/cluster-waits";
import { AUTH_HEADER_TEXT, describeForScan } from "./secret-scan";
import { SimulatorControl, until, type SimulatedEndpoint } from "./simulator-control";

/** The simulator runs 100x faster than Atlas; the provider's poll delays shrink by the same factor. */
export const TIME_SCALE = 0.01;

/**
 * How far a test moves the simulator's clock to end a phase it holds (wall-clock ms). A transition
 * delay of HELD_DELAY (scaled by TIME_SCALE to HELD_MS) lasts until the test advances by HELD_MS:
 * the provider is still waiting when the test acts, however slow the machine.
 */
export const HELD_MS = 60_000;
export const HELD_DELAY = HELD_MS / TIME_SCALE;

const nap = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stands in for the serialized provider the engine passes as `__provider`. */
export const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";

/** Every env variable the provider reads credentials or the Atlas URL from. */
export const CREDENTIAL_ENV = Object.values(ENV_KEYS).flat();

export const provider = privateEndpointProvider as Required<typeof privateEndpointProvider>;
export const serviceProvider = endpointServiceProvider as Required<typeof endpointServiceProvider>;
export const dataFederationProvider = dataFederationEndpointProvider as Required<typeof dataFederationEndpointProvider>;

/** An Azure private endpoint resource id no other test uses. */
export const azureEndpointId = (name = `pe-${hex(8)}`) =>
  `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-test/providers/Microsoft.Network/privateEndpoints/${name}`;
export const streamLinkProvider = streamPrivateLinkProvider as Required<typeof streamPrivateLinkProvider>;

export type { SimulatedEndpoint };
export { until };

export interface Harness {
  readonly simulator: RunningSimulator;
  readonly control: SimulatorControl;
  readonly seed: RunningSimulator["seed"];
  /** Progress lines the provider printed during the current test. */
  readonly progress: string[];
  /** Every value the provider returned or threw in this file, for the secret scan. */
  readonly seen: unknown[];
  fault(spec: FaultSpec): Promise<void>;
  delays(delays: Partial<TransitionDelays>): Promise<void>;
  config(patch: Record<string, unknown>): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  endpoints(): Promise<SimulatedEndpoint[]>;
  /** Inputs as the engine passes them to create: checked, with `__provider`. */
  checked(args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** EndpointService inputs as the engine passes them to create: checked, with `__provider`. */
  checkedService(args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** DataFederationEndpoint inputs as the engine passes them to create: checked, with `__provider`. */
  checkedDataFederation(args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A fresh AWS DataFederationEndpoint's args (an unused vpce id). */
  dataFederationArgs(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A fresh Azure DataFederationEndpoint's args (an unused private endpoint resource id). */
  azureDataFederationArgs(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** StreamPrivateLink inputs as the engine passes them to create: checked, with `__provider`. */
  checkedStreamLink(args: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Runs a provider call, remembering what it returned or threw. */
  observe<T>(call: Promise<T>): Promise<T>;
  /** Runs a provider call expected to fail and returns the error. */
  failure(call: Promise<unknown>): Promise<Error & Record<string, unknown>>;
  awsArgs(overrides?: Record<string, unknown>): Record<string, unknown>;
  azureArgs(overrides?: Record<string, unknown>): Record<string, unknown>;
  gcpArgs(overrides?: Record<string, unknown>, ruleCount?: number): Record<string, unknown>;
  credentialEnv(): Record<string, string>;
  /** Looks at the request log until an entry matches (see `until`), and answers it. */
  untilRequest(matches: (entry: RequestLogEntry) => boolean, what: string): Promise<RequestLogEntry>;
  /**
   * In the background, moves the simulator's clock past a held phase (HELD_MS) once per endpoint and
   * status as soon as the request log shows the provider read it (a GET answered with it; only
   * `statuses`, when given): every phase is met, decided on the log, not on time. Ends with the
   * test, or when the returned stop() is awaited.
   */
  releaseHeldPhases(statuses?: string[]): () => Promise<void>;
}

export const hex = (length: number) => randomBytes(length).toString("hex").slice(0, length);

/**
 * One simulator per test file (port 0), env credentials and the time scale set for the file,
 * progress lines captured per test, delays and faults reset after each test.
 */
export function useHarness(): Harness {
  let simulator: RunningSimulator | undefined;
  const progress: string[] = [];
  const seen: unknown[] = [];
  const savedEnv: Record<string, string | undefined> = {};
  const releasers: (() => Promise<void>)[] = [];

  const harness: Harness = {
    get simulator() {
      if (!simulator) throw new Error("simulator not started");
      return simulator;
    },
    get control() {
      return new SimulatorControl(harness.simulator.baseUrl);
    },
    get seed() {
      return harness.simulator.seed;
    },
    progress,
    seen,
    fault: (spec) => harness.control.fault(spec),
    delays: (delays) => harness.control.delays(delays),
    config: (patch) => harness.control.config(patch),
    requests: () => harness.control.requests(),
    clearRequests: () => harness.control.clearRequests(),
    endpoints: () => harness.control.endpoints(),
    checked: async (args) => {
      const { inputs, failures } = await provider.check({}, { ...args, __provider: PROVIDER_TEXT });
      if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
      return { ...inputs, __provider: PROVIDER_TEXT };
    },
    checkedService: async (args) => {
      const { inputs, failures } = await serviceProvider.check({}, { ...args, __provider: PROVIDER_TEXT });
      if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
      return { ...inputs, __provider: PROVIDER_TEXT };
    },
    checkedDataFederation: async (args) => {
      const { inputs, failures } = await dataFederationProvider.check({}, { ...args, __provider: PROVIDER_TEXT });
      if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
      return { ...inputs, __provider: PROVIDER_TEXT };
    },
    dataFederationArgs: (overrides = {}) => ({ groupId: harness.seed.groupId, endpointId: `vpce-${hex(17)}`, ...overrides }),
    azureDataFederationArgs: (overrides = {}) => ({
      groupId: harness.seed.groupId,
      cloudProvider: "AZURE",
      endpointId: azureEndpointId(),
      ...overrides,
    }),
    checkedStreamLink: async (args) => {
      const { inputs, failures } = await streamLinkProvider.check({}, { ...args, __provider: PROVIDER_TEXT });
      if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
      return { ...inputs, __provider: PROVIDER_TEXT };
    },
    observe: async (call) => {
      try {
        const result = await call;
        seen.push(result);
        return result;
      } catch (error) {
        seen.push(error);
        throw error;
      }
    },
    failure: async (call) => {
      try {
        seen.push(await call);
      } catch (error) {
        seen.push(error);
        return error as Error & Record<string, unknown>;
      }
      throw new Error("expected the provider call to fail, but it succeeded");
    },
    awsArgs: (overrides = {}) => ({
      groupId: harness.seed.groupId,
      cloudProvider: "AWS",
      endpointServiceId: harness.seed.endpointServices.AWS,
      endpointId: `vpce-${hex(17)}`,
      ...overrides,
    }),
    azureArgs: (overrides = {}) => ({
      groupId: harness.seed.groupId,
      cloudProvider: "AZURE",
      endpointServiceId: harness.seed.endpointServices.AZURE,
      endpointId: `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-test/providers/Microsoft.Network/privateEndpoints/pe-${hex(8)}`,
      privateEndpointIPAddress: "10.0.0.5",
      ...overrides,
    }),
    gcpArgs: (overrides = {}, ruleCount = 2) => {
      const group = `psc-${hex(8)}`;
      return {
        groupId: harness.seed.groupId,
        cloudProvider: "GCP",
        endpointServiceId: harness.seed.endpointServices.GCP,
        gcpProjectId: `p-${hex(24)}`,
        endpointGroupName: group,
        endpoints: Array.from({ length: ruleCount }, (_, i) => ({ endpointName: `${group}-${i}`, ipAddress: `10.142.0.${10 + i}` })),
        ...overrides,
      };
    },
    untilRequest: async (matches, what) => {
      let found: RequestLogEntry | undefined;
      await until(async () => {
        found = (await harness.requests()).find(matches);
        return found !== undefined;
      }, `the request log shows ${what}`);
      return found as RequestLogEntry;
    },
    releaseHeldPhases: (statuses) => {
      const released = new Set<string>();
      let stopped = false;
      const loop = (async () => {
        while (!stopped) {
          for (const r of await harness.requests()) {
            if (r.method !== "GET" || r.answeredStatus === undefined) continue;
            if (statuses && !statuses.includes(r.answeredStatus)) continue;
            const key = `${r.path} ${r.answeredStatus}`;
            if (released.has(key)) continue;
            released.add(key);
            await harness.control.advance(HELD_MS);
          }
          await nap(10);
        }
      })();
      const stop = async () => {
        stopped = true;
        await loop;
      };
      releasers.push(stop);
      return stop;
    },
    credentialEnv: () => ({
      MONGODB_ATLAS_BASE_URL: harness.simulator.baseUrl,
      MONGODB_ATLAS_PUBLIC_API_KEY: harness.seed.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: harness.seed.apiKey.privateKey,
    }),
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: TIME_SCALE });
    for (const name of [...CREDENTIAL_ENV, TIME_SCALE_ENV]) savedEnv[name] = process.env[name];
    for (const name of CREDENTIAL_ENV) delete process.env[name];
    Object.assign(process.env, harness.credentialEnv(), { [TIME_SCALE_ENV]: String(TIME_SCALE) });
  });

  let seenAtTestStart = 0;
  beforeEach(async () => {
    progress.length = 0;
    seenAtTestStart = seen.length;
    jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void progress.push(parts.join(" ")));
    await provider.configure({ config: { get: () => undefined, require: () => "" } as never });
  });

  afterEach(async () => {
    for (const stop of releasers.splice(0)) await stop();
    jest.restoreAllMocks();
    // Every test, not only the dedicated one: nothing returned, thrown or printed holds a credential.
    const secrets = [
      harness.seed.apiKey.privateKey,
      harness.seed.apiKey.publicKey,
      harness.seed.serviceAccount.clientSecret,
      harness.seed.serviceAccount.clientId,
    ];
    const texts = [...seen.slice(seenAtTestStart).flatMap(describeForScan), ...progress];
    const leaks = texts.filter((text) => secrets.some((secret) => text.includes(secret)) || AUTH_HEADER_TEXT.test(text));
    if (leaks.length > 0)
      throw new Error(`${leaks.length} provider result(s), error(s) or progress line(s) contain a credential or auth header`);
    // A request a delay fault still holds is carried out late (a create still creates): never in the next test.
    await harness.control.settled();
    await harness.control.clearFaults();
    // An ending armed for the next new entry or link must not meet the next test's.
    await harness.control.clearOutcomes();
    // Each test stands for a fresh provider process: one test's refusals must not pace the next.
    resetPacers();
    resetClusterWatchers();
    await harness.control.config({ delays: DEFAULT_DELAYS, eventualConsistencyMs: 0, rateLimit: null, timeScale: TIME_SCALE });
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await simulator?.close();
  });

  return harness;
}

/** Runs `body` with env variables set (undefined deletes), restoring them afterwards. */
export async function withEnv<T>(patch: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(patch).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(patch);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** Stack config as the dynamic provider host passes it to configure. */
export function stackConfig(values: Record<string, string>) {
  return { config: { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" } };
}
