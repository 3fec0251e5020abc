import { ATLAS_ACCEPT, STREAMS_ACCEPT, fetchToken } from "./helpers/atlas-client";
import { HELD, stepUntil, useSimulator, waitFor } from "./helpers/simulator-harness";

// Held phases (time scale 1: IDLE 2 s, WORKING 8 s, DELETE_REQUESTED 2 s, DELETING 10 s): every wait steps the
// simulator's clock 500 ms per look, so each state is seen however slow the machine.
const h = useSimulator(HELD);
const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) => stepUntil(h, read, done, 500);

const listPath = () => `/api/atlas/v2/groups/${h.sim.seed.groupId}/streams/privateLinkConnections`;
const create = (body: unknown) => h.atlas.post(listPath(), body, { accept: STREAMS_ACCEPT });
const read = (id: string) => h.atlas.get(`${listPath()}/${id}`, { accept: STREAMS_ACCEPT });
const remove = (id: string) => h.atlas.delete(`${listPath()}/${id}`, { accept: STREAMS_ACCEPT });

let serial = 0;
/** A distinct target per call, so no two bodies meet the one-connection-per-target rule by accident. */
const unique = () => `${Date.now().toString(36)}${serial++}`;
const MSK_ARN = () => `arn:aws:kafka:us-east-1:123456789012:cluster/orders-${unique()}/0b5e0d9c-4d4e-4b8e-9f7a-1c2d3e4f5a6b-2`;

/** One body per provider/vendor combination the extract lists, with the fields each vendor needs. */
const VALID: [string, () => Record<string, unknown>][] = [
  ["AWS MSK", () => ({ provider: "AWS", vendor: "MSK", arn: MSK_ARN(), authenticationScheme: "IAM" })],
  [
    "AWS CONFLUENT",
    () => ({
      provider: "AWS",
      vendor: "CONFLUENT",
      region: "us-east-1",
      serviceEndpointId: `com.amazonaws.vpce.us-east-1.vpce-svc-${unique()}`,
      dnsDomain: "abc123.us-east-1.aws.confluent.cloud",
      dnsSubDomain: [],
    }),
  ],
  ["AWS KINESIS", () => ({ provider: "AWS", vendor: "KINESIS", region: `us-east-${unique()}` })],
  ["AWS S3", () => ({ provider: "AWS", vendor: "S3", region: "us-east-1", serviceEndpointId: `com.amazonaws.us-east-1.s3-${unique()}` })],
  ["AWS LAMBDA", () => ({ provider: "AWS", vendor: "LAMBDA", region: `us-west-${unique()}` })],
  [
    "AZURE EVENTHUB",
    () => ({
      provider: "AZURE",
      vendor: "EVENTHUB",
      region: "eastus2",
      serviceEndpointId: `/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns-${unique()}`,
      dnsDomain: "ns.servicebus.windows.net",
    }),
  ],
  [
    "AZURE CONFLUENT",
    () => ({
      provider: "AZURE",
      vendor: "CONFLUENT",
      region: "eastus2",
      dnsDomain: `lkc-${unique()}.eastus2.azure.confluent.cloud`,
      azureResourceIds: ["/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateLinkServices/pls-1"],
    }),
  ],
  [
    "AZURE AZURE_BLOB_STORAGE",
    () => ({
      provider: "AZURE",
      vendor: "AZURE_BLOB_STORAGE",
      region: "eastus2",
      serviceEndpointId: `/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/acct${unique()}`,
      dnsDomain: "acct.blob.core.windows.net",
    }),
  ],
  [
    "GCP CONFLUENT",
    () => ({
      provider: "GCP",
      vendor: "CONFLUENT",
      region: "us-west1",
      dnsDomain: "abc.us-west1.gcp.confluent.cloud",
      gcpServiceAttachmentUris: [
        `projects/p/regions/us-west1/serviceAttachments/a-${unique()}`,
        "projects/p/regions/us-west1/serviceAttachments/b",
      ],
    }),
  ],
  ["GCP PUBSUB", () => ({ provider: "GCP", vendor: "PUBSUB", region: `us-central-${unique()}` })],
];

