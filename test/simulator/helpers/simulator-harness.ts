import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../../simulator";
import { SimulatorControl } from "../../support/simulator-control";
import { AtlasTestClient, fetchToken } from "./atlas-client";
import { contractDataPresent, contractPath } from "../../support/contract-data";
import {
  AtlasContract,
  CLUSTERS_SPEC_FILE,
  DATA_FEDERATION_SPEC_FILE,
  REGIONAL_MODE_SPEC_FILE,
  SPEC_FILE,
  STREAMS_SPEC_FILE,
} from "./openapi-contract";
import { recorded, type RecordedExchange } from "./recorder";

/**
 * Small delays so every lifecycle finishes well under a second. A test that must observe an
 * intermediate status (PENDING, VERIFIED, DELETING) does not race these: it holds the phases (HELD,
 * or per-endpoint delays) and steps the simulator's clock through them (stepUntil).
 */
export const FAST = {
  timeScale: 0.01,
  delays: {
    awsPendingAcceptanceMs: 3000,
    awsPendingMs: 10_000,
    azureInitiatingMs: 6000,
    gcpInitiatingMs: 3000,
    gcpVerifiedMs: 15_000,
    deletingMs: 10_000,
    endpointServiceInitiatingMs: 3000,
  },
} satisfies SimulatorOptions;

/**
 * FAST's phases at time scale 1: 3-15 s of wall time each, far longer than a look takes even on one
 * loaded core, so simulated time moves by the steps a test makes (stepUntil), not by the wall clock.
 */
export const HELD = { timeScale: 1, delays: FAST.delays } satisfies SimulatorOptions;

const contracts = new Map<string, AtlasContract | undefined>();
/**
 * The contract of one OpenAPI extract; undefined (said once) on a machine without the contract data,
 * a thrown error under CI (test/support/contract-data.ts).
 */
function contractOf(specFile: string, what: string): AtlasContract | undefined {
  if (!contracts.has(specFile)) {
    const present = contractDataPresent(specFile, `${what} contract checks`);
    contracts.set(specFile, present ? new AtlasContract(contractPath(specFile)) : undefined);
  }
  return contracts.get(specFile);
}
export const atlasContract = () => contractOf(SPEC_FILE, "private-endpoint");
export const clusterContract = () => contractOf(CLUSTERS_SPEC_FILE, "cluster");
export const regionalModeContract = () => contractOf(REGIONAL_MODE_SPEC_FILE, "regional-mode");
export const dataFederationContract = () => contractOf(DATA_FEDERATION_SPEC_FILE, "Data Federation endpoint");
export const streamsContract = () => contractOf(STREAMS_SPEC_FILE, "stream private link");

/** Every extract the simulator's answers are held to; each checks only the operations it holds. */
const allContracts = () =>
  [atlasContract(), clusterContract(), regionalModeContract(), dataFederationContract(), streamsContract()].filter(
    (contract): contract is AtlasContract => contract !== undefined,
  );

export type Harness = {
  sim: RunningSimulator;
  /** Digest client with the read-write API key. */
  atlas: AtlasTestClient;
  readOnly: AtlasTestClient;
  bearer(readOnly?: boolean): Promise<AtlasTestClient>;
  groupPath: string;
  endpointPath(cloud: "AWS" | "AZURE" | "GCP", serviceId?: string): string;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** The typed control client (test/support/simulator-control.ts) on this simulator. */
  controls: SimulatorControl;
  /** Moves the simulator's clock `ms` ahead (POST /__simulator/clock): ends a held phase without a sleep. */
  advance(ms: number): Promise<void>;
};

/**
 * Starts a simulator on port 0 for the file, closes it after, and fails the file if any response
 * it gave during the file does not match the spec for that operation and status.
 */
export function useSimulator(options: SimulatorOptions = FAST): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    const sim = await startSimulator({ port: 0, ...options });
    const { seed } = sim;
    harness.sim = sim;
    harness.atlas = new AtlasTestClient(sim.baseUrl, { kind: "digest", ...seed.apiKey });
    harness.readOnly = new AtlasTestClient(sim.baseUrl, { kind: "digest", ...seed.readOnlyApiKey });
    harness.bearer = async (readOnly = false) => {
      const account = readOnly ? seed.readOnlyServiceAccount : seed.serviceAccount;
      return new AtlasTestClient(sim.baseUrl, {
        kind: "bearer",
        token: await fetchToken(sim.baseUrl, account.clientId, account.clientSecret),
      });
    };
    harness.groupPath = `/api/atlas/v2/groups/${seed.groupId}/privateEndpoint`;
    harness.endpointPath = (cloud, serviceId) =>
      `${harness.groupPath}/${cloud}/endpointService/${serviceId ?? seed.endpointServices[cloud]}/endpoint`;
    const control = new SimulatorControl(sim.baseUrl);
    harness.controls = control;
    harness.control = async (method, path, body) => (await control.send(method, path, body)).body;
    harness.advance = async (ms) => void (await control.advance(ms));
  });
  afterAll(async () => {
    await harness.sim?.close();
    expectRecordedExchangesMatchSpec();
  });
  return harness;
}

/**
 * Throws, listing every violation, if any response recorded in this test file breaks the extract that holds its
 * operation, or if the simulator accepted a request body that extract would refuse.
 */
export function expectRecordedExchangesMatchSpec(): void {
  const contracts = allContracts();
  const problems = recorded.flatMap((exchange) => [
    ...contracts.flatMap((contract) => [...contract.check(exchange), ...contract.checkAcceptedRequest(exchange)]),
    ...acceptedCreateProblems(exchange),
  ]);
  if (problems.length > 0) throw new Error(`Responses that do not match the Atlas spec:\n${problems.join("\n")}`);
}

/** A create the simulator accepted must also have been a spec-valid request. */
function acceptedCreateProblems(exchange: RecordedExchange): string[] {
  const match = /\/privateEndpoint\/(AWS|AZURE|GCP)\/endpointService\/[^/]+\/endpoint(\?|$)/.exec(exchange.target);
  if (
    !match ||
    exchange.method !== "POST" ||
    (exchange.status !== 200 && exchange.status !== 201) ||
    typeof exchange.requestBody !== "object"
  )
    return [];
  const problems = atlasContract()?.checkCreateEndpointRequest(match[1]!, exchange.requestBody) ?? [];
  return problems.map((problem) => `accepted request ${exchange.method} ${exchange.target}: ${problem}`);
}

/**
 * Polls until `read` returns a value satisfying `done`. The ceiling only matters when the test fails
 * (a state that never comes), so it is generous enough for one loaded core.
 */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Looks with `read` until `done`, moving the simulator's clock `stepMs` ahead after each look that is
 * not done yet. With phases far longer in wall time than a look takes (hold them: timeScale 1, or
 * per-endpoint delays), simulated time moves by steps the test chooses, so every phase longer than
 * one step is seen however slow the machine. Fails after `maxLooks` looks: a count, not a duration.
 */
export async function stepUntil<T>(
  h: Pick<Harness, "advance">,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  stepMs: number,
  maxLooks = 200,
): Promise<T> {
  for (let look = 1; ; look++) {
    const value = await read();
    if (done(value)) return value;
    if (look >= maxLooks)
      throw new Error(`stepUntil: not done after ${maxLooks} looks ${stepMs} ms apart; last value: ${JSON.stringify(value)}`);
    await h.advance(stepMs);
  }
}
