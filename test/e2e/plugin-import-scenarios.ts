import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  expectOk,
  FAST_ATLAS_SLOW_CLUSTERS,
  output,
  resourcesOfType,
  type RunningSimulator,
  simulatorEndpoints,
  startSimulator,
  TYPES,
} from "../support/cli-harness";

/**
 * `pulumi import` of objects made outside Pulumi into a program of another language, through the provider plugin
 * (the engine refuses import for dynamic resources): the read runs with the id alone, the CLI asks the language
 * host to print the code (GenerateProgram), and that code, added to the program, makes the next up a no-op.
 * plugin-import.test.ts (YAML) and python-import.test.ts run it.
 */
export interface ImportProgram {
  /** How test names call the program: "YAML", "Python". */
  language: string;
  /** A stack of an empty program of that language on this simulator, not yet initialized. */
  stack(simulator: RunningSimulator): Promise<PulumiStack>;
  /** The file the program's code is in. */
  programFile: string;
  /** The code `pulumi import` printed, and how it is added to the program. */
  generatedCode(stdout: string): string;
  addToProgram(stack: PulumiStack, code: string): void;
  /** What the printed code says of the imported endpoint ("orders-db") and service ("atlas-service"). */
  expectEndpointCode(code: string, endpoint: { groupId: string; vpcEndpointId: string }): void;
  expectServiceCode(code: string): void;
}

const TOKEN = TYPES.plugin.endpoint;
const SERVICE_TOKEN = TYPES.plugin.service;

export function importScenarios(program: ImportProgram): void {
  const { language } = program;
  let simulator: RunningSimulator;
  let stack: PulumiStack;
  const vpcEndpointId = `vpce-${randomBytes(9).toString("hex").slice(0, 17)}`;

  beforeAll(async () => {
    simulator = await startSimulator(FAST_ATLAS_SLOW_CLUSTERS);
    stack = await program.stack(simulator);
    await stack.init();
  });
  afterAll(async () => {
    await stack?.destroy();
    await simulator?.close();
  });

  const atlasClient = () => new AtlasClient({ baseUrl: simulator.baseUrl, credentials: { kind: "apiKey", ...simulator.seed.apiKey } });

  test(`an endpoint registered straight through the Atlas API is imported by its id into a ${language} program, and the printed code makes the next up a no-op`, async () => {
    const { groupId, endpointServices } = simulator.seed;
    const ref = { groupId, cloudProvider: "AWS" as const, endpointServiceId: endpointServices.AWS, endpointId: vpcEndpointId };
    await atlasClient().createPrivateEndpoint(ref, { cloudProvider: "AWS", id: vpcEndpointId });
    const id = `${groupId}:AWS:${endpointServices.AWS}:${vpcEndpointId}`;

    const imported = await stack.run(["import", TOKEN, "orders-db", id, "--yes", "--protect=false", "--stack", stack.stack]);
    expectOk(imported);
    const code = program.generatedCode(imported.stdout);
    program.expectEndpointCode(code, { groupId, vpcEndpointId });

    const [resource] = await resourcesOfType(stack, TOKEN);
    expect(resource?.id).toBe(id);
    expect(resource?.outputs).toMatchObject({
      groupId,
      cloudProvider: "AWS",
      endpointId: vpcEndpointId,
      interfaceEndpointId: vpcEndpointId,
    });
    expect(resource?.outputs?.connectionStatus).toMatch(/^(PENDING_ACCEPTANCE|PENDING|AVAILABLE)$/);

    // The printed code, added to the program: nothing to change.
    program.addToProgram(stack, code);
    const up = expectOk(await stack.up(["--expect-no-changes"]));
    expect(up).toMatch(/2 unchanged/); // the stack and the endpoint
    expect(readFileSync(join(stack.dir, program.programFile), "utf8")).toContain("orders-db");
    expect((await simulatorEndpoints(simulator)).filter((e) => e.endpointId === vpcEndpointId)).toHaveLength(1);
  });

  test(`an id that names no endpoint fails the import into a ${language} program naming the id format, and records nothing`, async () => {
    const result = await stack.run(["import", TOKEN, "nothing", "not-an-id", "--yes", "--stack", stack.stack]);
    expect(result.code).not.toBe(0);
    expect(output(result)).toMatch(/value="not-an-id" is not of the form <groupId>:<AWS\|AZURE\|GCP>:<endpointServiceId>:<endpointId>/);
    expect((await resourcesOfType(stack, TOKEN)).map((r) => r.id)).not.toContain("not-an-id");
  });

  test(`an endpoint service created straight through the Atlas API is imported into a ${language} program, and the printed code makes the next up a no-op`, async () => {
    const { groupId } = simulator.seed;
    const created = await atlasClient().createEndpointService({ groupId }, { providerName: "AWS", region: "EU_WEST_1" });
    const id = `${groupId}:AWS:${created.id}`;

    const imported = await stack.run(["import", SERVICE_TOKEN, "atlas-service", id, "--yes", "--protect=false", "--stack", stack.stack]);
    expectOk(imported);
    const code = program.generatedCode(imported.stdout);
    program.expectServiceCode(code);

    const [service] = await resourcesOfType(stack, SERVICE_TOKEN);
    expect(service?.id).toBe(id);
    expect(service?.outputs).toMatchObject({ groupId, cloudProvider: "AWS", endpointServiceId: created.id, regionName: "EU_WEST_1" });

    program.addToProgram(stack, code);
    const up = expectOk(await stack.up(["--expect-no-changes"]));
    expect(up).toMatch(/3 unchanged/); // the stack, the endpoint and the service
  });
}
