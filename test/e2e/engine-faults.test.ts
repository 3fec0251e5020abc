import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  controlOf,
  exampleDir,
  output,
  type RunningSimulator,
  simulatorControl,
  simulatorEndpoints,
  stackFor,
  startSimulator,
} from "../support/cli-harness";
import { findLeaks } from "../support/secret-scan";

jest.setTimeout(180_000);

const privateEndpointResourceId =
  "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-faults/providers/Microsoft.Network/privateEndpoints/pe-faults";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  auth: string;
}

let simulator: RunningSimulator;
let stack: PulumiStack;
let endpointPath: RegExp;
const transcripts: { where: string; text: string }[] = [];

beforeAll(async () => {
  // Azure waits INITIATING -> AVAILABLE for 4 s and DELETING -> gone for 3 s: long enough for every fault below.
  simulator = await startSimulator({ timeScale: 1, delays: { azureInitiatingMs: 4000, deletingMs: 3000 } });
  const { groupId, endpointServices } = simulator.seed;
  endpointPath = new RegExp(`/endpointService/${endpointServices.AZURE}/endpoint/${encodeURIComponent(privateEndpointResourceId)}$`);
  stack = stackFor(simulator, exampleDir("azure"));
  await stack.init({ groupId, endpointServiceId: endpointServices.AZURE, privateEndpointResourceId, privateEndpointIPAddress: "10.0.0.7" });
});

afterAll(async () => {
  await simulator?.close();
});

function record(what: string, result: CommandResult, expectSuccess = true): CommandResult {
  transcripts.push({ where: `${what} output`, text: output(result) });
  if (expectSuccess && result.code !== 0) throw new Error(`${what}: exit ${result.code ?? result.signal}\n${output(result).slice(-4000)}`);
  return result;
}

async function requestLog(): Promise<LoggedRequest[]> {
  return await controlOf(simulator).requests();
}

async function resetRequestLog(): Promise<void> {
  await controlOf(simulator).clearRequests();
}

const count = (log: LoggedRequest[], match: (r: LoggedRequest) => boolean) => log.filter(match).length;

/** The simulator and the stack name the same endpoints: no duplicate in Atlas, no orphan on either side. */
async function expectAtlasAndStateAgree(): Promise<void> {
  const inAtlas = (await simulatorEndpoints(simulator)).map(
    (e) => `${e.groupId}:${e.cloudProvider}:${e.endpointServiceId}:${e.endpointId}`,
  );
  const inState = dynamicResources((await stack.exportState()).deployment).map((r) => r.id);
  expect(inState.sort()).toEqual(inAtlas.sort());
}

test("pulumi up rides out a 429 storm with Retry-After, a burst of 503s and stale digest nonces while it waits", async () => {
  await resetRequestLog();
  // Nonces go stale after 400 ms; each Retry-After pause below is 1 s, so the client must re-authenticate mid-wait.
  await simulatorControl(simulator, "config", { nonceTtlMs: 400 });
  await simulatorControl(simulator, "faults", {
    method: "GET",
    pathPattern: endpointPath.source,
    status: 429,
    errorCode: "RATE_LIMITED_TOKEN_BUCKET",
    retryAfterSeconds: 1,
    count: 3,
  });
  await simulatorControl(simulator, "faults", { method: "GET", pathPattern: endpointPath.source, status: 503, count: 4 });
  const up = record("up with faults", await stack.up());
  const log = await requestLog();
  process.stderr.write(`[e2e] up through 3 x 429, 4 x 503 and stale nonces: ${up.wallMs} ms, ${log.length} requests\n`);

  expect(count(log, (r) => r.method === "GET" && endpointPath.test(r.path) && r.status === 429)).toBe(3);
  expect(count(log, (r) => r.method === "GET" && endpointPath.test(r.path) && r.status === 503)).toBe(4);
  // One challenge to start; every further one is a nonce that went stale during the wait.
  expect(count(log, (r) => r.auth === "challenge")).toBeGreaterThan(1);
  expect(count(log, (r) => r.method === "POST" && r.status < 300)).toBe(1);
  expect(output(up)).toMatch(/retry|429|503/i);
  expect((await stack.outputs()).status).toBe("AVAILABLE");
  expect(await simulatorEndpoints(simulator)).toEqual([
    expect.objectContaining({ endpointId: privateEndpointResourceId, status: "AVAILABLE" }),
  ]);
  await expectAtlasAndStateAgree();
});

test("pulumi destroy survives dropped connections on its DELETE and while it waits for 404", async () => {
  await resetRequestLog();
  await simulatorControl(simulator, "faults", { method: "DELETE", pathPattern: endpointPath.source, dropConnection: true, count: 1 });
  await simulatorControl(simulator, "faults", { method: "GET", pathPattern: endpointPath.source, dropConnection: true, count: 3 });
  const destroy = record("destroy with dropped connections", await stack.destroy());
  const log = await requestLog();
  process.stderr.write(`[e2e] destroy through 4 dropped connections: ${destroy.wallMs} ms, ${log.length} requests\n`);

  // Every injected drop met a request (a dropped connection is logged with status 0): the DELETE's
  // one, and all three of the wait's; the dropped DELETE was retried, and the wait went on until Atlas answered 404.
  expect(count(log, (r) => r.method === "DELETE" && endpointPath.test(r.path) && r.status === 0)).toBe(1);
  expect(count(log, (r) => r.method === "GET" && endpointPath.test(r.path) && r.status === 0)).toBe(3);
  expect(count(log, (r) => r.method === "DELETE" && endpointPath.test(r.path))).toBeGreaterThanOrEqual(2);
  expect(log.filter((r) => r.method === "GET" && endpointPath.test(r.path)).pop()?.status).toBe(404);
  expect(await simulatorEndpoints(simulator)).toEqual([]);
  await expectAtlasAndStateAgree();
  expect(dynamicResources((await stack.exportState()).deployment)).toEqual([]);
});

test("a network outage that outlasts the client's retries fails pulumi up with what to run; the endpoint stays recorded and the next pulumi up finishes", async () => {
  await resetRequestLog();
  // Dropped connections, not 503s: a wait outlasts 429/503 refusals until timeouts.create (issue 16).
  await simulatorControl(simulator, "faults", { method: "GET", pathPattern: endpointPath.source, dropConnection: true, count: 12 });
  const failed = record("up through an outage", await stack.up(), false);
  expect(failed.code).not.toBe(0);
  expect(output(failed)).toContain("is registered with Atlas, but reading its status failed");
  expect(output(failed)).toContain("run `pulumi up` again to resume waiting");
  // Recorded with the engine's "not ready" marker, so it is neither orphaned nor created twice.
  const [recorded] = dynamicResources((await stack.exportState()).deployment);
  expect(recorded?.initErrors).toEqual([expect.stringContaining("reading its status failed")]);
  await expectAtlasAndStateAgree();

  await controlOf(simulator).clearFaults();
  record("up after the outage", await stack.up());
  expect((await stack.outputs()).status).toBe("AVAILABLE");
  expect(count(await requestLog(), (r) => r.method === "POST" && r.status < 300)).toBe(1);
  const [resumed] = dynamicResources((await stack.exportState()).deployment);
  expect(resumed?.initErrors ?? []).toEqual([]);
  await expectAtlasAndStateAgree();
});

test("no faulted run printed a credential or a digest response", () => {
  expect(transcripts).toHaveLength(4);
  const { publicKey, privateKey } = simulator.seed.apiKey;
  expect(
    findLeaks(transcripts, [
      { label: "private key", value: privateKey },
      { label: "public key", value: publicKey },
    ]),
  ).toEqual([]);
});
