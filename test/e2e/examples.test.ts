import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { AtlasClient } from "../../provider/client";
import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../../scripts/lib/run-command";
import {
  controlOf,
  credentialEnv,
  exampleDir,
  expectOk,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
  TYPES,
  typePattern,
  withoutCredentials,
} from "../support/cli-harness";

jest.setTimeout(300_000);

type Cloud = "aws" | "azure" | "gcp";

let simulator: RunningSimulator;
const transcripts: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

function record(result: CommandResult): CommandResult {
  transcripts.push(output(result));
  return result;
}

function hex(length: number): string {
  return randomBytes(length).toString("hex").slice(0, length);
}

function exampleConfig(cloud: Cloud): { config: Record<string, string>; endpointId: string } {
  const { groupId, endpointServices } = simulator.seed;
  switch (cloud) {
    case "aws": {
      const endpointId = `vpce-${hex(17)}`;
      return { endpointId, config: { groupId, endpointServiceId: endpointServices.AWS, vpcEndpointId: endpointId } };
    }
    case "azure": {
      const endpointId = `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-e2e/providers/Microsoft.Network/privateEndpoints/pe-${hex(8)}`;
      return {
        endpointId,
        config: {
          groupId,
          endpointServiceId: endpointServices.AZURE,
          privateEndpointResourceId: endpointId,
          privateEndpointIPAddress: "10.0.0.5",
        },
      };
    }
    case "gcp": {
      const endpointId = `psc-${hex(8)}`;
      return {
        endpointId,
        config: { groupId, endpointServiceId: endpointServices.GCP, gcpProjectId: `p-${hex(24)}`, endpointGroupName: endpointId },
      };
    }
  }
}

async function endpointsOf(serviceId: string) {
  return (await simulatorEndpoints(simulator)).filter((e) => e.endpointServiceId === serviceId);
}

describe.each<Cloud>(["aws", "azure", "gcp"])("the %s example through the real pulumi CLI", (cloud) => {
  let stack: PulumiStack;
  let endpointId: string;
  let serviceId: string;

  beforeAll(async () => {
    const example = exampleConfig(cloud);
    endpointId = example.endpointId;
    serviceId = example.config.endpointServiceId!;
    if (cloud === "azure") {
      // Credentials through stack config secrets, the way @pulumi/mongodbatlas stacks carry them.
      stack = stackFor(simulator, exampleDir(cloud), withoutCredentials());
      // The engine stores stack config in the default provider's state, so both keys go in as secrets.
      await stack.init(
        { ...example.config, "mongodbatlas:baseUrl": simulator.baseUrl },
        { "mongodbatlas:publicKey": simulator.seed.apiKey.publicKey, "mongodbatlas:privateKey": simulator.seed.apiKey.privateKey },
      );
    } else {
      stack = stackFor(simulator, exampleDir(cloud));
      await stack.init(example.config);
    }
  });

  test("previews the endpoint to create with no Atlas credentials and no call to Atlas", async () => {
    await controlOf(simulator).clearRequests();
    const result = record(await stack.preview([], { env: withoutCredentials() }));
    expectOk(result);
    expect(result.stdout).toMatch(new RegExp(`\\+\\s+${typePattern(TYPES.dynamic.endpoint)}\\s+orders-db-\\w+\\s+create`));
    const list = await controlOf(simulator).requests();
    expect(list).toHaveLength(0);
  });

  test("pulumi up creates the endpoint and waits until Atlas reports it AVAILABLE", async () => {
    expectOk(record(await stack.up()));
    const outputs = await stack.outputs();
    switch (cloud) {
      case "aws":
        expect(outputs.connectionStatus).toBe("AVAILABLE");
        expect(outputs.interfaceEndpointId).toEqual(expect.any(String));
        expect(outputs.adopted).toBe(false);
        break;
      case "azure":
        expect(outputs.status).toBe("AVAILABLE");
        expect(outputs.privateEndpointIPAddress).toBe("10.0.0.5");
        expect(outputs.privateEndpointResourceId).toEqual(expect.stringContaining("/privateEndpoints/pe-"));
        expect(outputs.privateEndpointConnectionName).toEqual(expect.any(String));
        break;
      case "gcp":
        expect(outputs.status).toBe("AVAILABLE");
        expect(outputs.endpoints).toEqual([
          expect.objectContaining({ endpointName: `${endpointId}-0`, ipAddress: "10.142.0.10", status: "AVAILABLE" }),
          expect.objectContaining({ endpointName: `${endpointId}-1`, ipAddress: "10.142.0.11", status: "AVAILABLE" }),
        ]);
        break;
    }
    expect(outputs.pulumiId).toBe(`${simulator.seed.groupId}:${cloud.toUpperCase()}:${serviceId}:${endpointId}`);
    expect(await endpointsOf(serviceId)).toEqual([expect.objectContaining({ endpointId, status: "AVAILABLE" })]);
  });

  test("a second pulumi up changes nothing", async () => {
    expectOk(record(await stack.up(["--expect-no-changes"])));
  });

  test("the state holds no credential, and the serialized provider is small", async () => {
    const { text, deployment } = await stack.exportState();
    const files = stack.backendFiles().map((f) => readFileSync(f, "utf8"));
    for (const secret of [simulator.seed.apiKey.privateKey, simulator.seed.apiKey.publicKey]) {
      expect(text).not.toContain(secret);
      for (const file of files) expect(file).not.toContain(secret);
    }
    const [resource] = dynamicResources(deployment);
    const providerBytes = Buffer.byteLength(String(resource?.outputs?.__provider ?? ""));
    process.stderr.write(`[e2e] ${cloud}: __provider is ${providerBytes} bytes per resource\n`);
    expect(providerBytes).toBeGreaterThan(0);
    expect(providerBytes).toBeLessThanOrEqual(16 * 1024);
    expect(String(resource?.outputs?.__provider)).toContain('require("pulumi-atlas-private-endpoint');
  });

  test("pulumi destroy leaves no endpoint in Atlas", async () => {
    expectOk(record(await stack.destroy()));
    expect(await endpointsOf(serviceId)).toEqual([]);
  });

  test("pulumi refresh drops an endpoint that was deleted behind Pulumi's back", async () => {
    expectOk(record(await stack.up()));
    expect(await endpointsOf(serviceId)).toHaveLength(1);
    const client = new AtlasClient({
      baseUrl: simulator.baseUrl,
      credentials: { kind: "apiKey", publicKey: simulator.seed.apiKey.publicKey, privateKey: simulator.seed.apiKey.privateKey },
    });
    await client.deletePrivateEndpoint({
      groupId: simulator.seed.groupId,
      cloudProvider: cloud.toUpperCase() as "AWS",
      endpointServiceId: serviceId,
      endpointId,
    });
    for (let i = 0; i < 200 && (await endpointsOf(serviceId)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await endpointsOf(serviceId)).toEqual([]);
    expectOk(record(await stack.refresh()));
    expect(dynamicResources((await stack.exportState()).deployment)).toEqual([]);
  });

  afterAll(() => {
    const everything = transcripts.join("\n");
    expect(everything).not.toContain(simulator.seed.apiKey.privateKey);
  });
});

test("credentials never reach a CLI transcript", () => {
  expect(transcripts.length).toBeGreaterThan(0);
  for (const text of transcripts) {
    expect(text).not.toContain(simulator.seed.apiKey.privateKey);
    expect(text).not.toContain(credentialEnv(simulator).MONGODB_ATLAS_PRIVATE_API_KEY!);
  }
});
