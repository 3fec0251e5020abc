import { AtlasTestClient, STREAMS_ACCEPT } from "./helpers/atlas-client";
import { GCP_PROJECT, azureId, gcpName, vpceId } from "./helpers/ids";
import { recorded } from "./helpers/recorder";
import { atlasContract, dataFederationContract, regionalModeContract, streamsContract, useSimulator } from "./helpers/simulator-harness";

const h = useSimulator();
const contract = atlasContract()!;
// Without the contract data there is no spec to check against (said once by atlasContract; CI fails instead).
const describeWithSpec = atlasContract() ? describe : describe.skip;

const createBodies = () => ({
  AWS: { id: vpceId() },
  AZURE: { id: azureId(), privateEndpointIPAddress: "10.9.0.4" },
  GCP: { endpointGroupName: gcpName(), gcpProjectId: GCP_PROJECT, endpoints: [{ endpointName: gcpName("rule"), ipAddress: "10.9.0.5" }] },
});

describeWithSpec("the contract check itself", () => {
  it("accepts a real AWS endpoint response and rejects one with a status outside the spec enum", () => {
    const good = { cloudProvider: "AWS", connectionStatus: "PENDING", deleteRequested: false, interfaceEndpointId: vpceId() };
    const schema = { $ref: "#/components/schemas/PrivateLinkEndpoint" };
    expect(contract.validateBody(schema, good)).toEqual([]);
    expect(contract.validateBody(schema, { ...good, connectionStatus: "READY" })).not.toEqual([]);
  });

  it("picks the discriminator branch by cloudProvider", () => {
    const schema = { $ref: "#/components/schemas/PrivateLinkEndpoint" };
    // GCP's status enum has VERIFIED; AWS's connectionStatus has no such field shape.
    expect(contract.validateBody(schema, { cloudProvider: "GCP", status: "VERIFIED" })).toEqual([]);
    expect(contract.validateBody(schema, { cloudProvider: "AZURE", status: "VERIFIED" })).not.toEqual([]);
    expect(contract.validateBody(schema, { cloudProvider: "IBM" })).not.toEqual([]);
  });

  it("honours nullable and flags an error body without errorCode", () => {
    const apiError = { $ref: "#/components/schemas/ApiError" };
    expect(contract.validateBody(apiError, { detail: null, error: 404, errorCode: "X", parameters: [], reason: null })).toEqual([]);
    expect(contract.validateBody(apiError, { detail: "x", error: 404 })).not.toEqual([]);
  });

  it("flags a status the operation does not declare and a wrong content type", () => {
    const path = `/api/atlas/v2/groups/${"a".repeat(24)}/privateEndpoint/AWS/endpointService/${"b".repeat(24)}/endpoint/${vpceId()}`;
    const apiError = JSON.stringify({ error: 418, errorCode: "TEAPOT" });
    expect(contract.check({ method: "GET", target: path, status: 418, contentType: "application/json", text: apiError })).not.toEqual([]);
    const entity = JSON.stringify({ cloudProvider: "AWS" });
    expect(contract.check({ method: "GET", target: path, status: 200, contentType: "application/json", text: entity })).not.toEqual([]);
    expect(
      contract.check({ method: "GET", target: path, status: 200, contentType: "application/vnd.atlas.2023-01-01+json", text: entity }),
    ).toEqual([]);
  });

  it("validates request bodies against the branch chosen by cloudProvider, avoiding the $ref cycle", () => {
    const bodies = createBodies();
    for (const cloud of ["AWS", "AZURE", "GCP"] as const) expect(contract.checkCreateEndpointRequest(cloud, bodies[cloud])).toEqual([]);
    expect(contract.checkCreateEndpointRequest("AWS", { id: "vpce-1" })).not.toEqual([]);
    expect(contract.checkCreateEndpointRequest("AZURE", { id: azureId() })).not.toEqual([]);
  });
});

