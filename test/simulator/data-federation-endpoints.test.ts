import { AZURE_SUBSCRIPTION, MISSING_VPCE, azureId, vpceId } from "./helpers/ids";
import { HELD, stepUntil, useSimulator } from "./helpers/simulator-harness";

// Held phases (time scale 1: PENDING 4 s, DELETING 10 s): every wait steps the simulator's clock 1 s per look.
const h = useSimulator(HELD);
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, 1000);

const listPath = () => `/api/atlas/v2/groups/${h.sim.seed.groupId}/privateNetworkSettings/endpointIds`;
const entryPath = (endpointId: string) => `${listPath()}/${endpointId.startsWith("/") ? encodeURIComponent(endpointId) : endpointId}`;
const read = (endpointId: string) => h.atlas.get(entryPath(endpointId));

async function removeEntry(endpointId: string): Promise<void> {
  expect((await h.atlas.delete(entryPath(endpointId))).status).toBe(204);
  await until(
    async () => (await read(endpointId)).status,
    (status) => status === 404,
  );
}

afterEach(async () => {
  await h.controls.clearFaults();
  await h.controls.clearOutcomes();
  await h.controls.dialect(null);
});

describe("Data Federation private endpoint entries", () => {
  it("an AWS entry is added PENDING (201 with the project's list), then becomes OK", async () => {
    const endpointId = vpceId();
    const added = await h.atlas.post(listPath(), { endpointId, comment: "reporting VPC" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ links: [], totalCount: 1 });
    expect(added.body.results).toEqual([
      {
        azureLinkId: null,
        comment: "reporting VPC",
        customerEndpointDNSName: null,
        customerEndpointIPAddress: null,
        endpointId,
        errorMessage: null,
        provider: "AWS",
        region: null,
        status: "PENDING",
        type: "DATA_LAKE",
      },
    ]);
    expect((await read(endpointId)).body.status).toBe("PENDING");
    const ok = await until(
      () => read(endpointId),
      (response) => response.body.status === "OK",
    );
    expect(ok.body).toMatchObject({ endpointId, provider: "AWS", status: "OK", errorMessage: null });
    await removeEntry(endpointId);
  });

  it("POST is an upsert: the same id with a changed comment changes only the comment, and lists it once", async () => {
    const endpointId = vpceId();
    await h.atlas.post(listPath(), { endpointId, comment: "first", region: "US_EAST_1", customerEndpointDNSName: "vpce-a.example.com" });
    const [before] = await h.controls.dataFederationEndpoints();
    const again = await h.atlas.post(listPath(), {
      endpointId,
      comment: "second",
      region: "EU_WEST_1",
      customerEndpointDNSName: "vpce-b.example.com",
    });
    expect(again.status).toBe(201);
    expect(again.body.results).toHaveLength(1);
    expect(again.body.results[0]).toMatchObject({
      comment: "second",
      region: "US_EAST_1",
      customerEndpointDNSName: "vpce-a.example.com",
    });
    const [after] = await h.controls.dataFederationEndpoints();
    expect(after).toEqual({ ...before, comment: "second" });
    // Unchanged: nothing changes.
    expect((await h.atlas.post(listPath(), { endpointId, comment: "second" })).body.results).toEqual(again.body.results);
    await removeEntry(endpointId);
  });

  it("takes back the entry a client read, nulls and status included, to change its comment (Terraform's update)", async () => {
    const endpointId = vpceId();
    await h.atlas.post(listPath(), { endpointId });
    const entry = (
      await until(
        () => read(endpointId),
        (response) => response.body.status === "OK",
      )
    ).body;
    const changed = await h.atlas.post(listPath(), { ...entry, comment: "now commented" });
    expect(changed.status).toBe(201);
    expect(changed.body.results).toEqual([{ ...entry, comment: "now commented" }]);
    await removeEntry(endpointId);
  });

  it("finds an Azure entry by its resource id URL-encoded exactly once; unencoded reaches no route, double-encoded is refused", async () => {
    const endpointId = azureId();
    const added = await h.atlas.post(listPath(), {
      endpointId,
      provider: "AZURE",
      region: "US_EAST_2",
      customerEndpointIPAddress: "10.8.0.4",
      azureLinkId: "520100101",
    });
    expect(added.status).toBe(201);
    const found = await h.atlas.get(`${listPath()}/${encodeURIComponent(endpointId)}`);
    expect(found.body).toMatchObject({
      endpointId,
      provider: "AZURE",
      region: "US_EAST_2",
      customerEndpointIPAddress: "10.8.0.4",
      azureLinkId: "520100101",
    });
    // Azure ids are case-insensitive, as Azure's are.
    expect((await h.atlas.get(`${listPath()}/${encodeURIComponent(endpointId.replace("resourceGroups", "resourcegroups"))}`)).status).toBe(
      200,
    );
    const unencoded = await h.atlas.get(`${listPath()}${endpointId}`);
    expect(unencoded.body.errorCode).toBe("RESOURCE_NOT_FOUND");
    const doubly = await h.atlas.get(`${listPath()}/${encodeURIComponent(encodeURIComponent(endpointId))}`);
    expect(doubly.status).toBe(400);
    expect(doubly.body.errorCode).toBe("VALIDATION_ERROR");
    expect((await h.atlas.delete(`${listPath()}/${encodeURIComponent(endpointId)}`)).status).toBe(204);
    await until(
      async () => (await h.atlas.get(`${listPath()}/${encodeURIComponent(endpointId)}`)).status,
      (status) => status === 404,
    );
  });

  it("a delete answers 204, the entry answers DELETING, then 404 and Atlas lists it no more", async () => {
    const endpointId = vpceId();
    await h.atlas.post(listPath(), { endpointId });
    const removed = await h.atlas.delete(entryPath(endpointId));
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expect((await read(endpointId)).body.status).toBe("DELETING");
    expect((await h.atlas.get(listPath())).body.results.map((e: any) => [e.endpointId, e.status])).toEqual([[endpointId, "DELETING"]]);
    expect((await h.controls.dataFederationEndpoints()).map((e) => [e.endpointId, e.deleteRequested])).toEqual([[endpointId, true]]);
    // A repeated delete of an entry on its way out is accepted.
    expect((await h.atlas.delete(entryPath(endpointId))).status).toBe(204);
    const gone = await until(
      () => read(endpointId),
      (response) => response.status === 404,
    );
    expect(gone.body).toMatchObject({ errorCode: "DATA_FEDERATION_PRIVATE_ENDPOINT_NOT_FOUND", parameters: [endpointId] });
    expect((await h.atlas.delete(entryPath(endpointId))).body.errorCode).toBe("DATA_FEDERATION_PRIVATE_ENDPOINT_NOT_FOUND");
    expect(await h.controls.dataFederationEndpoints()).toEqual([]);
    expect((await h.atlas.get(listPath())).body).toEqual({ links: [], results: [], totalCount: 0 });
  });
});

