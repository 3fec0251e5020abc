import { isAtlasNotFound } from "../../provider/client";
import { dataFederationEndpointSchema } from "../../provider/client/data-federation-endpoint-schemas";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";

let atlas: TestAtlas;
/** What the client logged (retries): nothing a credential may be in. */
const lines: string[] = [];

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => {
  expect(lines.filter((line) => line.includes(atlas.seed.apiKey.privateKey))).toEqual([]);
  await atlas.close();
});

const vpce = (n: number) => `vpce-${n.toString(16).padStart(17, "0").replace(/^0/, "a")}`;

describe("Data Federation private endpoints", () => {
  test("POST answers the project's list (201), the new entry in it; GET reads it; DELETE then 404", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    const groupId = atlas.seed.groupId;
    const endpointId = vpce(1);
    const list = await client.createDataFederationEndpoint({ groupId }, { endpointId, provider: "AWS", type: "DATA_LAKE", comment: "c" });
    expect(list.find((entry) => entry.endpointId === endpointId)).toMatchObject({ provider: "AWS", type: "DATA_LAKE", comment: "c" });
    expect(await client.getDataFederationEndpoint({ groupId, endpointId })).toMatchObject({ endpointId, comment: "c" });
    await atlas.config({ delays: { deletingMs: 0 } });
    await client.deleteDataFederationEndpoint({ groupId, endpointId });
    const error = await client.getDataFederationEndpoint({ groupId, endpointId }).catch((e: unknown) => e);
    expect(isAtlasNotFound(error)).toBe(true);
    const posted = apiRequests(await atlas.requests()).filter((r) => r.method === "POST" && r.status !== 401);
    expect(posted.map((r) => r.status)).toEqual([201]);
  });

  test("the list is read page by page (500 a page) until the last, short one", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    const groupId = atlas.seed.groupId;
    const ids = Array.from({ length: 501 }, (_, n) => vpce(1000 + n));
    for (let start = 0; start < ids.length; start += 25) {
      await Promise.all(
        ids
          .slice(start, start + 25)
          .map((endpointId) => client.createDataFederationEndpoint({ groupId }, { endpointId, provider: "AWS", type: "DATA_LAKE" })),
      );
    }
    await atlas.clearRequests();
    const listed = await client.listDataFederationEndpoints({ groupId });
    expect(
      listed
        .map((entry) => entry.endpointId)
        .filter((id) => ids.includes(id))
        .sort(),
    ).toEqual([...ids].sort());
    const reads = apiRequests(await atlas.requests()).filter((r) => r.method === "GET" && r.status === 200);
    expect(reads.map((r) => new URLSearchParams(r.query).get("pageNum"))).toEqual(["1", "2"]);
    expect(reads.every((r) => new URLSearchParams(r.query).get("itemsPerPage") === "500")).toBe(true);
  });

  test("the model keeps unknown statuses and fields, and reads null as absent", () => {
    const parsed = dataFederationEndpointSchema.parse({ endpointId: "vpce-1", status: "QUARANTINED", comment: null, later: { x: 1 } });
    expect(parsed).toEqual({ endpointId: "vpce-1", status: "QUARANTINED", later: { x: 1 } });
  });
});