describeWithSpec("simulator responses against the spec", () => {
  it("answers every operation, success and error, in the shape the spec declares", async () => {
    const start = recorded.length;
    const bodies = createBodies();
    for (const cloud of ["AWS", "AZURE", "GCP"] as const) {
      const base = h.endpointPath(cloud);
      const body = bodies[cloud];
      const id =
        cloud === "AWS" ? (body as any).id : cloud === "AZURE" ? encodeURIComponent((body as any).id) : (body as any).endpointGroupName;
      expect((await h.atlas.post(base, body)).status).toBe(200);
      expect((await h.atlas.post(base, body)).status).toBe(409);
      expect((await h.atlas.get(`${base}/${id}`)).status).toBe(200);
      expect((await h.atlas.get(`${base}/${id}?envelope=true`)).status).toBe(200);
      expect((await h.atlas.get(`${h.groupPath}/${cloud}/endpointService`)).status).toBe(200);
      expect((await h.atlas.get(`${h.groupPath}/${cloud}/endpointService/${h.sim.seed.endpointServices[cloud]}?pretty=true`)).status).toBe(
        200,
      );
      expect((await h.readOnly.delete(`${base}/${id}`)).status).toBe(403);
      expect((await h.atlas.delete(`${base}/${id}`)).status).toBe(204);
      expect(contract.checkCreateEndpointRequest(cloud, body)).toEqual([]);
    }
    expect((await h.atlas.post(`${h.groupPath}/endpointService`, { providerName: "GCP", region: "WESTERN_EUROPE" })).status).toBe(201);
    expect((await h.atlas.get(`/api/atlas/v2/groups/bad/privateEndpoint/AWS/endpointService`)).status).toBe(400);
    expect((await h.atlas.get(`${h.endpointPath("AWS")}/${vpceId()}`)).status).toBe(404);
    expect((await h.atlas.get(`${h.groupPath}/AWS/endpointService`, { accept: "application/json" })).status).toBe(406);

    const exchanges = recorded.slice(start);
    const statuses = new Set(exchanges.map((exchange) => exchange.status));
    expect([...statuses].sort()).toEqual([200, 201, 204, 400, 401, 403, 404, 406, 409]);
    expect(exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });
});

const newerContracts = () => {
  const [regional, dataFederation, streams] = [regionalModeContract(), dataFederationContract(), streamsContract()];
  return regional && dataFederation && streams ? { regional, dataFederation, streams } : undefined;
};
const describeWithNewerSpecs = newerContracts() ? describe : describe.skip;

describeWithNewerSpecs("the regional-mode, Data Federation and stream private link contract checks", () => {
  const group = `/api/atlas/v2/groups/${"a".repeat(24)}`;

  it("read each extract: an entry status, a stream version and a regional-mode body outside them are flagged", () => {
    const { regional, dataFederation, streams } = newerContracts()!;
    const entry = { $ref: "#/components/schemas/PrivateNetworkEndpointIdEntry" };
    expect(dataFederation.validateBody(entry, { endpointId: vpceId(), status: "OK", comment: null })).toEqual([]);
    expect(dataFederation.validateBody(entry, { endpointId: vpceId(), status: "READY" })).not.toEqual([]);
    const connection = JSON.stringify({ _id: "b".repeat(24), provider: "AWS", state: "IDLE" });
    const streamGet = { method: "GET", target: `${group}/streams/privateLinkConnections/${"b".repeat(24)}`, status: 200, text: connection };
    expect(streams.check({ ...streamGet, contentType: `${STREAMS_ACCEPT};charset=utf-8` })).toEqual([]);
    expect(streams.check({ ...streamGet, contentType: "application/vnd.atlas.2023-01-01+json;charset=utf-8" })).not.toEqual([]);
    const toggle = {
      method: "PATCH",
      target: `${group}/privateEndpoint/regionalMode`,
      contentType: "application/vnd.atlas.2023-01-01+json",
    };
    expect(regional.check({ ...toggle, status: 202, text: '{"enabled":true}' })).toEqual([]);
    expect(regional.check({ ...toggle, status: 202, text: '{"enabled":"yes"}' })).not.toEqual([]);
  });

  it("take `{}` for an accepted stream delete only, and check accepted request bodies against the version sent", () => {
    const { dataFederation, streams } = newerContracts()!;
    const streamDelete = {
      method: "DELETE",
      target: `${group}/streams/privateLinkConnections/${"b".repeat(24)}`,
      contentType: STREAMS_ACCEPT,
    };
    expect(streams.check({ ...streamDelete, status: 202, text: "{}" })).toEqual([]);
    expect(streams.check({ ...streamDelete, status: 202, text: '{"state":"DELETING"}' })).not.toEqual([]);
    const entryDelete = { method: "DELETE", target: `${group}/privateNetworkSettings/endpointIds/${vpceId()}`, contentType: null };
    expect(dataFederation.check({ ...entryDelete, status: 204, text: "" })).toEqual([]);
    expect(dataFederation.check({ ...entryDelete, status: 204, text: "{}" })).not.toEqual([]);
    const add = { method: "POST", target: `${group}/privateNetworkSettings/endpointIds`, status: 201, contentType: null, text: "" };
    const version = "application/vnd.atlas.2023-01-01+json";
    expect(dataFederation.checkAcceptedRequest({ ...add, requestBody: { endpointId: vpceId() }, requestContentType: version })).toEqual([]);
    expect(dataFederation.checkAcceptedRequest({ ...add, requestBody: { comment: "no id" }, requestContentType: version })).not.toEqual([]);
    expect(
      dataFederation.checkAcceptedRequest({ ...add, requestBody: { endpointId: vpceId() }, requestContentType: STREAMS_ACCEPT }),
    ).not.toEqual([]);
  });

  it("hold every operation's answers, success and error, to the extract that declares it", async () => {
    const { regional, dataFederation, streams } = newerContracts()!;
    const start = recorded.length;
    const sharded = `/api/atlas/v2/groups/${h.sim.seed.shardedProject.groupId}`;
    const own = `/api/atlas/v2/groups/${h.sim.seed.groupId}`;
    // A fresh digest client meets the challenge (401) first.
    const fresh = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", ...h.sim.seed.apiKey });
    expect((await fresh.get(`${sharded}/privateEndpoint/regionalMode?pretty=true`)).status).toBe(200);
    expect((await h.atlas.patch(`${sharded}/privateEndpoint/regionalMode`, { enabled: true })).status).toBe(202);
    expect((await h.atlas.patch(`${sharded}/privateEndpoint/regionalMode`, { enabled: false })).status).toBe(202);
    expect((await h.atlas.patch(`${own}/privateEndpoint/regionalMode`, { enabled: true })).status).toBe(409);
    expect((await h.atlas.patch(`${own}/privateEndpoint/regionalMode`, {})).status).toBe(400);
    expect((await h.readOnly.patch(`${own}/privateEndpoint/regionalMode`, { enabled: false })).status).toBe(403);

    const entries = `${own}/privateNetworkSettings/endpointIds`;
    const aws = vpceId();
    const azure = azureId();
    expect((await h.atlas.post(entries, { endpointId: aws, comment: "c" })).status).toBe(201);
    expect(
      (await h.atlas.post(entries, { endpointId: azure, provider: "AZURE", region: "US_EAST_2", customerEndpointIPAddress: "10.0.0.9" }))
        .status,
    ).toBe(201);
    expect((await h.atlas.post(entries, { endpointId: aws, region: "US_EAST_1" })).status).toBe(400);
    expect((await h.atlas.get(`${entries}?itemsPerPage=1&envelope=true`)).status).toBe(200);
    expect((await h.atlas.get(`${entries}/${encodeURIComponent(azure)}`)).status).toBe(200);
    expect((await h.atlas.get(`${entries}/${vpceId()}`)).status).toBe(404);
    expect((await h.atlas.delete(`${entries}/${aws}`)).status).toBe(204);
    expect((await h.atlas.delete(`${entries}/${encodeURIComponent(azure)}`)).status).toBe(204);

    const links = `${own}/streams/privateLinkConnections`;
    const msk = { provider: "AWS", vendor: "MSK", arn: "arn:aws:kafka:us-east-1:123456789012:cluster/c/1" };
    const created = await h.atlas.post(links, msk, { accept: STREAMS_ACCEPT });
    expect(created.status).toBe(200);
    expect((await h.atlas.post(links, msk, { accept: STREAMS_ACCEPT })).status).toBe(409);
    expect((await h.atlas.post(links, { provider: "AWS", vendor: "S3" }, { accept: STREAMS_ACCEPT })).status).toBe(400);
    expect((await h.atlas.get(links, { accept: STREAMS_ACCEPT })).status).toBe(200);
    expect((await h.atlas.get(`${links}/${created.body._id}`, { accept: STREAMS_ACCEPT })).status).toBe(200);
    expect((await h.atlas.get(links)).status).toBe(406);
    expect((await h.atlas.delete(`${links}/${created.body._id}`, { accept: STREAMS_ACCEPT })).status).toBe(202);
    expect((await h.atlas.delete(`${links}/${"c".repeat(24)}`, { accept: STREAMS_ACCEPT })).status).toBe(404);

    const exchanges = recorded.slice(start);
    const problems = exchanges.flatMap((exchange) =>
      [regional, dataFederation, streams].flatMap((contract) => [...contract.check(exchange), ...contract.checkAcceptedRequest(exchange)]),
    );
    expect(problems).toEqual([]);
    // Every answer above belongs to an operation of one of the three extracts.
    const held = exchanges.filter((exchange) =>
      [regional, dataFederation, streams].some((contract) => contract.operationFor(exchange.method, exchange.target.split("?")[0]!)),
    );
    expect(held.length).toBe(exchanges.length);
    expect([...new Set(held.map((exchange) => exchange.status))].sort()).toEqual([200, 201, 202, 204, 400, 401, 403, 404, 406, 409]);
  });
});
