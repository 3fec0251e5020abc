import { dynamicResources, type PulumiStack, type StackDeployment } from "../../scripts/lib/pulumi-workspace";
import { type CommandResult, killTree } from "../../scripts/lib/run-command";
import {
  controlOf,
  exampleDir,
  expectOk,
  output,
  type RunningSimulator,
  simulatorControl,
  simulatorEndpoints,
  stackFor,
  startSimulator,
} from "../support/cli-harness";
import { descendantsOf, killEach, type ProcessInfo, waitForExit } from "./process-tree";
import { findLeaks } from "../support/secret-scan";

jest.setTimeout(240_000);

// The kills land while Atlas still reports PENDING_ACCEPTANCE or DELETING; each lasts 6 s.
/** An hour: the simulator holds a phase this long, until a test ends it by moving the simulator's clock past it. */
const HELD_MS = 3_600_000;
/** PENDING_ACCEPTANCE and DELETING held: the kills below land while the provider waits, however slow the machine. */
const heldDelays = { awsPendingAcceptanceMs: HELD_MS, awsPendingMs: 1000, deletingMs: HELD_MS };
/** For the tests that only need Atlas to get there (at time scale 0.1: 0.6 s, 0.1 s, 0.6 s). */
const quickDelays = { awsPendingAcceptanceMs: 6000, awsPendingMs: 1000, deletingMs: 6000 };
const simulatorOptions = { timeScale: 1, delays: heldDelays };
const vpcEndpointId = "vpce-0a1b2c3d4e5f6a7b8";

let simulator: RunningSimulator;
let stack: PulumiStack;
let endpointPath: RegExp;
const transcripts: { where: string; text: string }[] = [];
const survivors: ProcessInfo[] = [];

beforeAll(async () => {
  simulator = await startSimulator(simulatorOptions);
  const { groupId, endpointServices } = simulator.seed;
  endpointPath = new RegExp(`/endpointService/${endpointServices.AWS}/endpoint(/${vpcEndpointId})?$`);
  stack = stackFor(simulator, exampleDir("aws"));
  await stack.init({ groupId, endpointServiceId: endpointServices.AWS, vpcEndpointId });
});

afterAll(async () => {
  killEach(survivors.map((p) => p.pid));
  // The refresh test closes and restarts the simulator; a failure in between leaves it closed.
  await simulator?.close().catch(() => undefined);
});

function record(what: string, result: CommandResult): CommandResult {
  transcripts.push({ where: `${what} output`, text: output(result) });
  return result;
}

async function requestLog(): Promise<{ method: string; path: string; status: number }[]> {
  return (await controlOf(simulator).requests()).filter((r) => endpointPath.test(r.path));
}

/** True once `method` reached the endpoint and a later GET shows the provider waiting on it. */
async function waitingAfter(method: "POST" | "DELETE"): Promise<boolean> {
  const log = await requestLog();
  const sent = log.findIndex((r) => r.method === method && r.status < 300);
  return sent >= 0 && log.slice(sent + 1).some((r) => r.method === "GET");
}

/** Polls `condition` until it holds; the ceiling only decides how long a failing test takes. */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const giveUpAt = Date.now() + 90_000;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Interrupted {
  result: CommandResult;
  /** Everything the command had started when it was killed. */
  tree: ProcessInfo[];
}

/** Starts a command, SIGKILLs its process group (as a CI runner or the OOM killer would) once `when` holds. */
async function interrupt(
  start: (onSpawn: (pid: number) => void) => Promise<CommandResult>,
  when: () => Promise<boolean>,
): Promise<Interrupted> {
  await controlOf(simulator).clearRequests();
  let pid: number | undefined;
  const running = start((spawned) => (pid = spawned));
  await until("the command reaches the point to interrupt", when);
  const tree = descendantsOf(pid!);
  killTree(pid);
  return { result: await running, tree };
}

/**
 * The provider host sits in its own process group, so the kill misses it. It must exit by itself (at its
 * next status line, when it finds its stderr pipe broken) rather than keep working for nobody.
 */
async function expectProviderHostsExited(tree: ProcessInfo[], label: string): Promise<void> {
  const hosts = tree.filter((p) => p.command.includes("dynamic-provider"));
  expect(hosts.length).toBeGreaterThan(0);
  const alive = await waitForExit(
    hosts.map((p) => p.pid),
    20_000,
  );
  // What else outlived the kill is the engine's business (the language host exits by itself within a
  // second, see language-host.test.ts); it is reported and cleaned up here, not asserted on.
  const others = await waitForExit(
    tree.filter((p) => !hosts.includes(p)).map((p) => p.pid),
    2_000,
  );
  for (const p of tree.filter((p) => others.includes(p.pid))) {
    process.stderr.write(`[e2e] ${label}: still running after the kill: ${p.command.slice(0, 100)}\n`);
  }
  survivors.push(...tree.filter((p) => alive.includes(p.pid) || others.includes(p.pid)));
  expect(alive).toEqual([]);
}