/** Deletes the connection and waits (on the simulator's clock) until Atlas has forgotten it. */
async function removeAndForget(id: string): Promise<void> {
  expect((await remove(id)).status).toBe(202);
  await until(
    async () => (await read(id)).status,
    (status) => status === 404,
  );
}

afterEach(async () => {
  await h.controls.clearFaults();
  await h.controls.clearOutcomes();
});

describe("stream processing private link connections", () => {
  it("an AWS MSK connection answers 200 IDLE with the region read from its arn, goes WORKING, then DONE with the interface endpoint it made", async () => {
    const arn = MSK_ARN();
    await h.controls.clearRequests();
    const created = await create({ provider: "AWS", vendor: "MSK", arn });
    expect(created.status).toBe(200);
    const answered = (await h.controls.requests()).filter((r) => r.auth !== "challenge");
    expect(answered.map((r) => [r.method, r.status, r.answeredStatus])).toEqual([["POST", 200, "IDLE"]]);
    expect(created.headers.get("content-type")).toBe(`${STREAMS_ACCEPT};charset=utf-8`);
    expect(created.body).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      provider: "AWS",
      vendor: "MSK",
      arn,
      region: "us-east-1",
      state: "IDLE",
      interfaceEndpointId: null,
      interfaceEndpointName: null,
      providerAccountId: expect.stringMatching(/^\d{12}$/),
    });
    const id = created.body._id as string;
    const seen = new Set<string>();
    const done = await until(
      () => read(id),
      (response) => {
        seen.add(response.body.state);
        return response.body.state === "DONE";
      },
    );
    expect([...seen]).toEqual(["IDLE", "WORKING", "DONE"]);
    expect(done.body.interfaceEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(done.body.interfaceEndpointName).toEqual(expect.any(String));
    expect(done.body.errorMessage).toBeNull();
    await removeAndForget(id);
  });

  it.each(VALID)("accepts %s with the fields its vendor needs, and makes its interface endpoint", async (_combination, body) => {
    const created = await create(body());
    expect(created.status).toBe(200);
    const done = await until(
      () => read(created.body._id),
      (response) => response.body.state === "DONE",
    );
    if (done.body.provider === "GCP") expect(done.body.gcpConnectionIds).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+$/)]));
    else expect(done.body.interfaceEndpointId).toEqual(expect.any(String));
    await removeAndForget(created.body._id);
  });

  it("without a vendor it is GENERIC, which needs a region and a service endpoint id", async () => {
    const refused = await create({ provider: "AWS", region: "us-east-1" });
    expect(refused.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE", parameters: ["serviceEndpointId"] });
    const created = await create({
      provider: "AWS",
      region: "us-east-1",
      serviceEndpointId: `com.amazonaws.vpce.us-east-1.vpce-svc-${unique()}`,
    });
    expect(created.body.vendor).toBe("GENERIC");
    await removeAndForget(created.body._id);
  });

  it("a delete answers 202 {}, then the connection is DELETE_REQUESTED, DELETING, and answers 404", async () => {
    const created = await create(VALID[3]![1]());
    const id = created.body._id as string;
    const removed = await remove(id);
    expect(removed.status).toBe(202);
    expect(removed.body).toEqual({});
    const seen = new Set<string>();
    const gone = await until(
      () => read(id),
      (response) => {
        if (response.status === 200) seen.add(response.body.state);
        return response.status === 404;
      },
    );
    expect([...seen]).toEqual(["DELETE_REQUESTED", "DELETING"]);
    expect(gone.body).toMatchObject({ errorCode: "STREAM_PRIVATE_LINK_NOT_FOUND", parameters: [id] });
    expect((await remove(id)).body.errorCode).toBe("STREAM_PRIVATE_LINK_NOT_FOUND");
    expect(await h.controls.streamPrivateLinks()).toEqual([]);
  });

  it("refuses a second connection to the same target with 409 until the first is deleting", async () => {
    const body = VALID[0]![1]();
    const first = await create(body);
    const second = await create(body);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ errorCode: "STREAM_PRIVATE_LINK_ALREADY_EXISTS", parameters: [first.body._id] });
    expect((await remove(first.body._id)).status).toBe(202);
    const again = await create(body);
    expect(again.status).toBe(200);
    expect((await h.controls.streamPrivateLinks()).map((c) => [c.connectionId, c.deleteRequested])).toEqual([
      [first.body._id, true],
      [again.body._id, false],
    ]);
    await removeAndForget(again.body._id);
    await until(
      async () => (await read(first.body._id)).status,
      (status) => status === 404,
    );
  });

  it("answers only in the 2023-02-01 version: 406 for another", async () => {
    const old = await h.atlas.get(listPath(), { accept: ATLAS_ACCEPT });
    expect(old.status).toBe(406);
    expect(old.body.errorCode).toBe("INVALID_VERSION_DATE");
    expect(old.body.detail).toContain(STREAMS_ACCEPT);
    expect((await h.atlas.get(listPath(), { accept: STREAMS_ACCEPT })).status).toBe(200);
  });
});