describe("how an entry ends", () => {
  it("a test makes the next entry FAILED with its message, and only the next", async () => {
    expect(await h.controls.nextDataFederationEndpoint({ status: "FAILED", errorMessage: "Endpoint request rejected." })).toBe(1);
    const [failing, fine] = [vpceId(), vpceId()];
    await h.atlas.post(listPath(), { endpointId: failing });
    await h.atlas.post(listPath(), { endpointId: fine });
    expect((await read(failing)).body).toMatchObject({ status: "PENDING", errorMessage: null });
    const failed = await until(
      () => read(failing),
      (response) => response.body.status !== "PENDING",
    );
    expect(failed.body).toMatchObject({ status: "FAILED", errorMessage: "Endpoint request rejected." });
    const settled = await until(
      () => read(fine),
      (response) => response.body.status !== "PENDING",
    );
    expect(settled.body).toMatchObject({ status: "OK", errorMessage: null });
    await removeEntry(failing);
    await removeEntry(fine);
  });

  it("a test holds the next entry PENDING for good", async () => {
    await h.controls.nextDataFederationEndpoint({ status: "PENDING" });
    const endpointId = vpceId();
    await h.atlas.post(listPath(), { endpointId });
    await h.advance(3_600_000);
    expect((await read(endpointId)).body.status).toBe("PENDING");
    await removeEntry(endpointId);
  });

  it("an id the cloud does not have ends FAILED, naming it", async () => {
    await h.atlas.post(listPath(), { endpointId: MISSING_VPCE });
    const failed = await until(
      () => read(MISSING_VPCE),
      (response) => response.body.status !== "PENDING",
    );
    expect(failed.body.status).toBe("FAILED");
    expect(failed.body.errorMessage).toContain(MISSING_VPCE);
    await removeEntry(MISSING_VPCE);
  });

  it("the control refuses an outcome it does not know, naming the field", async () => {
    const refused = await h.controls.send("POST", "data-federation-endpoints/next", { status: "OK" });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("status");
  });
});

