/**
 * Atlas for Government and any other Atlas host: the base URL decides where the OAuth token request
 * and every API request go. The client is given the host name `cloud.mongodbgov.com`; an HTTP
 * forward proxy (HTTP_PROXY, which axios honours) stands in for DNS, notes the host each request
 * was meant for, and hands it to the simulator. The scheme is http here only because the simulator
 * speaks no TLS: the host comes from the base URL the same way for https.
 */
import { AtlasClient } from "../../provider/client";
import { resetPacers } from "../../provider/client/pacing/registry";
import { connectToAtlas } from "../../provider/host/connection";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { startForwardProxy, type ForwardProxy } from "../support/forward-proxy";

const GOV = "cloud.mongodbgov.com";
const PROXY_ENV = [
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
  "MONGODB_ATLAS_BASE_URL",
  "MONGODB_ATLAS_CLIENT_ID",
  "MONGODB_ATLAS_CLIENT_SECRET",
];

let sim: RunningSimulator;
let proxy: ForwardProxy;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  proxy = await startForwardProxy(sim.baseUrl);
  for (const name of PROXY_ENV) saved[name] = process.env[name];
  process.env.HTTP_PROXY = proxy.url;
  process.env.http_proxy = proxy.url;
  process.env.NO_PROXY = "";
  process.env.no_proxy = "";
});
afterAll(async () => {
  for (const name of PROXY_ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await proxy.close();
  await sim.close();
});
beforeEach(() => resetPacers());

const service = () => ({ groupId: sim.seed.groupId, cloudProvider: "AWS" as const, endpointServiceId: sim.seed.endpointServices.AWS });
const since = (start: number) => proxy.requests().slice(start);

test("with a service account and base URL http://cloud.mongodbgov.com, the token request and every API request go to that host only", async () => {
  const start = proxy.requests().length;
  const client = new AtlasClient({ credentials: { kind: "serviceAccount", ...sim.seed.serviceAccount }, baseUrl: `http://${GOV}` });
  await client.getEndpointService(service());
  await client.listEndpointServices({ groupId: sim.seed.groupId, cloudProvider: "AWS" });
  const requests = since(start);
  expect(
    requests.map((r) => `${r.method} ${r.path.replace(sim.seed.groupId, "{groupId}").replace(sim.seed.endpointServices.AWS, "{id}")}`),
  ).toEqual([
    "POST /api/oauth/token",
    "GET /api/atlas/v2/groups/{groupId}/privateEndpoint/AWS/endpointService/{id}",
    "GET /api/atlas/v2/groups/{groupId}/privateEndpoint/AWS/endpointService",
  ]);
  expect(new Set(requests.map((r) => r.host))).toEqual(new Set([GOV]));
});

test("the provider's own connection (MONGODB_ATLAS_BASE_URL) sends the token request and API calls to the configured host", async () => {
  const start = proxy.requests().length;
  process.env.MONGODB_ATLAS_BASE_URL = `http://${GOV}`;
  // The other service account: its token is not cached yet, so this run must ask for one.
  process.env.MONGODB_ATLAS_CLIENT_ID = sim.seed.readOnlyServiceAccount.clientId;
  process.env.MONGODB_ATLAS_CLIENT_SECRET = sim.seed.readOnlyServiceAccount.clientSecret;
  try {
    await connectToAtlas().getEndpointService(service());
  } finally {
    delete process.env.MONGODB_ATLAS_BASE_URL;
    delete process.env.MONGODB_ATLAS_CLIENT_ID;
    delete process.env.MONGODB_ATLAS_CLIENT_SECRET;
  }
  const requests = since(start);
  expect(requests.some((r) => r.path === "/api/oauth/token")).toBe(true);
  expect(requests.length).toBeGreaterThanOrEqual(2);
  expect(new Set(requests.map((r) => r.host))).toEqual(new Set([GOV]));
});

test("with an API key, the digest challenge and the signed request both go to the configured host", async () => {
  const start = proxy.requests().length;
  const client = new AtlasClient({ credentials: { kind: "apiKey", ...sim.seed.apiKey }, baseUrl: `http://${GOV}` });
  await client.getEndpointService(service());
  const requests = since(start);
  expect(requests.length).toBe(2); // the unsigned request that fetches the challenge, then the signed one
  expect(new Set(requests.map((r) => r.host))).toEqual(new Set([GOV]));
});

test("the proxy tells hosts apart: with the commercial host the same call goes to cloud.mongodb.com", async () => {
  const start = proxy.requests().length;
  const client = new AtlasClient({
    credentials: { kind: "serviceAccount", ...sim.seed.serviceAccount },
    baseUrl: "http://cloud.mongodb.com",
  });
  await client.getEndpointService(service());
  // Its own token too: one host's token is never sent to another.
  expect(since(start).map((r) => `${r.host} ${r.method} ${r.path.split("/").slice(0, 4).join("/")}`)).toEqual([
    "cloud.mongodb.com POST /api/oauth/token",
    "cloud.mongodb.com GET /api/atlas/v2",
  ]);
});
