import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import { mustSucceed } from "../../scripts/lib/pulumi-workspace";
import {
  controlOf,
  expectOk,
  FAST_ATLAS,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
  TYPES,
  withoutCredentials,
  workspace,
} from "../support/cli-harness";

const LEGACY_PRIVATE_ENDPOINT_TYPE = TYPES.legacyEndpoint;
const PRIVATE_ENDPOINT_TYPE = TYPES.dynamic.endpoint;

jest.setTimeout(300_000);

// A stack as release 0.1.0 left it: made by `pulumi up` with that release's packed tarball (make-state.ts).
const fixture = join(fixturesDir, "legacy-type");
const ids = JSON.parse(readFileSync(join(fixture, "legacy-ids.json"), "utf8")) as {
  groupId: string;
  endpointServices: { AWS: string; AZURE: string; GCP: string; GCP_PORT_MAPPED: string };
  vpcEndpointId: string;
};
const endpointPulumiId = `${ids.groupId}:AWS:${ids.endpointServices.AWS}:${ids.vpcEndpointId}`;

interface PreviewStep {
  op: string;
  urn: string;
}

/** What every serialized provider in that state `require`s: the API this package keeps stable. */
const LEGACY_REQUIRE = 'require("pulumi-atlas-private-endpoint/dist/provider/lifecycle.js")';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ ...FAST_ATLAS, seedValues: { groupId: ids.groupId, endpointServices: { ...ids.endpointServices } } });
  await registerLegacyEndpoint();
});
afterAll(async () => {
  await simulator?.close();
});

/** Atlas has the endpoint that the old state records. */
async function registerLegacyEndpoint(): Promise<void> {
  const client = new AtlasClient({
    baseUrl: simulator.baseUrl,
    credentials: { kind: "apiKey", publicKey: simulator.seed.apiKey.publicKey, privateKey: simulator.seed.apiKey.privateKey },
  });
  const service = { groupId: ids.groupId, cloudProvider: "AWS" as const, endpointServiceId: ids.endpointServices.AWS };
  await client.createPrivateEndpoint(service, { cloudProvider: "AWS", id: ids.vpcEndpointId });
  for (let i = 0; i < 400 && (await simulatorEndpoints(simulator))[0]?.status !== "AVAILABLE"; i++)
    await new Promise((r) => setTimeout(r, 25));
}

async function requestsSince(): Promise<{ method: string; path: string }[]> {
  return await controlOf(simulator).requests();
}

test("a stack created by release 0.1.0 (pulumi-nodejs:dynamic:Resource) upgrades in place to the named type: no replacement, no call to Atlas", async () => {
  const stack = stackFor(simulator, fixture);
  await stack.init({ groupId: ids.groupId, endpointServiceId: ids.endpointServices.AWS, vpcEndpointId: ids.vpcEndpointId });
  await mustSucceed(
    stack.run(["stack", "import", "--file", join(fixture, "state-0.1.0.json"), "--stack", stack.stack]),
    "pulumi stack import",
  );
  const before = (await stack.exportState()).deployment.deployment.resources ?? [];
  expect(before.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE).map((r) => r.id)).toEqual([endpointPulumiId]);

  await controlOf(simulator).clearRequests();
  // No credentials; the base URL (not a credential) points at the simulator so any request would be logged.
  const noCredentials = { ...withoutCredentials(), MONGODB_ATLAS_BASE_URL: simulator.baseUrl };
  const preview = await stack.preview(["--json"], { env: noCredentials });
  expectOk(preview, "pulumi preview");
  // Without the alias this is {create: 1, delete: 1, same: 1}: a new endpoint and the old one deleted.
  const plan = JSON.parse(preview.stdout) as { steps: PreviewStep[]; changeSummary: Record<string, number> };
  expect(plan.changeSummary).toEqual({ same: 2 });
  expect(plan.steps.filter((s) => s.op !== "same")).toEqual([]);

  const up = await stack.up([], { env: noCredentials });
  expectOk(up, "pulumi up");
  expect(up.stdout).not.toMatch(/replace|created|deleted/i);
  expect(await requestsSince()).toEqual([]);

  const after = (await stack.exportState()).deployment.deployment.resources ?? [];
  expect(after.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE)).toEqual([]);
  const upgraded = after.filter((r) => r.type === PRIVATE_ENDPOINT_TYPE);
  expect(upgraded.map((r) => [r.id, r.outputs?.connectionStatus])).toEqual([[endpointPulumiId, "AVAILABLE"]]);
  expect(await simulatorEndpoints(simulator)).toEqual([expect.objectContaining({ endpointId: ids.vpcEndpointId, status: "AVAILABLE" })]);

  // The upgraded resource keeps its whole lifecycle: nothing to change, refresh reads it, destroy removes it.
  expectOk(await stack.up(["--expect-no-changes"]), "pulumi up --expect-no-changes");
  expectOk(await stack.refresh(["--expect-no-changes"]), "pulumi refresh --expect-no-changes");
  expectOk(await stack.destroy(), "pulumi destroy");
  expect(await simulatorEndpoints(simulator)).toEqual([]);
});

