/**
 * The whole journey through the real CLI: EndpointService, a cloud endpoint that needs the
 * service's name, the PrivateEndpoint registration, the clusters' connection strings; a second
 * stack sharing the region's service; an in-place supportedRemoteRegions change; destroy order.
 */
import { dynamicResources, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import {
  atlasRequestsOf,
  controlOf,
  expectOk,
  fixturesDir,
  output,
  type RunningSimulator,
  stackFor,
  startSimulator,
  TYPES,
  typePattern,
  withoutCredentials,
} from "../support/cli-harness";
import { filesToScan, findLeaks, seedCredentials } from "../support/secret-scan";

jest.setTimeout(300_000);

let simulator: RunningSimulator;
const stacks: PulumiStack[] = [];
// The seeded "archive" cluster has nodes in AWS EU_WEST_1, where no service is seeded.
const REGION = "eu-west-1";

beforeAll(async () => {
  simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => {
  for (const stack of stacks.reverse()) await stack.destroy();
  await simulator?.close();
});

async function journeyStack(): Promise<PulumiStack> {
  const stack = stackFor(simulator, `${fixturesDir}/journey`);
  stacks.push(stack);
  await stack.init({ groupId: simulator.seed.groupId, region: REGION });
  return stack;
}

const control = () => controlOf(simulator);
// A digest client's first request of a kind is answered 401 with the challenge: that is not a call.
const atlasRequests = () => atlasRequestsOf(simulator);
const count = (entries: { method: string }[], method: string) => entries.filter((entry) => entry.method === method).length;

test("a pull request's preview of the journey needs no Atlas credentials and asks Atlas nothing, with the service's outputs unknown", async () => {
  const stack = stackFor(simulator, `${fixturesDir}/journey`, withoutCredentials());
  await stack.init({ groupId: simulator.seed.groupId, region: REGION });
  await control().clearRequests();
  const result = await stack.preview();
  expectOk(result);
  expect(output(result)).toMatch(new RegExp(`\\+\\s+${typePattern(TYPES.dynamic.service)}\\s+atlas-service\\s+create`));
  expect(output(result)).toMatch(new RegExp(`\\+\\s+${typePattern(TYPES.dynamic.endpoint)}\\s+orders-db\\s+create`));
  expect(await control().requests()).toEqual([]);
});

let first: PulumiStack;
let firstOutputs: Record<string, unknown>;
const counts: Record<string, unknown> = {};

test("up goes from nothing to private connection strings: service, cloud endpoint, registration, clusters", async () => {
  first = await journeyStack();
  await control().clearRequests();
  const result = await first.up();
  expectOk(result);
  const requests = await atlasRequests();
  counts.up = { total: requests.length, GET: count(requests, "GET"), POST: count(requests, "POST") };
  firstOutputs = await first.outputs();
  expect(firstOutputs).toMatchObject({ serviceAdopted: false, connectionStatus: "AVAILABLE" });
  expect(firstOutputs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-/);
  const strings = firstOutputs.privateConnectionStrings as { clusterName: string; srvConnectionString: string }[];
  expect(strings.map((entry) => entry.clusterName)).toEqual(["archive"]);
  expect(strings[0]?.srvConnectionString).toMatch(/^mongodb\+srv:\/\//);
  // The service POST, then the registration naming the service's id and the stand-in's vpce id.
  const posts = requests.filter((entry) => entry.method === "POST").map((entry) => entry.path);
  expect(posts).toEqual([
    `/api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/endpointService`,
    `/api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/AWS/endpointService/${firstOutputs.endpointServiceId}/endpoint`,
  ]);
  const types = dynamicResources((await first.exportState()).deployment).map((resource) => resource.type);
  expect(types).toEqual(expect.arrayContaining([TYPES.dynamic.service, TYPES.dynamic.endpoint]));
});

test("no Atlas credential is in the state or anything the backend wrote for the three resources", async () => {
  const scanned = filesToScan(first.backendFiles());
  expect(scanned.length).toBeGreaterThan(0);
  expect(scanned.some((file) => file.text.includes(TYPES.dynamic.service))).toBe(true);
  expect(findLeaks(scanned, seedCredentials(simulator.seed))).toEqual([]);
});

test("up --expect-no-changes passes and asks Atlas nothing", async () => {
  await control().clearRequests();
  expectOk(await first.up(["--expect-no-changes"]));
  expect(await atlasRequests()).toEqual([]);
});

test("a second stack in the same project and region adopts the service, and its destroy leaves it for the first", async () => {
  const second = await journeyStack();
  expectOk(await second.up());
  const outputs = await second.outputs();
  expect(outputs).toMatchObject({ serviceAdopted: true, endpointServiceId: firstOutputs.endpointServiceId, connectionStatus: "AVAILABLE" });
  await control().clearRequests();
  const destroyed = await second.destroy();
  expectOk(destroyed);
  expect(output(destroyed)).toMatch(/adopted from the project, so it stays in Atlas/);
  const deletes = (await atlasRequests()).filter((entry) => entry.method === "DELETE").map((entry) => entry.path);
  expect(deletes).toEqual([
    `/api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/AWS/endpointService/${firstOutputs.endpointServiceId}/endpoint/${outputs.vpcEndpointId}`,
  ]);
  // The first stack's service and endpoint are untouched.
  await control().clearRequests();
  expectOk(await first.refresh(["--expect-no-changes"]));
});

test("a supportedRemoteRegions change is an update in place with one PATCH", async () => {
  await first.setConfig("supportedRemoteRegions", JSON.stringify(["us-west-2"]));
  await control().clearRequests();
  const result = await first.up();
  expectOk(result);
  expect(output(result)).toMatch(/~ .*atlas-service.*update|atlas-service\s+updated/);
  const writes = (await atlasRequests()).filter((entry) => entry.method !== "GET");
  expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
    `PATCH /api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/endpointService/${firstOutputs.endpointServiceId}`,
  ]);
});

test("destroy deletes the endpoint before the service, and waits until Atlas forgets both", async () => {
  await control().clearRequests();
  const result = await first.destroy();
  expectOk(result);
  const requests = await atlasRequests();
  counts.destroy = { total: requests.length, GET: count(requests, "GET"), DELETE: count(requests, "DELETE") };
  const deletes = requests.filter((entry) => entry.method === "DELETE").map((entry) => entry.path);
  expect(deletes).toEqual([
    `/api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/AWS/endpointService/${firstOutputs.endpointServiceId}/endpoint/${firstOutputs.vpcEndpointId}`,
    `/api/atlas/v2/groups/${simulator.seed.groupId}/privateEndpoint/AWS/endpointService/${firstOutputs.endpointServiceId}`,
  ]);
  const last = requests.at(-1);
  expect(last).toMatchObject({ method: "GET", status: 404 });
  process.stderr.write(`[journey] Atlas requests of one up and one destroy of the three-resource stack: ${JSON.stringify(counts)}\n`);
});
