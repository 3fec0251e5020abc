import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  AtlasApiError,
  type AtlasClient,
  AtlasResponseShapeError,
  isAtlasNotFound,
  type AtlasClientOptions,
  type EndpointRef,
  type ServiceRef,
} from "../../provider/client";
import { SecretScan } from "../support/secret-scan";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";

let atlas: TestAtlas;
const scan = new SecretScan();

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

function client(overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  return testClient(atlas, scan.log, overrides);
}

function service(cloudProvider: "AWS" | "AZURE" | "GCP"): ServiceRef {
  return { groupId: atlas.seed.groupId, cloudProvider, endpointServiceId: atlas.seed.endpointServices[cloudProvider] };
}

let vpceCounter = 1;
const nextVpce = () => `vpce-${(0x1000000 + vpceCounter++).toString(16).padStart(17, "0")}`;
const azureId = (name: string) =>
  `/subscriptions/cba6d9c6-1d3f-3c11-03cb-c705d895e636/resourceGroups/rg-${name}/providers/Microsoft.Network/privateEndpoints/pe-${name}`;

describe("AtlasClient against the simulator", () => {
  it("creates, reads and deletes an AWS endpoint", async () => {
    const atlasClient = client();
    const id = nextVpce();
    const created = await atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id });
    expect(created).toMatchObject({ cloudProvider: "AWS", connectionStatus: "PENDING_ACCEPTANCE", interfaceEndpointId: id });
    const ref: EndpointRef = { ...service("AWS"), endpointId: id };
    expect(await atlasClient.getPrivateEndpoint(ref)).toMatchObject({ cloudProvider: "AWS", interfaceEndpointId: id });
    await expect(atlasClient.deletePrivateEndpoint(ref)).resolves.toBeUndefined();
  });

  it("round-trips an Azure resource id through GET and DELETE, encoded exactly once", async () => {
    const atlasClient = client();
    const id = azureId("roundtrip");
    const created = await atlasClient.createPrivateEndpoint(service("AZURE"), {
      cloudProvider: "AZURE",
      id,
      privateEndpointIPAddress: "10.0.0.4",
    });
    expect(created).toMatchObject({ cloudProvider: "AZURE", status: "INITIATING", privateEndpointResourceId: id });
    const ref: EndpointRef = { ...service("AZURE"), endpointId: id };
    await atlas.clearRequests();
    expect(await atlasClient.getPrivateEndpoint(ref)).toMatchObject({ cloudProvider: "AZURE", privateEndpointResourceId: id });
    await atlasClient.deletePrivateEndpoint(ref);
    const paths = apiRequests(await atlas.requests()).map((entry) => `${entry.method} ${entry.status} ${entry.path}`);
    const encoded = encodeURIComponent(id);
    expect(encoded).toContain("%2F");
    expect(paths).toEqual([
      `GET 200 /api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AZURE/endpointService/${atlas.seed.endpointServices.AZURE}/endpoint/${encoded}`,
      `DELETE 204 /api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AZURE/endpointService/${atlas.seed.endpointServices.AZURE}/endpoint/${encoded}`,
    ]);
  });

  it("creates a GCP endpoint group with its forwarding rules, sending no cloudProvider in the body", async () => {
    const atlasClient = client();
    const created = await atlasClient.createPrivateEndpoint(service("GCP"), {
      cloudProvider: "GCP",
      gcpProjectId: "p-abcdefghijklmnopqrstuvwx",
      endpointGroupName: "group-one",
      endpoints: [
        { endpointName: "rule-one", ipAddress: "10.1.0.1" },
        { endpointName: "rule-two", ipAddress: "10.1.0.2" },
      ],
    });
    expect(created).toMatchObject({ cloudProvider: "GCP", status: "INITIATING", endpointGroupName: "group-one" });
    const read = await atlasClient.getPrivateEndpoint({ ...service("GCP"), endpointId: "group-one" });
    expect(read.cloudProvider === "GCP" && read.endpoints?.map((rule) => rule.endpointName)).toEqual(["rule-one", "rule-two"]);
  });

  it("reports a missing endpoint as AtlasApiError 404 that isAtlasNotFound recognizes", async () => {
    const error = await scan.rejection(client().getPrivateEndpoint({ ...service("AWS"), endpointId: nextVpce() }));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(isAtlasNotFound(error)).toBe(true);
    expect((error as AtlasApiError).errorCode).toBeDefined();
    expect(error.message).toMatch(
      new RegExp(`^Atlas answered 404 \\w+ for GET /api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AWS/`),
    );
  });

  it("reports a delete of a missing endpoint as 404 too", async () => {
    const error = await scan.rejection(client().deletePrivateEndpoint({ ...service("AWS"), endpointId: nextVpce() }));
    expect(isAtlasNotFound(error)).toBe(true);
  });

  it("names Atlas's errorCode for an unknown endpoint service", async () => {
    const missingService = { ...service("AWS"), endpointServiceId: "0123456789abcdef01234567" };
    const error = (await scan.rejection(
      client().createPrivateEndpoint(missingService, { cloudProvider: "AWS", id: nextVpce() }),
    )) as AtlasApiError;
    expect(error).toMatchObject({ status: 404, errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND", method: "POST" });
    expect(error.message).toBe(
      `Atlas answered 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND for POST /api/atlas/v2/groups/${atlas.seed.groupId}/privateEndpoint/AWS/endpointService/0123456789abcdef01234567/endpoint: ${error.detail}`,
    );
  });

  it("answers a duplicate create with AtlasApiError 409, without retrying it", async () => {
    const atlasClient = client();
    const id = nextVpce();
    await atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id });
    await atlas.clearRequests();
    const error = (await scan.rejection(atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id }))) as AtlasApiError;
    expect(error.status).toBe(409);
    expect(apiRequests(await atlas.requests())).toHaveLength(1);
  });

  it("does not retry a 400 and carries Atlas's parameters", async () => {
    await atlas.clearRequests();
    const error = (await scan.rejection(client().getPrivateEndpoint({ ...service("AWS"), endpointId: "not-a-vpce" }))) as AtlasApiError;
    expect(error.status).toBe(400);
    expect(error.parameters).toEqual(["not-a-vpce"]);
    expect(apiRequests(await atlas.requests())).toHaveLength(1);
  });

  it("gets 403 with the read-only key on create", async () => {
    const readOnly = client({ credentials: { kind: "apiKey", ...atlas.seed.readOnlyApiKey } });
    const error = (await scan.rejection(
      readOnly.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id: nextVpce() }),
    )) as AtlasApiError;
    expect(error.status).toBe(403);
    await expect(readOnly.getEndpointService(service("AWS"))).resolves.toMatchObject({ cloudProvider: "AWS" });
  });

  it("reads and lists the seeded endpoint services", async () => {
    const atlasClient = client();
    expect(await atlasClient.getEndpointService(service("AZURE"))).toMatchObject({
      cloudProvider: "AZURE",
      id: atlas.seed.endpointServices.AZURE,
      status: "AVAILABLE",
    });
    const gcp = await atlasClient.listEndpointServices({ groupId: atlas.seed.groupId, cloudProvider: "GCP" });
    expect(gcp.map((s) => s.id).sort()).toEqual([atlas.seed.endpointServices.GCP, atlas.seed.endpointServices.GCP_PORT_MAPPED].sort());
    expect(gcp.find((s) => s.id === atlas.seed.endpointServices.GCP_PORT_MAPPED)).toMatchObject({ portMappingEnabled: true });
  });

  it("sends envelope=true and unwraps {status, content}, errors included", async () => {
    const atlasClient = client({ envelope: true });
    await atlas.clearRequests();
    const id = nextVpce();
    const created = await atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id });
    // Parsing as an AWS endpoint proves the {status, content} wrapper was removed.
    expect(created).toMatchObject({ cloudProvider: "AWS", interfaceEndpointId: id });
    const duplicate = (await scan.rejection(
      atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id }),
    )) as AtlasApiError;
    expect(duplicate.status).toBe(409);
    const ref = { ...service("AWS"), endpointId: id };
    await atlasClient.deletePrivateEndpoint(ref);
    const log = apiRequests(await atlas.requests()).filter((entry) => entry.auth === "digest");
    expect(log.map((entry) => `${entry.method} ${entry.query}`)).toEqual([
      "POST envelope=true",
      "POST envelope=true",
      "DELETE envelope=true",
    ]);
  });

  it("sends pretty=true and parses the pretty-printed body", async () => {
    const atlasClient = client({ pretty: true, envelope: true });
    await atlas.clearRequests();
    expect(await atlasClient.getEndpointService(service("GCP"))).toMatchObject({ cloudProvider: "GCP" });
    const [entry] = apiRequests(await atlas.requests()).filter((e) => e.auth === "digest");
    expect(entry?.query).toBe("envelope=true&pretty=true");
  });

  it("rejects a request whose cloudProvider differs from the service's, before any HTTP", async () => {
    await atlas.clearRequests();
    await expect(
      client().createPrivateEndpoint(service("AWS"), { cloudProvider: "AZURE", id: azureId("x"), privateEndpointIPAddress: "10.0.0.1" }),
    ).rejects.toThrow('request.cloudProvider must equal service.cloudProvider (value="AZURE", service="AWS")');
    expect(await atlas.requests()).toEqual([]);
  });

  it("rejects a success body whose known field has the wrong type as AtlasResponseShapeError, without retrying; an unknown status is not that", async () => {
    // The simulator only answers well-formed bodies, so this one case uses a server that does not.
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { "Content-Type": "application/vnd.atlas.2023-01-01+json" });
      res.end(JSON.stringify({ cloudProvider: "AWS", connectionStatus: "SIDEWAYS", interfaceEndpointId: 7 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ref = { ...service("AWS"), endpointId: nextVpce() };
      const error = (await scan.rejection(client({ baseUrl }).getPrivateEndpoint(ref))) as AtlasResponseShapeError;
      expect(error).toBeInstanceOf(AtlasResponseShapeError);
      expect(error).toMatchObject({ name: "AtlasResponseShapeError", status: 200, method: "GET" });
      expect(error.issues).toMatch(/^interfaceEndpointId: /);
      expect(error.issues).not.toContain("connectionStatus");
      expect(error.message).toBe(`Atlas answered 200 for GET ${error.path} with an unexpected body: ${error.issues}`);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });

  it("sends the Atlas media type, its User-Agent, and Content-Type only with a body", async () => {
    const before = atlas.proxy.requests().length;
    const atlasClient = client();
    const id = nextVpce();
    await atlasClient.createPrivateEndpoint(service("AWS"), { cloudProvider: "AWS", id });
    await atlasClient.getPrivateEndpoint({ ...service("AWS"), endpointId: id });
    const [post, get] = atlas.proxy
      .requests()
      .slice(before)
      .filter((r) => r.headers["user-agent"] !== undefined);
    const { version } = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect(post?.headers).toMatchObject({
      accept: "application/vnd.atlas.2023-01-01+json",
      "content-type": "application/json",
      "user-agent": `pulumi-atlas-private-endpoint/${version}`,
    });
    expect(get?.method).toBe("GET");
    expect(get?.headers["content-type"]).toBeUndefined();
    expect(get?.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");
  });

  it("keeps credentials out of the client object itself", () => {
    const text = inspect(client(), { depth: 10, showHidden: true }) + JSON.stringify(client());
    expect(text).not.toContain(atlas.seed.apiKey.privateKey);
    expect(text).not.toContain(atlas.seed.apiKey.publicKey);
  });

  it("puts no key, token or digest response in any error or log line of this file", () => {
    expect(scan.errorCount).toBeGreaterThanOrEqual(8);
    scan.expectClean([
      atlas.seed.apiKey.publicKey,
      atlas.seed.apiKey.privateKey,
      atlas.seed.readOnlyApiKey.publicKey,
      atlas.seed.readOnlyApiKey.privateKey,
      ...atlas.proxy.secrets(),
    ]);
    expect(atlas.proxy.secrets().length).toBeGreaterThan(10);
  });
});
