import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  controlOf,
  expectOk,
  FAST_ATLAS_SLOW_CLUSTERS,
  fixturesDir,
  output,
  resourcesOfType,
  type RunningSimulator,
  simulatorControl,
  simulatorEndpoints,
  startSimulator,
  TYPES,
  typePattern,
  withoutCredentials,
} from "../support/cli-harness";
import { findLeaks } from "../support/secret-scan";

/** How one language's programs reach the provider plugin, for the parity scenarios below. */
export interface ParityLanguage {
  /** A stack for a fixture program, with the plugin installed (plugin-harness) and the language's runtime ready. */
  stack: (simulator: RunningSimulator, program: string, env?: NodeJS.ProcessEnv) => Promise<PulumiStack>;
  /** Fixture folders: one AWS PrivateEndpoint on a given service (config groupId, endpointServiceId, vpcEndpointId,
   * createTimeout; outputs endpointId, connectionStatus, adopted, privateConnectionStrings), and the journey (an
   * EndpointService of config region and an endpoint on it). */
  programs: { endpoint: string; journey: string };
}

/**
 * The lifecycle scenarios that prove the dynamic resource (create and wait: plugin-yaml.test.ts), run through the
 * provider plugin from a program of one language (plugin-parity.test.ts: YAML; python-parity.test.ts: Python):
 * the same operations, the other packaging.
 */
