/** The regional-mode calls of the Atlas client against the simulator (whose answers the contract tests hold to the spec and the recording). */
import { AtlasApiError } from "../../provider/client";
import { regionalModeSchema } from "../../provider/client/regional-mode-schemas";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";

let atlas: TestAtlas;
const lines: string[] = [];

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

test("get reads the setting and the toggle PATCHes {enabled} with the 2023-01-01 media type, reading Atlas's 202 answer", async () => {
  const client = testClient(atlas, (line) => lines.push(line));
  const group = { groupId: atlas.seed.shardedProject.groupId };
  expect(await client.getRegionalMode(group)).toEqual({ enabled: false });
  expect(await client.setRegionalMode(group, true)).toEqual({ enabled: true });
  expect(await client.getRegionalMode(group)).toEqual({ enabled: true });
  expect(await client.setRegionalMode(group, false)).toEqual({ enabled: false });
  const answered = apiRequests(await atlas.requests()).filter((r) => r.path.endsWith("/privateEndpoint/regionalMode") && r.status !== 401);
  expect(answered.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "PATCH 202", "GET 200", "PATCH 202"]);
  const sent = atlas.proxy.requests().filter((r) => r.method === "PATCH" && r.path.endsWith("/privateEndpoint/regionalMode"));
  expect(sent.length).toBeGreaterThan(0);
  for (const request of sent) {
    expect(request.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");
    expect(request.headers["content-type"]).toBe("application/json");
  }
});

test("Atlas's refusal to enable in a project with replica sets is an AtlasApiError 409 with its code", async () => {
  const client = testClient(atlas, (line) => lines.push(line));
  const error = await client.setRegionalMode({ groupId: atlas.seed.groupId }, true).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AtlasApiError);
  expect(error).toMatchObject({ status: 409, errorCode: "CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS", fromAtlas: true });
  expect(apiRequests(await atlas.requests()).filter((r) => r.method === "PATCH" && r.status === 409)).toHaveLength(1);
});

test("an answer without enabled (or with null) does not parse; other fields are kept", () => {
  expect(regionalModeSchema.safeParse({ enabled: null }).success).toBe(false);
  expect(regionalModeSchema.parse({ enabled: true, later: 1 })).toEqual({ enabled: true, later: 1 });
});
