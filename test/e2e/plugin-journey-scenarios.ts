import { randomBytes } from "node:crypto";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  controlOf,
  expectOk,
  FAST_ATLAS_SLOW_CLUSTERS,
  resourcesOfType,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
  TYPES,
  withoutCredentials,
} from "../support/cli-harness";

/**
 * The journey through the provider plugin from a program of another language: an EndpointService and a
 * PrivateEndpoint registered with it, then up, a credential-free preview, refresh and destroy through the real
 * CLI and that language's host. plugin-yaml.test.ts and python-program.test.ts run it, each with its program.
 */
export interface JourneyProgram {
  /** How test names call the program: "YAML", "Python". */
  language: string;
  /** A stack of the program on this simulator, not yet initialized. */
  stack(simulator: RunningSimulator): Promise<PulumiStack>;
  /** The endpoint's waitForClusters as the program declares it (a list in YAML; Python's SDK takes a boolean). */
  waitForClusters: unknown;
}

const SERVICE = TYPES.plugin.service;
const ENDPOINT = TYPES.plugin.endpoint;
// The seeded "archive" cluster has nodes in AWS EU_WEST_1, where no service is seeded: the program creates it.
const REGION = "eu-west-1";

type Strings = { clusterName: string; srvConnectionString?: string }[];

export function journeyScenarios(program: JourneyProgram): void {
  const { language } = program;
  let simulator: RunningSimulator;
  let stack: PulumiStack;
  const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

  beforeAll(async () => {
    simulator = await startSimulator(FAST_ATLAS_SLOW_CLUSTERS);
    stack = await program.stack(simulator);
    await stack.init({ groupId: simulator.seed.groupId, region: REGION, vpcEndpointId });
  });
  afterAll(async () => {
    await stack?.destroy();
    await simulator?.close();
  });

  const pluginResources = () => resourcesOfType(stack, SERVICE, ENDPOINT);
  const atlasRequests = async () => (await controlOf(simulator).requests()).filter((entry) => entry.path.startsWith("/api/atlas/"));

  test(`pulumi up of a ${language} program creates the service and the endpoint through the plugin and outputs the cluster's strings`, async () => {
    const text = expectOk(await stack.up());
    // Progress lines reach the engine's log for their resource (shown under it as diagnostics).
    expect(text).toMatch(/registered with Atlas endpoint service/);
    expect(text).toMatch(/cluster archive: /);
    const outputs = await stack.outputs();
    expect(outputs.serviceAdopted).toBe(false);
    expect(outputs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/);
    expect(outputs.connectionStatus).toBe("AVAILABLE");
    expect(outputs.endpointPulumiId).toBe(`${simulator.seed.groupId}:AWS:${outputs.endpointServiceId}:${vpcEndpointId}`);
    // An object type's output, exported by the program: the schema's (camelCase) names on the wire.
    const strings = outputs.privateConnectionStrings as Strings;
    expect(strings.map((s) => s.clusterName)).toEqual(["archive"]);
    expect(strings[0]?.srvConnectionString).toMatch(/^mongodb\+srv:\/\/[^@]+$/);
    const resources = await pluginResources();
    expect(resources.map((r) => r.type).sort()).toEqual([SERVICE, ENDPOINT].sort());
    for (const resource of resources) {
      expect(resource.outputs).not.toHaveProperty("__provider");
      expect(resource.inputs).not.toHaveProperty("__provider");
    }
    // The engine recorded the program's arguments (snake_case in Python) under the schema's names.
    expect(resources.find((r) => r.type === ENDPOINT)?.inputs).toMatchObject({
      groupId: simulator.seed.groupId,
      endpointServiceId: outputs.endpointServiceId,
      endpointId: vpcEndpointId,
      waitForClusters: program.waitForClusters,
    });
    expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).toContain(vpcEndpointId);
  });

  test(`pulumi preview of the unchanged ${language} program shows no changes, without credentials and without one Atlas request`, async () => {
    await controlOf(simulator).clearRequests();
    const text = expectOk(await stack.preview(["--expect-no-changes"], { env: withoutCredentials() }));
    expect(text).toMatch(/3 unchanged/); // the stack, the service and the endpoint
    expect(await atlasRequests()).toEqual([]);
  });

  test(`pulumi refresh of the ${language} program reads both back through the plugin and keeps them unchanged`, async () => {
    await controlOf(simulator).clearRequests();
    expectOk(await stack.refresh());
    const gets = (await atlasRequests()).filter((r) => r.method === "GET");
    expect(gets.some((r) => r.path.endsWith(`/endpoint/${vpcEndpointId}`))).toBe(true);
    expect(gets.some((r) => /\/endpointService\/[0-9a-f]{24}$/.test(r.path))).toBe(true);
    expect((await pluginResources()).find((r) => r.type === ENDPOINT)?.outputs).toMatchObject({ connectionStatus: "AVAILABLE" });
    expectOk(await stack.preview(["--expect-no-changes"]));
  });

  test(`pulumi destroy of the ${language} program deletes the endpoint, then the service, from Atlas and the stack`, async () => {
    const { endpointServiceId } = await stack.outputs();
    expectOk(await stack.destroy());
    expect(await pluginResources()).toEqual([]);
    expect((await simulatorEndpoints(simulator)).map((e) => e.endpointId)).not.toContain(vpcEndpointId);
    const deletes = (await atlasRequests()).filter((r) => r.method === "DELETE" && r.status < 300).map((r) => r.path);
    expect(deletes.findIndex((path) => path.endsWith(vpcEndpointId))).toBeLessThan(
      deletes.findIndex((path) => path.endsWith(`/${endpointServiceId}`)),
    );
  });
}