describe("how a connection ends", () => {
  it("a test makes the next connection FAILED with its message, without an interface endpoint", async () => {
    await h.controls.nextStreamPrivateLink({ state: "FAILED", errorMessage: "MSK cluster policy denies Atlas." });
    const created = await create(VALID[0]![1]());
    const failed = await until(
      () => read(created.body._id),
      (response) => response.body.state === "FAILED",
    );
    expect(failed.body).toMatchObject({ errorMessage: "MSK cluster policy denies Atlas.", interfaceEndpointId: null });
    await removeAndForget(created.body._id);
  });

  it("a test holds the next connection WORKING for good", async () => {
    await h.controls.nextStreamPrivateLink({ state: "WORKING" });
    const created = await create(VALID[0]![1]());
    await h.advance(3_600_000);
    expect((await read(created.body._id)).body.state).toBe("WORKING");
    await removeAndForget(created.body._id);
  });
});

describe("connections Atlas refuses", () => {
  it.each([
    ["no provider", { vendor: "MSK", arn: "arn:aws:kafka:us-east-1:1:cluster/a/b" }, "MISSING_ATTRIBUTE", "provider"],
    ["an unknown provider", { provider: "OCI", vendor: "MSK" }, "INVALID_ATTRIBUTE", "OCI"],
    ["a vendor its provider does not offer", { provider: "GCP", vendor: "MSK" }, "INVALID_ATTRIBUTE", "MSK"],
    ["an MSK connection without its arn", { provider: "AWS", vendor: "MSK" }, "MISSING_ATTRIBUTE", "arn"],
    [
      "an MSK connection with a region (Atlas reads it from the arn)",
      { provider: "AWS", vendor: "MSK", arn: "arn:aws:kafka:us-east-1:1:cluster/a/b", region: "us-east-1" },
      "INVALID_ATTRIBUTE",
      "us-east-1",
    ],
    [
      "an arn that is not an MSK cluster's",
      { provider: "AWS", vendor: "MSK", arn: "arn:aws:s3:::bucket" },
      "INVALID_ATTRIBUTE",
      "arn:aws:s3:::bucket",
    ],
    [
      "an AWS Confluent connection without its subdomains",
      { provider: "AWS", vendor: "CONFLUENT", region: "us-east-1", serviceEndpointId: "com.amazonaws.vpce.x", dnsDomain: "d" },
      "MISSING_ATTRIBUTE",
      "dnsSubDomain",
    ],
    [
      "an S3 connection without its service endpoint",
      { provider: "AWS", vendor: "S3", region: "us-east-1" },
      "MISSING_ATTRIBUTE",
      "serviceEndpointId",
    ],
    [
      "an Event Hubs connection without its domain",
      { provider: "AZURE", vendor: "EVENTHUB", region: "eastus2", serviceEndpointId: "/subscriptions/x" },
      "MISSING_ATTRIBUTE",
      "dnsDomain",
    ],
    [
      "an Azure Confluent connection without its resource ids",
      { provider: "AZURE", vendor: "CONFLUENT", region: "eastus2", dnsDomain: "d" },
      "MISSING_ATTRIBUTE",
      "azureResourceIds",
    ],
    [
      "a GCP Confluent connection without attachments",
      { provider: "GCP", vendor: "CONFLUENT", region: "us-west1", dnsDomain: "d" },
      "MISSING_ATTRIBUTE",
      "gcpServiceAttachmentUris",
    ],
    [
      "a GCP Confluent connection with a service endpoint id besides its attachments",
      { provider: "GCP", vendor: "CONFLUENT", region: "us-west1", dnsDomain: "d", gcpServiceAttachmentUris: ["a"], serviceEndpointId: "s" },
      "INVALID_ATTRIBUTE",
      "s",
    ],
    [
      "four service attachments (at most three)",
      { provider: "GCP", vendor: "CONFLUENT", region: "us-west1", dnsDomain: "d", gcpServiceAttachmentUris: ["a", "b", "c", "d"] },
      "INVALID_ATTRIBUTE",
      ["a", "b", "c", "d"],
    ],
    ["a Pub/Sub connection without its region", { provider: "GCP", vendor: "PUBSUB" }, "MISSING_ATTRIBUTE", "region"],
    [
      "an arn on an Azure connection",
      { provider: "AZURE", vendor: "EVENTHUB", arn: "arn:aws:kafka:us-east-1:1:cluster/a/b" },
      "INVALID_ATTRIBUTE",
      "arn:aws:kafka:us-east-1:1:cluster/a/b",
    ],
    ["an Azure resource id on an AWS connection", { provider: "AWS", vendor: "S3", azureResourceIds: ["r"] }, "INVALID_ATTRIBUTE", ["r"]],
    [
      "an unknown authentication scheme",
      { provider: "AWS", vendor: "MSK", arn: "arn:aws:kafka:us-east-1:1:cluster/a/b", authenticationScheme: "OAUTH" },
      "INVALID_ATTRIBUTE",
      "OAUTH",
    ],
    ["an unknown field", { provider: "AWS", vendor: "S3", bucket: "b" }, "INVALID_ATTRIBUTE", "b"],
  ])("refuses %s with 400 naming it", async (_what, body, errorCode, parameter) => {
    const refused = await create(body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode, parameters: [parameter] });
    expect(await h.controls.streamPrivateLinks()).toEqual([]);
  });

  it("refuses a connection id that names none with 404, whatever its shape", async () => {
    expect((await read("0".repeat(24))).body.errorCode).toBe("STREAM_PRIVATE_LINK_NOT_FOUND");
    expect((await read("not-an-id")).status).toBe(404);
  });
});

