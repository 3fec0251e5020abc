import { GCP_PROJECT, azureId, gcpName, vpceId } from "./helpers/ids";
import { recorded } from "./helpers/recorder";
import { atlasContract, useSimulator } from "./helpers/simulator-harness";

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