test("a stack created by release 0.1.0 refreshes and destroys through the require path its state names (dist/provider/lifecycle.js), without running the program", async () => {
  if ((await simulatorEndpoints(simulator)).length === 0) await registerLegacyEndpoint();
  const stack = stackFor(simulator, fixture);
  await stack.init({ groupId: ids.groupId, endpointServiceId: ids.endpointServices.AWS, vpcEndpointId: ids.vpcEndpointId });
  await mustSucceed(
    stack.run(["stack", "import", "--file", join(fixture, "state-0.1.0.json"), "--stack", stack.stack]),
    "pulumi stack import",
  );
  const imported = (await stack.exportState()).deployment.deployment.resources ?? [];
  const legacy = imported.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE);
  expect(legacy.map((r) => r.id)).toEqual([endpointPulumiId]);
  // refresh and destroy do not run the program: the engine runs the provider serialized in this
  // state, which requires this path from the installed package; nothing else could answer them.
  expect(String(legacy[0]?.outputs?.__provider)).toContain(LEGACY_REQUIRE);
  expect(existsSync(join(workspace(), "node_modules", "pulumi-atlas-private-endpoint", "dist", "provider", "lifecycle.js"))).toBe(true);

  // The program throws when it runs with this set (fixtures/legacy-type/index.ts): a preview, which
  // runs it, shows the trap works; refresh and destroy then prove they never ran it.
  const programMustNotRun = { env: { E2E_PROGRAM_MUST_NOT_RUN: "1" } };
  const preview = await stack.preview([], programMustNotRun);
  expect(preview.code).not.toBe(0);
  expect(output(preview)).toContain("E2E_PROGRAM_MUST_NOT_RUN is set, yet the program ran");

  await controlOf(simulator).clearRequests();
  expectOk(await stack.refresh([], programMustNotRun), "pulumi refresh");
  const endpointPath = `/api/atlas/v2/groups/${ids.groupId}/privateEndpoint/AWS/endpointService/${ids.endpointServices.AWS}/endpoint/${ids.vpcEndpointId}`;
  expect(await requestsSince()).toContainEqual(expect.objectContaining({ method: "GET", path: endpointPath }));
  const refreshed = (await stack.exportState()).deployment.deployment.resources ?? [];
  expect(refreshed.filter((r) => r.type === LEGACY_PRIVATE_ENDPOINT_TYPE).map((r) => [r.id, r.outputs?.connectionStatus])).toEqual([
    [endpointPulumiId, "AVAILABLE"],
  ]);

  expectOk(await stack.destroy([], programMustNotRun), "pulumi destroy");
  expect(await requestsSince()).toContainEqual(expect.objectContaining({ method: "DELETE", path: endpointPath }));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
  expect((await stack.exportState()).deployment.deployment.resources ?? []).toEqual([]);
});