function pendingOperations(deployment: StackDeployment): { type: string; urn: string }[] {
  const pending = (deployment.deployment.pending_operations ?? []) as { type: string; resource: { urn: string } }[];
  return pending.map((p) => ({ type: p.type, urn: p.resource.urn }));
}

async function endpointsInAtlas() {
  return (await simulatorEndpoints(simulator)).map((e) => ({ endpointId: e.endpointId, status: e.status }));
}

test("after pulumi up is killed mid-wait, pulumi cancel, pulumi refresh --clear-pending-creates and pulumi up end with exactly one endpoint, tracked", async () => {
  const started = Date.now();
  const { result, tree } = await interrupt(
    (onSpawn) => stack.up([], { onSpawn }),
    () => waitingAfter("POST"),
  );
  record("killed up", result);
  expect(result.signal).toBe("SIGKILL");
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "PENDING_ACCEPTANCE" }]);
  // AWS accepts the endpoint now: the recovering up below finds it on its way to AVAILABLE.
  await controlOf(simulator).advance(HELD_MS);

  // The engine wrote the create down as pending before calling the provider, and never heard back.
  const afterKill = (await stack.exportState()).deployment;
  expect(pendingOperations(afterKill)).toEqual([{ type: "creating", urn: expect.stringMatching(/::orders-db-aws$/) }]);
  expect(dynamicResources(afterKill)).toEqual([]);

  // The file backend keeps the dead update's lock: every command refuses to run until `pulumi cancel`.
  const locked = record("up while locked", await stack.up());
  expect(locked.code).not.toBe(0);
  expect(output(locked)).toMatch(/currently locked[\s\S]*pulumi cancel/);
  expectOk(record("cancel", await stack.run(["cancel", "--yes", "--stack", stack.stack])));

  // A non-interactive refresh keeps pending creates; the flag drops them (Atlas still has the endpoint).
  expectOk(record("refresh --clear-pending-creates", await stack.refresh(["--clear-pending-creates"])));
  expect(pendingOperations((await stack.exportState()).deployment)).toEqual([]);

  const up = record("up after the kill", await stack.up());
  expectOk(up);
  // The POST answers 409 and the resource takes over the endpoint the killed run registered.
  expect(output(up)).toContain(`AWS endpoint ${vpcEndpointId}: already registered with Atlas`);
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "AVAILABLE" }]);
  const { deployment } = await stack.exportState();
  expect(pendingOperations(deployment)).toEqual([]);
  expect(dynamicResources(deployment).map((r) => [r.id, r.outputs?.connectionStatus])).toEqual([
    [`${simulator.seed.groupId}:AWS:${simulator.seed.endpointServices.AWS}:${vpcEndpointId}`, "AVAILABLE"],
  ]);
  expectOk(record("up, no changes", await stack.up(["--expect-no-changes"])));
  await expectProviderHostsExited(tree, "killed up");
  process.stderr.write(`[e2e] interrupted up recovered in ${Date.now() - started} ms\n`);
});

test("after pulumi destroy is killed while Atlas deletes, pulumi cancel and pulumi destroy leave nothing", async () => {
  const started = Date.now();
  const { result, tree } = await interrupt(
    (onSpawn) => stack.destroy([], { onSpawn }),
    () => waitingAfter("DELETE"),
  );
  record("killed destroy", result);
  expect(result.signal).toBe("SIGKILL");
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "DELETING" }]);
  // Atlas finishes the delete while nobody watches; the next destroy finds it gone.
  await controlOf(simulator).advance(HELD_MS);

  const afterKill = (await stack.exportState()).deployment;
  expect(pendingOperations(afterKill)).toEqual([{ type: "deleting", urn: expect.stringMatching(/::orders-db-aws$/) }]);
  expect(dynamicResources(afterKill)).toHaveLength(1);

  expectOk(record("cancel", await stack.run(["cancel", "--yes", "--stack", stack.stack])));
  const destroy = record("destroy after the kill", await stack.destroy());
  expectOk(destroy);
  expect(await endpointsInAtlas()).toEqual([]);
  const { deployment } = await stack.exportState();
  expect(pendingOperations(deployment)).toEqual([]);
  expect(dynamicResources(deployment)).toEqual([]);
  await expectProviderHostsExited(tree, "killed destroy");
  process.stderr.write(`[e2e] interrupted destroy recovered in ${Date.now() - started} ms\n`);
});

