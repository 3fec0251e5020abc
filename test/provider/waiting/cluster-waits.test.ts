import { ResourceInitError } from "../../../provider/operations/resource-init-error";
import { UNKNOWN } from "../../../provider/vocabulary/validation";
import { TIME_SCALE_ENV } from "../../../provider/host/connection";
import { resetClusterWatchers } from "../../../provider/waiting/cluster-waits";
import { SharedRead } from "../../../provider/waiting/shared-read";
import { HELD_DELAY, HELD_MS, PROVIDER_TEXT, provider, TIME_SCALE, until, useHarness } from "../../support/provider-harness";

const harness = useHarness();

const control = (method: string, path: string, body?: unknown) => harness.control.call(method, path, body);
const clusterGets = async () => (await harness.requests()).filter((r) => r.method === "GET" && /\/clusters(\/|$)/.test(r.path));
const byName = (strings: { clusterName: string }[] | undefined) =>
  [...(strings ?? [])].sort((a, b) => a.clusterName.localeCompare(b.clusterName));

describe("waitForClusters in check", () => {
  test.each([
    ["yes", "waitForClusters", "must be true (every cluster of the project), false, or a list of cluster names"],
    [["orders", "bad name!"], "waitForClusters[1]", "must be an Atlas cluster name"],
    [["orders", "orders"], "waitForClusters[1]", "is listed twice"],
  ])("rejects %j naming the field and what is allowed", async (value, property, reason) => {
    const { failures } = await provider.check({}, harness.awsArgs({ waitForClusters: value }));
    expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringContaining(reason) })]);
  });

  test("accepts true, false, a list of names, and values not known yet in preview", async () => {
    for (const value of [true, false, ["orders", "analytics"], UNKNOWN, ["orders", UNKNOWN]]) {
      expect((await provider.check({}, harness.awsArgs({ waitForClusters: value }))).failures).toEqual([]);
    }
  });
});