describe("entries Atlas refuses", () => {
  const aws = vpceId();
  it.each([
    ["no endpointId", {}, "MISSING_ATTRIBUTE", "endpointId"],
    ["an AWS id that is not a vpce id", { endpointId: "vpc-123" }, "INVALID_ATTRIBUTE", "vpc-123"],
    ["an Azure id that is not a private endpoint resource id", { endpointId: aws, provider: "AZURE" }, "INVALID_ATTRIBUTE", aws],
    ["a provider other than AWS and AZURE", { endpointId: aws, provider: "GCP" }, "INVALID_ATTRIBUTE", "GCP"],
    ["a provider in lower case", { endpointId: aws, provider: "aws" }, "INVALID_ATTRIBUTE", "aws"],
    ["a type other than DATA_LAKE", { endpointId: aws, type: "ONLINE_ARCHIVE" }, "INVALID_ATTRIBUTE", "ONLINE_ARCHIVE"],
    ["a region without its DNS name", { endpointId: aws, region: "US_EAST_1" }, "MISSING_ATTRIBUTE", "customerEndpointDNSName"],
    ["a DNS name without its region", { endpointId: aws, customerEndpointDNSName: "vpce.example.com" }, "MISSING_ATTRIBUTE", "region"],
    [
      "an Azure DNS name without its region",
      { endpointId: azureId(), provider: "AZURE", customerEndpointDNSName: "pe.example.com" },
      "MISSING_ATTRIBUTE",
      "region",
    ],
    ["an Azure link id on an AWS entry", { endpointId: aws, azureLinkId: "1" }, "INVALID_ATTRIBUTE", "1"],
    [
      "an IP address that is not one",
      { endpointId: azureId(), provider: "AZURE", customerEndpointIPAddress: "10.0.0" },
      "INVALID_ATTRIBUTE",
      "10.0.0",
    ],
    ["an unknown field", { endpointId: aws, vpcId: "vpc-1" }, "INVALID_ATTRIBUTE", "vpc-1"],
  ])("refuses %s with 400 naming it", async (_what, body, errorCode, parameter) => {
    const refused = await h.atlas.post(listPath(), body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode, parameters: [parameter] });
    expect(refused.headers.get("x-error-code")).toBe(errorCode);
    expect(await h.controls.dataFederationEndpoints()).toEqual([]);
  });

  it("takes an Azure entry's region without a DNS name, as Atlas does for Terraform's Azure test", async () => {
    const endpointId = `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-df`;
    expect((await h.atlas.post(listPath(), { endpointId, provider: "AZURE", region: "us-east-2" })).status).toBe(201);
    // Atlas writes region names as US_EAST_2.
    expect((await read(endpointId)).body.region).toBe("US_EAST_2");
    await removeEntry(endpointId);
  });
});

describe("the list", () => {
  it("pages by itemsPerPage and pageNum, counts unless includeCount=false, and refuses a page size out of bounds", async () => {
    const ids = [vpceId(), vpceId(), vpceId()];
    for (const endpointId of ids) await h.atlas.post(listPath(), { endpointId });
    const second = await h.atlas.get(`${listPath()}?itemsPerPage=2&pageNum=2`);
    expect(second.body).toEqual({ links: [], results: [expect.objectContaining({ endpointId: ids[2] })], totalCount: 3 });
    const uncounted = await h.atlas.get(`${listPath()}?includeCount=false`);
    expect(uncounted.body.totalCount).toBeUndefined();
    expect(uncounted.body.results.map((e: any) => e.endpointId)).toEqual(ids);
    const refused = await h.atlas.get(`${listPath()}?itemsPerPage=501`);
    expect(refused.body).toMatchObject({ errorCode: "VALIDATION_ERROR", parameters: ["501"] });
    for (const endpointId of ids) await removeEntry(endpointId);
  });
});

describe("the entries meet the same faults as every Atlas route", () => {
  it("an injected 503 on an add adds nothing, as the request log and Atlas's list show", async () => {
    await h.controls.fault({ method: "POST", pathPattern: "/privateNetworkSettings/endpointIds$", status: 503, count: 1 });
    await h.controls.clearRequests();
    const endpointId = vpceId();
    expect((await h.atlas.post(listPath(), { endpointId })).status).toBe(503);
    expect(await h.controls.dataFederationEndpoints()).toEqual([]);
    expect((await h.atlas.post(listPath(), { endpointId })).status).toBe(201);
    expect((await h.controls.requests()).map((r) => [r.method, r.status])).toEqual([
      ["POST", 503],
      ["POST", 201],
    ]);
    await removeEntry(endpointId);
  });

  it("with answers lost, the add runs and its answer is lost; the same add again lists the entry once", async () => {
    await h.controls.dialect({ answerLost: "drop" });
    const endpointId = vpceId();
    await expect(h.atlas.post(listPath(), { endpointId })).rejects.toThrow();
    expect((await h.controls.dataFederationEndpoints()).map((e) => e.endpointId)).toEqual([endpointId]);
    const retried = await h.atlas.post(listPath(), { endpointId });
    expect(retried.status).toBe(201);
    expect(retried.body.results.map((e: any) => e.endpointId)).toEqual([endpointId]);
    await h.controls.dialect(null);
    await removeEntry(endpointId);
  });

  it("answers envelope=true and pretty=true as every route does", async () => {
    const endpointId = vpceId();
    await h.atlas.post(listPath(), { endpointId });
    const enveloped = await h.atlas.get(`${entryPath(endpointId)}?envelope=true&pretty=true`);
    expect(enveloped.status).toBe(200);
    expect(enveloped.body).toMatchObject({ status: 200, content: { endpointId } });
    expect(enveloped.text).toContain('"status" : 200');
    await removeEntry(endpointId);
  });
});