test("pulumi refresh fails while Atlas is unreachable and keeps the endpoint; after a restart that lost it, refresh drops it and up registers it again", async () => {
  await simulatorControl(simulator, "config", { timeScale: 0.1, delays: quickDelays });
  expectOk(record("up", await stack.up()));
  const recorded = async () =>
    dynamicResources((await stack.exportState()).deployment).map((r) => ({ urn: r.urn, id: r.id, inputs: r.inputs, outputs: r.outputs }));
  const before = await recorded();
  expect(before).toHaveLength(1);

  const { baseUrl, ...seedValues } = simulator.seed;
  const port = Number(new URL(baseUrl).port);
  await simulator.close();

  const unreachable = record("refresh while unreachable", await stack.refresh());
  expect(unreachable.code).not.toBe(0);
  expect(output(unreachable)).toMatch(/Could not reach Atlas for GET \/api\/atlas\/v2\/groups\/\w+\/privateEndpoint\/AWS\/.*ECONNREFUSED/);
  // Unreachable is not gone: the resource and its outputs are exactly as before.
  expect(await recorded()).toEqual(before);

  // Same port, same ids and credentials, but (like a real outage that lost data) no endpoints.
  simulator = await startSimulator({ port, timeScale: 0.1, delays: quickDelays, seedValues });
  expect(await endpointsInAtlas()).toEqual([]);
  const restarted = record("refresh after restart", await stack.refresh());
  expectOk(restarted);
  expect(output(restarted)).toContain(`AWS endpoint ${vpcEndpointId}: not found in Atlas (404) twice; it is gone`);
  expect(dynamicResources((await stack.exportState()).deployment)).toEqual([]);

  expectOk(record("up after restart", await stack.up()));
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "AVAILABLE" }]);
  expect(dynamicResources((await stack.exportState()).deployment)).toHaveLength(1);
});

test("a first Ctrl-C (SIGINT to pulumi) during a create's wait lets the create finish and record the endpoint: nothing untracked", async () => {
  // Start from nothing, with PENDING_ACCEPTANCE held, so the signal lands while Atlas reports it.
  expectOk(record("destroy before Ctrl-C", await stack.destroy()));
  expect(await endpointsInAtlas()).toEqual([]);
  await simulatorControl(simulator, "config", { timeScale: 1, delays: heldDelays });
  await controlOf(simulator).clearRequests();

  let pid: number | undefined;
  let printed = "";
  const running = stack.up([], { onSpawn: (spawned) => (pid = spawned), onOutput: (text) => (printed = text) });
  await until("pulumi up waits for the endpoint", () => waitingAfter("POST"));
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "PENDING_ACCEPTANCE" }]);
  // Only the CLI process, as a terminal's Ctrl-C reaches the foreground process: the engine cancels.
  process.kill(pid!, "SIGINT");
  await until("the engine says it is cancelling", async () => /received; cancelling/i.test(printed));
  // Only then does AWS accept the endpoint: the create that finishes is one the engine was already cancelling.
  await controlOf(simulator).advance(HELD_MS);
  const result = record("up with Ctrl-C", await running);

  // The engine lets the provider call in flight finish, starts nothing new, and reports the cancel.
  expect(output(result)).toMatch(/cancel/i);
  const { deployment } = await stack.exportState();
  expect(pendingOperations(deployment)).toEqual([]);
  const tracked = dynamicResources(deployment).map((r) => [r.id, r.outputs?.connectionStatus]);
  expect(tracked).toEqual([[`${simulator.seed.groupId}:AWS:${simulator.seed.endpointServices.AWS}:${vpcEndpointId}`, "AVAILABLE"]]);
  expect(await endpointsInAtlas()).toEqual([{ endpointId: vpcEndpointId, status: "AVAILABLE" }]);
  // The request log shows the wait ran on after the signal, to AVAILABLE, with one POST.
  expect((await requestLog()).filter((r) => r.method === "POST" && r.status < 300)).toHaveLength(1);
  expectOk(record("up after Ctrl-C, no changes", await stack.up(["--expect-no-changes"])));
  process.stderr.write(`[e2e] Ctrl-C during a create: exit ${result.code ?? result.signal}\n`);
});

test("no interrupted or failed run printed a credential", () => {
  expect(transcripts.length).toBeGreaterThan(5);
  const { publicKey, privateKey } = simulator.seed.apiKey;
  expect(
    findLeaks(transcripts, [
      { label: "private key", value: privateKey },
      { label: "public key", value: publicKey },
    ]),
  ).toEqual([]);
});
