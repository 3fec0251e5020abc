import { randomBytes } from "node:crypto";
import { AtlasClient } from "../../provider/client";
import {
  controlOf,
  exampleDir,
  expectOk,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
} from "../support/cli-harness";

jest.setTimeout(300_000);

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

test("changing the Azure IP of the same endpoint replaces it delete-before-replace, leaving exactly one", async () => {
  const { seed } = simulator;
  const endpointId = `/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-e2e/providers/Microsoft.Network/privateEndpoints/pe-${randomBytes(4).toString("hex")}`;
  const stack = stackFor(simulator, exampleDir("azure"));
  await stack.init({
    groupId: seed.groupId,
    endpointServiceId: seed.endpointServices.AZURE,
    privateEndpointResourceId: endpointId,
    privateEndpointIPAddress: "10.0.0.5",
  });
  expectOk(await stack.up(), "pulumi up");

  await stack.setConfig("privateEndpointIPAddress", "10.0.0.6");
  await controlOf(simulator).clearRequests();
  const second = await stack.up();
  expectOk(second, "pulumi up");
  expect(second.stdout).toMatch(/replaced/);

  const endpoints = await simulatorEndpoints(simulator);
  expect(endpoints).toEqual([expect.objectContaining({ endpointId, status: "AVAILABLE" })]);
  const client = new AtlasClient({
    baseUrl: simulator.baseUrl,
    credentials: { kind: "apiKey", publicKey: seed.apiKey.publicKey, privateKey: seed.apiKey.privateKey },
  });
  const current = await client.getPrivateEndpoint({
    groupId: seed.groupId,
    cloudProvider: "AZURE",
    endpointServiceId: seed.endpointServices.AZURE,
    endpointId,
  });
  expect(current).toMatchObject({ privateEndpointIPAddress: "10.0.0.6", status: "AVAILABLE" });
  expect((await stack.outputs()).privateEndpointIPAddress).toBe("10.0.0.6");

  // The old endpoint was deleted before the new one was created (no 409 adoption of the doomed endpoint).
  const requests = (await controlOf(simulator).requests()).filter((r) => r.status !== 401);
  const firstDelete = requests.findIndex((r) => r.method === "DELETE");
  const firstPost = requests.findIndex((r) => r.method === "POST");
  expect(firstDelete).toBeGreaterThanOrEqual(0);
  expect(firstPost).toBeGreaterThan(firstDelete);
  expect(requests.some((r) => r.status === 409)).toBe(false);

  expectOk(await stack.destroy(), "pulumi destroy");
  expect(await simulatorEndpoints(simulator)).toEqual([]);
});
