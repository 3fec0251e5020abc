import { randomBytes } from "node:crypto";
import { isAtlasNotFound, STREAM_PRIVATE_LINK_MEDIA_TYPE, streamPrivateLinkSchema } from "../../provider/client";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";

let atlas: TestAtlas;
const lines: string[] = [];

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

const arn = () => `arn:aws:kafka:eu-west-1:123456789012:cluster/c-${randomBytes(4).toString("hex")}/x`;

describe("stream private link operations", () => {
  test("speak their own API version, 2023-02-01, on every call while the rest of the client keeps 2023-01-01", async () => {
    expect(STREAM_PRIVATE_LINK_MEDIA_TYPE).toBe("application/vnd.atlas.2023-02-01+json");
    const client = testClient(atlas, (line) => lines.push(line));
    const before = atlas.proxy.requests().length;
    const made = await client.createStreamPrivateLink({ groupId: atlas.seed.groupId }, { provider: "AWS", vendor: "MSK", arn: arn() });
    await client.getStreamPrivateLink({ groupId: atlas.seed.groupId, connectionId: made.id });
    await client.listStreamPrivateLinks({ groupId: atlas.seed.groupId });
    await client.deleteStreamPrivateLink({ groupId: atlas.seed.groupId, connectionId: made.id });
    await client.listEndpointServices({ groupId: atlas.seed.groupId, cloudProvider: "AWS" });
    const sent = atlas.proxy
      .requests()
      .slice(before)
      .filter((r) => r.headers["user-agent"] !== undefined);
    const byPath = (part: string) => sent.filter((r) => r.path.includes(part)).map((r) => `${r.method} ${r.headers.accept}`);
    expect(new Set(byPath("/streams/privateLinkConnections"))).toEqual(
      new Set(["POST", "GET", "DELETE"].map((method) => `${method} application/vnd.atlas.2023-02-01+json`)),
    );
    expect(new Set(byPath("/endpointService"))).toEqual(new Set(["GET application/vnd.atlas.2023-01-01+json"]));
    // The simulator answers 406 to any other version: every stream call was answered by the operation.
    const answered = apiRequests(await atlas.requests()).filter((r) => r.path.includes("/streams/") && r.status !== 401);
    expect(answered.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 200", "GET 200", "GET 200", "DELETE 202"]);
  });

  test("create answers the connection IDLE under its id; list pages through the project's connections", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    const made = await client.createStreamPrivateLink({ groupId: atlas.seed.groupId }, { provider: "AWS", vendor: "MSK", arn: arn() });
    expect(made).toMatchObject({ provider: "AWS", vendor: "MSK", state: "IDLE", region: "eu-west-1" });
    expect(made.id).toMatch(/^[0-9a-f]{24}$/);
    const listed = await client.listStreamPrivateLinks({ groupId: atlas.seed.groupId });
    expect(listed.map((link) => link.id)).toContain(made.id);
    const query = apiRequests(await atlas.requests()).filter((r) => r.method === "GET" && r.path.endsWith("/privateLinkConnections"));
    expect(query.at(-1)?.query).toBe("itemsPerPage=500&pageNum=1");
  });

  test("a connection that does not exist is an AtlasApiError with status 404", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    const error = await client.getStreamPrivateLink({ groupId: atlas.seed.groupId, connectionId: "f".repeat(24) }).catch((e: unknown) => e);
    expect(isAtlasNotFound(error)).toBe(true);
  });

  test("the model reads `_id` as id, null as absent, and keeps states and fields Atlas adds later", () => {
    const parsed = streamPrivateLinkSchema.parse({
      _id: "a".repeat(24),
      provider: "GCP",
      vendor: "PUBSUB",
      state: "PAUSED",
      dnsDomain: "pubsub.googleapis.com",
      interfaceEndpointId: null,
      futureField: 1,
    });
    expect(parsed).toMatchObject({ id: "a".repeat(24), provider: "GCP", state: "PAUSED", futureField: 1 });
    expect(parsed).not.toHaveProperty("interfaceEndpointId");
    expect(parsed).not.toHaveProperty("_id");
    expect(streamPrivateLinkSchema.safeParse({ provider: "AWS" }).success).toBe(false);
  });
});