describe("the list and the faults every Atlas route meets", () => {
  it("lists every connection, paged", async () => {
    const ids: string[] = [];
    for (const [, body] of VALID.slice(0, 3)) ids.push((await create(body())).body._id);
    const all = await h.atlas.get(listPath(), { accept: STREAMS_ACCEPT });
    expect(all.body).toMatchObject({ links: [], totalCount: 3 });
    expect(all.body.results.map((c: any) => c._id)).toEqual(ids);
    const last = await h.atlas.get(`${listPath()}?itemsPerPage=2&pageNum=2`, { accept: STREAMS_ACCEPT });
    expect(last.body.results.map((c: any) => c._id)).toEqual([ids[2]]);
    for (const id of ids) await removeAndForget(id);
  });

  it("a delay fault holds a create on the simulator's clock; the create is carried out after its client gave up", async () => {
    await h.controls.fault({ method: "POST", pathPattern: "/streams/privateLinkConnections$", delayMs: 3_600_000, count: 1 });
    await h.controls.clearRequests();
    const { clientId, clientSecret } = h.sim.seed.serviceAccount;
    const token = await fetchToken(h.sim.baseUrl, clientId, clientSecret);
    const sent = fetch(`${h.sim.baseUrl}${listPath()}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": STREAMS_ACCEPT, Accept: STREAMS_ACCEPT },
      body: JSON.stringify(VALID[2]![1]()),
      signal: AbortSignal.timeout(50),
    });
    await expect(sent).rejects.toThrow();
    await waitFor(
      () => h.controls.inFlight(),
      (count) => count === 1,
    );
    expect(await h.controls.streamPrivateLinks()).toEqual([]);
    await h.advance(3_600_000);
    await h.controls.settled();
    const held = await h.controls.streamPrivateLinks();
    expect(held).toHaveLength(1);
    const created = (await h.controls.requests()).filter((r) => r.method === "POST" && r.path === listPath());
    expect(created.map((r) => [r.status, r.auth])).toEqual([[200, "bearer"]]);
    await removeAndForget(held[0]!.connectionId);
  });
});
