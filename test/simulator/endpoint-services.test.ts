import { vpceId } from "./helpers/ids";
import { HELD, stepUntil, useSimulator } from "./helpers/simulator-harness";

// Held phases (time scale 1: a new service INITIATING 3 s, deletion 10 s): the first look after a
// create sees INITIATING however slow the machine; waits step the simulator's clock 1 s per look.
const h = useSimulator(HELD);
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, 1000);

describe("endpoint services", () => {
  it("seeds one AVAILABLE service per cloud, plus a port-mapped GCP service", async () => {
    const { seed } = h.sim;
    const aws = await h.atlas.get(`${h.groupPath}/AWS/endpointService`);
    expect(aws.body).toEqual([expect.objectContaining({ id: seed.endpointServices.AWS, status: "AVAILABLE", cloudProvider: "AWS" })]);
    expect(aws.body[0].endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
    const azure = await h.atlas.get(`${h.groupPath}/AZURE/endpointService/${seed.endpointServices.AZURE}`);
    expect(azure.body).toMatchObject({ status: "AVAILABLE", privateLinkServiceName: `pls_${seed.endpointServices.AZURE}` });
    const gcp = await h.atlas.get(`${h.groupPath}/GCP/endpointService`);
    expect(gcp.body.map((service: any) => [service.id, service.portMappingEnabled]).sort()).toEqual(
      [
        [seed.endpointServices.GCP, false],
        [seed.endpointServices.GCP_PORT_MAPPED, true],
      ].sort(),
    );
  });

  it("creates a service INITIATING that becomes AVAILABLE, and refuses a second one in the same region", async () => {
    const created = await h.atlas.post(`${h.groupPath}/endpointService`, { providerName: "AWS", region: "EU_WEST_1" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      cloudProvider: "AWS",
      status: "INITIATING",
      regionName: "EU_WEST_1",
      interfaceEndpoints: [],
      endpointServiceName: null,
      errorMessage: null,
    });
    const servicePath = `${h.groupPath}/AWS/endpointService/${created.body.id}`;
    expect((await h.atlas.get(servicePath)).body.status).toBe("INITIATING");
    await until(
      async () => (await h.atlas.get(`${h.groupPath}/AWS/endpointService/${created.body.id}`)).body,
      (body) => body.status === "AVAILABLE",
    );
    const again = await h.atlas.post(`${h.groupPath}/endpointService`, { providerName: "AWS", region: "eu-west-1" });
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION");
  });

  it("refuses to delete a service that still has endpoints, and deletes an empty one", async () => {
    const created = await h.atlas.post(`${h.groupPath}/endpointService`, { providerName: "AWS", region: "AP_SOUTH_1" });
    const serviceId = created.body.id;
    const id = vpceId();
    expect((await h.atlas.post(h.endpointPath("AWS", serviceId), { id })).status).toBe(200);
    const refused = await h.atlas.delete(`${h.groupPath}/AWS/endpointService/${serviceId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe("CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS");
    await h.atlas.delete(`${h.endpointPath("AWS", serviceId)}/${id}`);
    await until(
      () => h.atlas.get(`${h.endpointPath("AWS", serviceId)}/${id}`),
      (r) => r.status === 404,
    );
    const deleted = await h.atlas.delete(`${h.groupPath}/AWS/endpointService/${serviceId}`);
    expect([deleted.status, deleted.body]).toEqual([202, {}]);
    const gone = await until(
      () => h.atlas.get(`${h.groupPath}/AWS/endpointService/${serviceId}`),
      (r) => r.status === 404,
    );
    expect(gone.body.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
  });

  it("updates supportedRemoteRegions of an AWS service", async () => {
    const serviceId = h.sim.seed.endpointServices.AWS;
    const updated = await h.atlas.request("PATCH", `${h.groupPath}/endpointService/${serviceId}`, {
      body: { cloudProvider: "AWS", supportedRemoteRegions: ["us-west-2"] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.supportedRemoteRegions).toEqual(["us-west-2"]);
  });

  it("rejects port mapping for a cloud other than GCP, naming the field", async () => {
    const response = await h.atlas.post(`${h.groupPath}/endpointService`, {
      providerName: "AZURE",
      region: "EUROPE_NORTH",
      portMappingEnabled: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("INVALID_ATTRIBUTE");
    expect(response.body.detail).toContain("portMappingEnabled");
  });
});
