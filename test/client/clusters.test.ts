import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AtlasClient, CLUSTER_MEDIA_TYPE, clusterSchema, isAtlasNotFound } from "../../provider/client";
import { apiRequests, startTestAtlas, type TestAtlas, testClient } from "../support/test-atlas";

let atlas: TestAtlas;
const lines: string[] = [];

beforeAll(async () => {
  atlas = await startTestAtlas();
});
afterAll(async () => atlas.close());

describe("cluster reads", () => {
  test("list and get use the newest version the cluster GETs offer (2024-08-05) and read the seeded clusters", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    expect(CLUSTER_MEDIA_TYPE).toBe("application/vnd.atlas.2024-08-05+json");
    const clusters = await client.listClusters({ groupId: atlas.seed.groupId });
    expect(clusters.map((c) => c.name).sort()).toEqual(["analytics", "archive", "inventory", "orders"]);
    const orders = await client.getCluster({ groupId: atlas.seed.groupId, clusterName: "orders" });
    expect(orders).toMatchObject({
      name: "orders",
      stateName: "IDLE",
      replicationSpecs: [{ regionConfigs: [{ providerName: "AWS", regionName: "US_EAST_1" }] }],
    });
    // The simulator answers 406 to any other version: both reads were answered (after the digest challenge).
    const answered = apiRequests(await atlas.requests()).filter((r) => r.path.includes("/clusters") && r.status !== 401);
    expect(answered.map((r) => r.status)).toEqual([200, 200]);
  });

  test("a cluster that does not exist is an AtlasApiError with status 404", async () => {
    const client = testClient(atlas, (line) => lines.push(line));
    const error = await client.getCluster({ groupId: atlas.seed.groupId, clusterName: "nope" }).catch((e: unknown) => e);
    expect(isAtlasNotFound(error)).toBe(true);
  });

  test("the model keeps unknown states and fields, and reads null as absent", () => {
    const parsed = clusterSchema.parse({
      name: "c",
      stateName: "RESTARTING",
      futureField: { x: 1 },
      paused: null,
      connectionStrings: {
        privateEndpoint: [
          {
            srvConnectionString: "mongodb+srv://c-pl-0.x.mongodb.net",
            srvShardOptimizedConnectionString: null,
            type: "MONGOD",
            endpoints: null,
          },
        ],
      },
      replicationSpecs: null,
    });
    expect(parsed.stateName).toBe("RESTARTING");
    expect((parsed as Record<string, unknown>).futureField).toEqual({ x: 1 });
    expect(parsed).not.toHaveProperty("paused");
    expect(parsed.connectionStrings?.privateEndpoint?.[0]).toEqual({
      srvConnectionString: "mongodb+srv://c-pl-0.x.mongodb.net",
      type: "MONGOD",
    });
    expect(clusterSchema.safeParse({ stateName: "IDLE" }).success).toBe(false);
  });

  test("list reads every page (500 per page) until totalCount", async () => {
    const pages: string[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      pages.push(`${url.searchParams.get("pageNum")}/${url.searchParams.get("itemsPerPage")}/${req.headers.accept}`);
      const page = Number(url.searchParams.get("pageNum"));
      const count = page === 1 ? 500 : 3;
      const results = Array.from({ length: count }, (_, i) => ({ name: `c${page}-${i}`, stateName: "IDLE" }));
      res.writeHead(200, { "Content-Type": CLUSTER_MEDIA_TYPE });
      res.end(JSON.stringify({ results, totalCount: 503 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const client = new AtlasClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { kind: "apiKey", publicKey: "abcdefgh", privateKey: "00000000-0000-0000-0000-000000000000" },
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        log: () => undefined,
      });
      const clusters = await client.listClusters({ groupId: "a".repeat(24) });
      expect(clusters).toHaveLength(503);
      expect(pages).toEqual([`1/500/${CLUSTER_MEDIA_TYPE}`, `2/500/${CLUSTER_MEDIA_TYPE}`]);
    } finally {
      server.close();
    }
  });
});