describe("create waits for the clusters after AVAILABLE", () => {
  test("by default every cluster in the endpoint's region ends IDLE listing it, and its strings are outputs; clusters elsewhere are left out", async () => {
    // The clusters' update is held until the provider has said it waits for it, however slow the machine.
    await harness.delays({ clusterUpdateMs: HELD_DELAY });
    const creating = harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    const waitingFor = /cluster orders: UPDATING, waiting for it to apply the endpoint/;
    await until(async () => harness.progress.some((line) => waitingFor.test(line)), "the provider reports orders UPDATING");
    await harness.control.advance(HELD_MS);
    const created = await creating;
    const strings = byName(created.outs.privateConnectionStrings);
    expect(strings.map((s: { clusterName: string }) => s.clusterName)).toEqual(["analytics", "orders"]);
    expect(strings[0]).toEqual({
      clusterName: "analytics",
      type: "MONGOS",
      connectionString: expect.stringMatching(/^mongodb:\/\//),
      srvConnectionString: expect.stringMatching(/^mongodb\+srv:\/\//),
      srvShardOptimizedConnectionString: expect.stringMatching(/^mongodb\+srv:\/\//),
    });
    expect(strings[1]).toEqual({
      clusterName: "orders",
      type: "MONGOD",
      connectionString: expect.any(String),
      srvConnectionString: expect.any(String),
    });
    expect(harness.progress.some((line) => /cluster archive: IDLE; it has no nodes in the endpoint's region/.test(line))).toBe(true);
    expect(JSON.parse(JSON.stringify(created.outs))).toEqual(created.outs);
  });

  test("no credential is in the connection strings", async () => {
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    const text = JSON.stringify(created.outs.privateConnectionStrings);
    expect(created.outs.privateConnectionStrings?.length).toBeGreaterThan(0);
    for (const secret of [harness.seed.apiKey.privateKey, harness.seed.apiKey.publicKey, harness.seed.serviceAccount.clientSecret])
      expect(text).not.toContain(secret);
    // No user:password@ part and no password option in any string.
    expect(text).not.toMatch(/mongodb(\+srv)?:\/\/[^/"]*@/);
    expect(text).not.toMatch(/password=/i);
  });

  test("waitForClusters: false returns at AVAILABLE without reading clusters or outputting strings", async () => {
    await harness.clearRequests();
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs({ waitForClusters: false }))));
    expect(created.outs.connectionStatus).toBe("AVAILABLE");
    expect(created.outs).not.toHaveProperty("privateConnectionStrings");
    expect(await clusterGets()).toEqual([]);
  });

  test("a list of names waits for those clusters only", async () => {
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs({ waitForClusters: ["orders"] }))));
    expect(created.outs.privateConnectionStrings?.map((s: { clusterName: string }) => s.clusterName)).toEqual(["orders"]);
  });

  test("a named cluster with no nodes in the endpoint's region fails at once, saying why, and the endpoint stays recorded", async () => {
    const args = harness.awsArgs({ waitForClusters: ["orders", "archive"], timeouts: { create: "10m" } });
    await harness.clearRequests();
    const error = await harness.failure(provider.create(await harness.checked(args)));
    // At once: on the first look at the clusters, not after polling them.
    expect((await clusterGets()).filter((r) => r.status !== 401)).toHaveLength(1);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/cluster archive, which has no nodes in AWS US_EAST_1/);
    expect(error.id).toContain(args.endpointId as string);
    expect(error.properties).toMatchObject({ connectionStatus: "AVAILABLE", __provider: PROVIDER_TEXT });
  });

  test("a named cluster the project does not have fails at once, listing the clusters it has", async () => {
    const error = await harness.failure(provider.create(await harness.checked(harness.awsArgs({ waitForClusters: ["ordres"] }))));
    expect(error.message).toMatch(/no cluster of that name \(it has: .*orders/);
  });

  test("a cluster deleted during the wait is skipped", async () => {
    await control("POST", "clusters", { name: "scratch", regions: [{ providerName: "AWS", regionName: "US_EAST_1" }] });
    await control("POST", "clusters/scratch/busy", { busy: true });
    const creating = harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    while (!harness.progress.some((line) => line.includes("cluster scratch: UPDATING"))) await new Promise((r) => setTimeout(r, 10));
    await control("DELETE", "clusters/scratch");
    const created = await creating;
    expect(created.outs.privateConnectionStrings?.map((s: { clusterName: string }) => s.clusterName).sort()).toEqual([
      "analytics",
      "orders",
    ]);
    expect(harness.progress.some((line) => line.includes("cluster scratch: deleted; skipped"))).toBe(true);
  });

  test("a cluster held busy past the deadline fails naming it, the endpoint stays recorded, and the next up resumes the cluster wait", async () => {
    await control("POST", "clusters/analytics/busy", { busy: true });
    try {
      const args = harness.awsArgs({ timeouts: { create: "2s" } });
      const error = await harness.failure(provider.create(await harness.checked(args)));
      expect(error).toBeInstanceOf(ResourceInitError);
      expect(error.message).toMatch(/not every cluster applied it within the create timeout of 2s: cluster analytics \(UPDATING/);
      const recorded = error.properties as Record<string, unknown>;
      expect(recorded).toMatchObject({ connectionStatus: "AVAILABLE", waitForClusters: true });
      expect(recorded).not.toHaveProperty("privateConnectionStrings");
      await control("POST", "clusters/analytics/busy", { busy: false });
      const resumed = await harness.observe(provider.update(error.id as string, recorded, await harness.checked(args)));
      expect(byName(resumed.outs.privateConnectionStrings).map((s: { clusterName: string }) => s.clusterName)).toEqual([
        "analytics",
        "orders",
      ]);
    } finally {
      await control("POST", "clusters/analytics/busy", { busy: false });
    }
  });

  test("503s on the cluster reads beyond the client's retries do not end the cluster wait before its deadline", async () => {
    await harness.fault({ method: "GET", pathPattern: "/clusters$", status: 503, count: 12 });
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    expect(byName(created.outs.privateConnectionStrings).map((s: { clusterName: string }) => s.clusterName)).toEqual([
      "analytics",
      "orders",
    ]);
    const refused = (await harness.requests()).filter((r) => r.method === "GET" && /\/clusters(\?|$)/.test(r.path) && r.status === 503);
    expect(refused).toHaveLength(12);
  });

  test("403 on the clusters says which role is missing or to set waitForClusters: false", async () => {
    await harness.fault({ method: "GET", pathPattern: "/clusters$", status: 403, errorCode: "USER_UNAUTHORIZED", count: 1 });
    const error = await harness.failure(provider.create(await harness.checked(harness.awsArgs())));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/Project Read Only role/);
    expect(error.message).toMatch(/waitForClusters: false/);
    expect(error.properties).toMatchObject({ connectionStatus: "AVAILABLE" });
  });
});

describe("refresh", () => {
  test("updates privateConnectionStrings from the clusters", async () => {
    const created = await harness.observe(provider.create(await harness.checked(harness.awsArgs())));
    expect(created.outs.privateConnectionStrings).toHaveLength(2);
    await control("DELETE", "clusters/analytics");
    resetClusterWatchers(); // `pulumi refresh` is a new provider process: no cluster answer shared with the create
    const read = await harness.observe(provider.read(created.id, { ...created.outs, __provider: PROVIDER_TEXT }));
    expect(read.props?.privateConnectionStrings?.map((s: { clusterName: string }) => s.clusterName)).toEqual(["orders"]);
  });
});

describe("many endpoints in one project share the project's cluster reads", () => {
  const apiCalls = async () => (await harness.requests()).filter((r) => r.status !== 401 && r.path.startsWith("/api/atlas/"));
  type Strings = { clusterName: string; connectionString: string }[] | undefined;
  /**
   * Runs `work` with the provider and the simulator at `scale`: 20 creates at once on a loaded
   * machine need more than the harness scale's 300 ms request timeout, and a refresh (which waits
   * for nothing) runs at 1 so 20 reads at once on a loaded core stay within its request timeout.
   */
  const atScale = async <T>(scale: number, work: () => Promise<T>): Promise<T> => {
    const saved = process.env[TIME_SCALE_ENV];
    process.env[TIME_SCALE_ENV] = String(scale);
    await harness.config({ timeScale: scale });
    try {
      return await work();
    } finally {
      process.env[TIME_SCALE_ENV] = saved;
      await harness.config({ timeScale: TIME_SCALE });
    }
  };

  /**
   * Holds the cluster read the refreshes share (before it goes on the wire) until `callers` of them
   * have asked for it: every refresh arrives while it is in flight by count, not by a delay they
   * must all fit into. Restored after each test (the harness restores mocks).
   */
  const holdClusterReadUntilAsked = (callers: number) => {
    const original = SharedRead.prototype.read;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    jest.spyOn(SharedRead.prototype, "read").mockImplementation(function (this: SharedRead<unknown>, fetch, reuseMs) {
      asked += 1;
      if (asked >= callers) release();
      return original.call(
        this,
        async () => {
          await gate;
          return fetch();
        },
        reuseMs,
      );
    });
  };

  test("20 creates at once read the clusters at most once per create on average, and each gets its own strings", async () => {
    await harness.clearRequests();
    const inputs = await Promise.all(Array.from({ length: 20 }, () => harness.checked(harness.awsArgs())));
    const created = await atScale(0.1, () => Promise.all(inputs.map((i) => harness.observe(provider.create(i)))));
    const strings = created.map((one) => one.outs.privateConnectionStrings as Strings);
    for (const one of strings) expect(one?.length).toBeGreaterThan(0);
    // Each endpoint got the entries that name it, not another's: no connection string is handed to two endpoints.
    const all = strings.flatMap((one) => one!.map((s) => `${s.clusterName} ${s.connectionString}`));
    expect(new Set(all).size).toBe(all.length);
    const reads = (await clusterGets()).filter((r) => r.status !== 401);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(20);
  });

  test("a refresh of 20 endpoints in one project costs 21 requests: one read per endpoint and one shared cluster read", async () => {
    const inputs = await Promise.all(Array.from({ length: 20 }, () => harness.checked(harness.awsArgs())));
    const created = await atScale(0.1, () => Promise.all(inputs.map((i) => harness.observe(provider.create(i)))));
    resetClusterWatchers(); // `pulumi refresh` is a new provider process
    await harness.clearRequests();
    holdClusterReadUntilAsked(20);
    const read = await atScale(1, () =>
      Promise.all(created.map((c) => harness.observe(provider.read(c.id, { ...c.outs, __provider: PROVIDER_TEXT })))),
    );
    for (const [i, one] of read.entries()) expect(one.props?.privateConnectionStrings).toEqual(created[i]!.outs.privateConnectionStrings);
    const calls = await apiCalls();
    expect(calls.filter((r) => /\/endpoint\//.test(r.path))).toHaveLength(20);
    expect(calls.filter((r) => /\/clusters$/.test(r.path))).toHaveLength(1);
    expect(calls).toHaveLength(21);
  });

  test("a cluster read error reaches every refresh that shared it, and each keeps its recorded strings", async () => {
    const inputs = await Promise.all(Array.from({ length: 5 }, () => harness.checked(harness.awsArgs())));
    const created = await atScale(0.1, () => Promise.all(inputs.map((i) => harness.observe(provider.create(i)))));
    resetClusterWatchers(); // `pulumi refresh` is a new provider process
    await harness.clearRequests();
    await harness.fault({ method: "GET", pathPattern: "/clusters$", status: 403, errorCode: "USER_UNAUTHORIZED", count: 1 });
    holdClusterReadUntilAsked(5);
    const read = await atScale(1, () =>
      Promise.all(created.map((c) => harness.observe(provider.read(c.id, { ...c.outs, __provider: PROVIDER_TEXT })))),
    );
    for (const [i, one] of read.entries()) expect(one.props?.privateConnectionStrings).toEqual(created[i]!.outs.privateConnectionStrings);
    const clusterCalls = (await apiCalls()).filter((r) => /\/clusters$/.test(r.path));
    expect(clusterCalls.map((r) => r.status)).toEqual([403]);
    expect(
      harness.progress.filter((line) => /privateConnectionStrings kept as recorded: .*Project Read Only role/.test(line)),
    ).toHaveLength(5);
  });
});
