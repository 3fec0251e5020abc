import { ATLAS_ACCEPT } from "./helpers/atlas-client";
import { GCP_PROJECT, azureId, gcpName, vpceId } from "./helpers/ids";
import { useSimulator } from "./helpers/simulator-harness";

const h = useSimulator();

describe("path parameters", () => {
  it("answers 400 PATH_PARAM_PARSE_ERROR naming groupId for a malformed group id", async () => {
    const response = await h.atlas.get(`/api/atlas/v2/groups/not-a-group/privateEndpoint/AWS/endpointService`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 400, errorCode: "PATH_PARAM_PARSE_ERROR", reason: "Bad Request" });
    expect(response.body.detail).toContain("groupId");
  });

  it("answers 404 GROUP_NOT_FOUND for a well-formed group that does not exist", async () => {
    const response = await h.atlas.get(`/api/atlas/v2/groups/${"a".repeat(24)}/privateEndpoint/AWS/endpointService`);
    expect(response.status).toBe(404);
    expect(response.body.errorCode).toBe("GROUP_NOT_FOUND");
  });

  it("answers 400 PATH_PARAM_PARSE_ERROR naming cloudProvider for an unknown cloud", async () => {
    const response = await h.atlas.get(`${h.groupPath}/ORACLE/endpointService`);
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("PATH_PARAM_PARSE_ERROR");
    expect(response.body.detail).toContain("cloudProvider");
    expect(response.body.detail).toContain("AWS, AZURE, GCP");
  });

  it("answers 400 PATH_PARAM_PARSE_ERROR naming endpointServiceId for a malformed service id", async () => {
    const response = await h.atlas.post(`${h.groupPath}/AWS/endpointService/xyz/endpoint`, { id: vpceId() });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("PATH_PARAM_PARSE_ERROR");
    expect(response.body.parameters).toEqual(["xyz"]);
  });

  it("answers 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND for an unknown service or one of another cloud", async () => {
    const unknown = await h.atlas.post(h.endpointPath("AWS", "b".repeat(24)), { id: vpceId() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
    const otherCloud = await h.atlas.post(h.endpointPath("AWS", h.sim.seed.endpointServices.AZURE), { id: vpceId() });
    expect(otherCloud.status).toBe(404);
    expect(otherCloud.body.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
  });

  it("answers 400 VALIDATION_ERROR for an AWS endpoint id that is not a vpce id", async () => {
    const response = await h.atlas.get(`${h.endpointPath("AWS")}/vpc-123`);
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('endpointId="vpc-123"');
  });

  it("answers 404 PRIVATE_ENDPOINT_NOT_FOUND for an endpoint that was never created", async () => {
    const response = await h.atlas.get(`${h.endpointPath("AWS")}/${vpceId()}`);
    expect(response.status).toBe(404);
    expect(response.body.errorCode).toBe("PRIVATE_ENDPOINT_NOT_FOUND");
    const remove = await h.atlas.delete(`${h.endpointPath("GCP")}/${gcpName()}`);
    expect(remove.status).toBe(404);
  });
});

describe("request bodies", () => {
  it("answers 400 INVALID_JSON for a body that is not JSON", async () => {
    const response = await h.atlas.post(h.endpointPath("AWS"), "{not json");
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("INVALID_JSON");
  });

  it("answers 400 MISSING_ATTRIBUTE naming the field a cloud requires", async () => {
    const aws = await h.atlas.post(h.endpointPath("AWS"), {});
    expect(aws.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE", parameters: ["id"] });
    const azure = await h.atlas.post(h.endpointPath("AZURE"), { id: azureId() });
    expect(azure.body.errorCode).toBe("MISSING_ATTRIBUTE");
    expect(azure.body.detail).toContain("privateEndpointIPAddress");
    const gcp = await h.atlas.post(h.endpointPath("GCP"), { endpointGroupName: gcpName(), endpoints: [] });
    expect(gcp.body.detail).toContain("gcpProjectId");
  });

  it("answers 400 INVALID_ATTRIBUTE with the offending value for ids that break the spec pattern", async () => {
    const aws = await h.atlas.post(h.endpointPath("AWS"), { id: "vpce-XYZ" });
    expect(aws.status).toBe(400);
    expect(aws.body.errorCode).toBe("INVALID_ATTRIBUTE");
    expect(aws.body.detail).toContain('id="vpce-XYZ"');
    const gcpProject = await h.atlas.post(h.endpointPath("GCP"), {
      endpointGroupName: gcpName(),
      gcpProjectId: "my-project",
      endpoints: [{ endpointName: gcpName(), ipAddress: "10.0.0.2" }],
    });
    expect(gcpProject.body.detail).toContain('gcpProjectId="my-project"');
    const ip = await h.atlas.post(h.endpointPath("AZURE"), { id: azureId(), privateEndpointIPAddress: "10.0.0.300" });
    expect(ip.body.detail).toContain("privateEndpointIPAddress");
  });

  it("rejects attributes of another cloud instead of silently ignoring them", async () => {
    const response = await h.atlas.post(h.endpointPath("AWS"), { id: vpceId(), privateEndpointIPAddress: "10.0.0.4" });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("INVALID_ATTRIBUTE");
    expect(response.body.detail).toContain("privateEndpointIPAddress");
  });

  it("rejects a body whose cloudProvider contradicts the path", async () => {
    const response = await h.atlas.post(h.endpointPath("AWS"), { cloudProvider: "AZURE", id: vpceId() });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("cloudProvider");
    const matching = await h.atlas.post(h.endpointPath("GCP"), {
      cloudProvider: "GCP",
      endpointGroupName: gcpName(),
      gcpProjectId: GCP_PROJECT,
      endpoints: [{ endpointName: gcpName(), ipAddress: "10.0.0.2" }],
    });
    expect(matching.status).toBe(200);
  });
});

describe("API version, envelope and pretty", () => {
  it("answers 406 INVALID_VERSION_DATE without the versioned Accept header", async () => {
    const plain = await h.atlas.get(`${h.groupPath}/AWS/endpointService`, { accept: "application/json" });
    expect(plain.status).toBe(406);
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(plain.body.errorCode).toBe("INVALID_VERSION_DATE");
    expect(plain.body.detail).toContain(ATLAS_ACCEPT);
    const unknownVersion = await h.atlas.get(`${h.groupPath}/AWS/endpointService`, { accept: "application/vnd.atlas.2099-01-01+json" });
    expect(unknownVersion.status).toBe(406);
    expect(unknownVersion.body.detail).toContain("2099-01-01");
  });

  it("wraps a single entity as {status, content} with HTTP 200 when envelope=true", async () => {
    const id = vpceId();
    const created = await h.atlas.post(`${h.endpointPath("AWS")}?envelope=true`, { id });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ status: 200, content: expect.objectContaining({ interfaceEndpointId: id }) });
  });

  it("pretty-prints with pretty=true and answers compact JSON otherwise", async () => {
    const pretty = await h.atlas.get(`${h.groupPath}/AWS/endpointService?pretty=true`);
    expect(pretty.text).toContain('\n  {\n    "cloudProvider"');
    const compact = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(compact.text).not.toContain("\n");
  });

  it("answers 402 NO_PAYMENT_INFORMATION_FOUND on create for a project marked unpaid", async () => {
    await h.control("POST", "config", { unpaidGroups: [h.sim.seed.groupId] });
    try {
      const response = await h.atlas.post(h.endpointPath("AWS"), { id: vpceId() });
      expect(response.status).toBe(402);
      expect(response.body.errorCode).toBe("NO_PAYMENT_INFORMATION_FOUND");
    } finally {
      await h.control("POST", "config", { unpaidGroups: [] });
    }
    expect((await h.atlas.post(h.endpointPath("AWS"), { id: vpceId() })).status).toBe(200);
  });
});
