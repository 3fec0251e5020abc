import { join } from "node:path";
import { pluginStack } from "../support/plugin-harness";
import {
  controlOf,
  fixturesDir,
  output,
  type RunningSimulator,
  simulatorEndpoints,
  stackFor,
  startSimulator,
  withoutCredentials,
} from "../support/cli-harness";

jest.setTimeout(300_000);

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02 });
});
afterAll(async () => {
  await simulator?.close();
});

test("pulumi preview of a program with bad input fails and names each bad field", async () => {
  const stack = stackFor(simulator, join(fixturesDir, "bad-input"), withoutCredentials());
  await stack.init({ endpointServiceId: simulator.seed.endpointServices.AWS });
  const result = await stack.preview();
  const text = output(result);
  expect(result.code).not.toBe(0);
  expect(text).toMatch(/groupId/);
  expect(text).toMatch(/endpointId/);
  expect(text).toMatch(/vpce-/); // says what is allowed
  expect(await simulatorEndpoints(simulator)).toEqual([]);
});

test("an endpointId that is unknown until another resource is created previews cleanly, then applies", async () => {
  const stack = stackFor(simulator, join(fixturesDir, "unknown-input"));
  await stack.init({ groupId: simulator.seed.groupId, endpointServiceId: simulator.seed.endpointServices.AWS });
  const preview = await stack.preview([], { env: withoutCredentials() });
  expect(output(preview)).not.toMatch(/error/i);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/\+\s+pulumi-nodejs:dynamic\/atlas:PrivateEndpoint\s+from-unknown\s+create/);

  const up = await stack.up();
  if (up.code !== 0) throw new Error(output(up));
  expect((await stack.outputs()).connectionStatus).toBe("AVAILABLE");
  const destroy = await stack.destroy();
  if (destroy.code !== 0) throw new Error(output(destroy));
  expect(await simulatorEndpoints(simulator)).toEqual([]);
});

describe("a GCP service without port mapping", () => {
  const cutOff = /Atlas stops supporting GCP private endpoints without port mapping on 2027-04-30/;

  test("previews with a warning naming Atlas's cut-off, without credentials or a request (dynamic provider)", async () => {
    await controlOf(simulator).clearRequests();
    const stack = stackFor(simulator, join(fixturesDir, "gcp-legacy-service"), withoutCredentials());
    await stack.init({ groupId: simulator.seed.groupId });
    const preview = await stack.preview();
    expect(preview.code).toBe(0);
    expect(output(preview)).toMatch(cutOff);
    expect(await controlOf(simulator).requests()).toEqual([]);
  });

  test("previews with a warning under the resource, at warning severity, through the plugin", async () => {
    await controlOf(simulator).clearRequests();
    const stack = await pluginStack(simulator, join(fixturesDir, "yaml-gcp-legacy-service"), withoutCredentials());
    await stack.init({ groupId: simulator.seed.groupId });
    const preview = await stack.preview();
    expect(preview.code).toBe(0);
    expect(output(preview)).toMatch(new RegExp(`warning: .*${cutOff.source}`));
    expect(await controlOf(simulator).requests()).toEqual([]);
    await stack.destroy();
  });
});