export function parityScenarios(options: ParityLanguage): void {
  const TOKEN = TYPES.plugin.endpoint;
  let simulator: RunningSimulator;
  let client: AtlasClient;
  const stacks: PulumiStack[] = [];

  beforeAll(async () => {
    simulator = await startSimulator(FAST_ATLAS_SLOW_CLUSTERS);
    client = new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });
  });
  afterAll(async () => {
    for (const stack of stacks) await stack.destroy();
    await simulator?.close();
  });

  const newVpce = () => `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

  async function newStack(program: string, config: Record<string, string>): Promise<PulumiStack> {
    const stack = await options.stack(simulator, `${fixturesDir}/${program}`);
    stacks.push(stack);
    await stack.init({ groupId: simulator.seed.groupId, endpointServiceId: simulator.seed.endpointServices.AWS, ...config });
    return stack;
  }

  const pluginResources = (stack: PulumiStack) => resourcesOfType(stack, TOKEN);

  const refOf = (endpointId: string) => ({
    groupId: simulator.seed.groupId,
    cloudProvider: "AWS" as const,
    endpointServiceId: simulator.seed.endpointServices.AWS,
    endpointId,
  });

  async function inAtlas(endpointId: string): Promise<number> {
    return (await simulatorEndpoints(simulator)).filter((e) => e.endpointId === endpointId && !e.deleteRequested).length;
  }

  test("an endpoint already registered in Atlas (409) is adopted by the plugin's create", async () => {
    const vpce = newVpce();
    await client.createPrivateEndpoint(refOf(vpce), { cloudProvider: "AWS", id: vpce });
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: vpce });
    const text = expectOk(await stack.up());
    expect(text).toMatch(/already registered with Atlas; adopting it because adoptExisting is true/);
    expect(await stack.outputs()).toMatchObject({ adopted: true, connectionStatus: "AVAILABLE" });
    expect(await inAtlas(vpce)).toBe(1);
  });

  test("a changed endpointId replaces the endpoint: the new one is registered, the old one deleted", async () => {
    const [before, after] = [newVpce(), newVpce()];
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: before });
    expectOk(await stack.up());
    await stack.setConfig("vpcEndpointId", after);
    const text = expectOk(await stack.up());
    expect(text).toMatch(/1 replaced/);
    expect(await inAtlas(before)).toBe(0);
    expect(await inAtlas(after)).toBe(1);
    expect((await pluginResources(stack)).map((r) => r.outputs?.endpointId)).toEqual([after]);
  });

  test("refresh drops an endpoint deleted outside Pulumi from the stack", async () => {
    const vpce = newVpce();
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: vpce });
    expectOk(await stack.up());
    await client.deletePrivateEndpoint(refOf(vpce));
    for (let i = 0; i < 100 && (await simulatorEndpoints(simulator)).some((e) => e.endpointId === vpce); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const text = expectOk(await stack.refresh());
    expect(text).toMatch(/not found in Atlas \(404\) twice; it is gone/);
    expect(await pluginResources(stack)).toEqual([]);
  });

  test("a create whose POST answer is lost after Atlas registered it ends with the endpoint in the stack, once", async () => {
    const vpce = newVpce();
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: vpce });
    await controlOf(simulator).dialect({ answerLost: "drop" });
    let result: CommandResult;
    try {
      result = await stack.up();
    } finally {
      await controlOf(simulator).dialect(null);
    }
    const text = expectOk(result);
    expect(text).toMatch(/a retried create found it already registered|the create's answer was lost, but Atlas has it registered/);
    expect(await inAtlas(vpce)).toBe(1);
    expect((await pluginResources(stack)).map((r) => r.outputs?.endpointId)).toEqual([vpce]);
  });

  test("a create that is not ready by its deadline is recorded with the engine's init error, and the next up finishes it", async () => {
    const vpce = newVpce();
    await simulatorControl(simulator, "clusters/analytics/busy", { busy: true });
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: vpce, createTimeout: "6s" });
    try {
      const failed = await stack.up();
      expect(failed.code).not.toBe(0);
      expect(output(failed)).toMatch(/not every cluster applied it within the create timeout of 6s/);
      const [resource] = await pluginResources(stack);
      expect(resource?.outputs).toMatchObject({ connectionStatus: "AVAILABLE", endpointId: vpce });
      expect(resource?.initErrors?.join("\n")).toMatch(/create timeout of 6s/);
      expect(resource?.outputs).not.toHaveProperty("__provider");
    } finally {
      await simulatorControl(simulator, "clusters/analytics/busy", { busy: false });
    }
    const resumed = expectOk(await stack.up());
    expect(resumed).toMatch(/resuming the wait for the project's clusters/);
    expect(await inAtlas(vpce)).toBe(1);
  });

  test("destroy deletes every endpoint the plugin created", async () => {
    const vpce = newVpce();
    const stack = await newStack(options.programs.endpoint, { vpcEndpointId: vpce });
    expectOk(await stack.up());
    expectOk(await stack.destroy());
    expect(await pluginResources(stack)).toEqual([]);
    expect(await inAtlas(vpce)).toBe(0);
  });

  test("credentials from the plugin's stack config (the private key a secret) reach Atlas, and the key appears in no output, state or log", async () => {
    const vpce = newVpce();
    // No credential in the environment: only the plugin's config can have made the calls.
    const stack = await options.stack(simulator, `${fixturesDir}/${options.programs.endpoint}`, withoutCredentials());
    stacks.push(stack);
    const { publicKey, privateKey } = simulator.seed.apiKey;
    await stack.init(
      {
        groupId: simulator.seed.groupId,
        endpointServiceId: simulator.seed.endpointServices.AWS,
        vpcEndpointId: vpce,
        "atlas-private-endpoint:publicKey": publicKey,
        "atlas-private-endpoint:baseUrl": simulator.baseUrl,
      },
      { "atlas-private-endpoint:privateKey": privateKey },
    );
    const up = await stack.up();
    const text = expectOk(up);
    expect(await inAtlas(vpce)).toBe(1);
    const state = await stack.exportState();
    const scanned = [
      { where: "up output", text },
      { where: "state export", text: state.text },
      ...stack.backendFiles().map((path) => ({ where: path, text: readFileSync(path, "utf8") })),
    ];
    const secrets = [{ label: "the API private key", value: privateKey }];
    expect(findLeaks([{ where: "probe", text: `x${privateKey}x` }], secrets)).toHaveLength(1);
    expect(findLeaks(scanned, secrets)).toEqual([]);
    expectOk(await stack.destroy());
    expect(await inAtlas(vpce)).toBe(0);
  });

  describe("PR preview through the plugin", () => {
    test("the service's outputs unknown until it exists: preview plans both, with no credentials and no Atlas request", async () => {
      const stack = await options.stack(simulator, `${fixturesDir}/${options.programs.journey}`);
      stacks.push(stack);
      await stack.init({ groupId: simulator.seed.groupId, region: "eu-west-1", vpcEndpointId: newVpce() });
      await controlOf(simulator).clearRequests();
      const text = expectOk(await stack.preview([], { env: withoutCredentials() }));
      expect(text).toMatch(new RegExp(`\\+ {2}${typePattern(TYPES.plugin.service)} service create`));
      expect(text).toMatch(new RegExp(`\\+ {2}${typePattern(TYPES.plugin.endpoint)} endpoint create`));
      expect(await controlOf(simulator).requests()).toEqual([]);
    });

    test("a bad input fails the preview at check, naming the field and what it must be, with no Atlas request", async () => {
      const stack = await newStack(options.programs.endpoint, { vpcEndpointId: "vpce-nothex" });
      await controlOf(simulator).clearRequests();
      const result = await stack.preview([], { env: withoutCredentials() });
      expect(result.code).not.toBe(0);
      expect(output(result)).toMatch(
        /property endpointId value \{vpce-nothex\} has a problem: must be an AWS VPC endpoint id: "vpce-" followed by 17 lowercase hex characters, got value="vpce-nothex"/,
      );
      expect(await controlOf(simulator).requests()).toEqual([]);
    });
  });
}
