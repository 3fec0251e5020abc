/**
 * What Atlas may answer that the OpenAPI document does not promise: statuses it adds later,
 * fields left out or null, other 2xx codes, answers lost after the work was done, 404s that are
 * not "this endpoint is gone". A rewriting proxy between the provider and the simulator produces
 * each; the simulator's endpoint list is what Atlas really holds, and it is compared with what the
 * provider returned or recorded, so nothing is ever left untracked.
 */
import { ResourceInitError } from "../../provider";
import {
  dataFederationProvider,
  HELD_DELAY,
  HELD_MS,
  hex,
  provider,
  PROVIDER_TEXT,
  stackConfig,
  useHarness,
  withEnv,
} from "../support/provider-harness";
import { startRewritingProxy, type Rewrite, type RewriteRule, type RewritingProxy } from "../support/rewriting-proxy";

const harness = useHarness();
let proxy: RewritingProxy;

beforeAll(async () => {
  proxy = await startRewritingProxy(harness.simulator.baseUrl);
  process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
});
beforeEach(async () => harness.clearRequests());
/** Every rule a test armed, with the uses it was given: each must have acted that often (afterEach). */
let armed: { rule: RewriteRule; uses: number | undefined }[] = [];
afterEach(() => {
  const rules = armed;
  armed = [];
  proxy.rules.length = 0;
  proxy.log.length = 0;
  const errors = proxy.errors.splice(0);
  expect(errors).toEqual([]);
  // A multi-rule variation is only tested if every one of its rules met the answer it changes.
  const idle = rules
    .filter(({ rule, uses }) => (uses === undefined ? (rule.fired ?? 0) === 0 : (rule.fired ?? 0) !== uses))
    .map(({ rule, uses }) => `${rule.method} ${rule.path} ${rule.rewrite.kind}: acted ${rule.fired ?? 0} time(s) of ${uses ?? "any"}`);
  expect(idle).toEqual([]);
});
afterAll(async () => proxy.close());

const POST = /\/endpoint$/;
const ONE = /\/endpoint\/[^/]+$/;
const SERVICE = /\/endpointService\/[0-9a-f]{24}$/;

function rewrite(method: string, path: RegExp, change: Rewrite, count?: number) {
  const rule: RewriteRule = { method, path, rewrite: change, count };
  proxy.rules.push(rule);
  armed.push({ rule, uses: count });
}
/** Statuses of the signed POSTs the simulator answered (digest challenges left out). */
const postStatuses = async () =>
  (await harness.requests()).filter((r) => r.method === "POST" && r.auth !== "challenge").map((r) => r.status);
const fired = (action: string) => proxy.log.filter((entry) => entry.action === action);

/** The Atlas id the simulator lists the endpoint under. */
const atlasId = (args: Record<string, unknown>) => String(args.cloudProvider === "GCP" ? args.endpointGroupName : args.endpointId);
async function inSimulator(args: Record<string, unknown>) {
  return (await harness.endpoints()).filter(
    (e) => e.endpointId.toLowerCase() === atlasId(args).toLowerCase() && e.endpointServiceId === args.endpointServiceId,
  );
}

const statusField = (cloud: unknown) => (cloud === "AWS" ? "connectionStatus" : "status");
const withStatus = (cloud: unknown, status: string | undefined) => (body: Record<string, unknown>) => {
  const copy = { ...body };
  if (status === undefined) delete copy[statusField(cloud)];
  else copy[statusField(cloud)] = status;
  return copy;
};

/** What the engine holds after a create: its result, or the id and outputs a ResourceInitError records. */
async function createAndRecord(args: Record<string, unknown>): Promise<{ id?: string; props?: Record<string, unknown>; error?: Error }> {
  try {
    const result = await harness.observe(provider.create(await harness.checked(args)));
    return { id: result.id, props: result.outs as unknown as Record<string, unknown> };
  } catch (error) {
    harness.seen.push(error);
    if (error instanceof ResourceInitError) return { id: error.id, props: error.properties, error };
    return { error: error as Error };
  }
}

/** Removes a recorded endpoint through the provider, as `pulumi destroy` would. */
async function destroy(id: string, props: Record<string, unknown>) {
  await provider.delete(id, { ...props, __provider: PROVIDER_TEXT });
}

describe("item 1: a tolerant wire model", () => {
  test("an unknown status in the create answer and the first reads is waited through, named in a progress line, and the create completes", async () => {
    const args = harness.awsArgs();
    rewrite("POST", POST, { kind: "body", change: withStatus("AWS", "PENDING_REVIEW") }, 1);
    rewrite("GET", ONE, { kind: "body", change: withStatus("AWS", "PENDING_REVIEW") }, 2);
    const { id, props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(id).toBeDefined();
    expect(props).toMatchObject({ connectionStatus: "AVAILABLE", adopted: false });
    expect(fired("body")).toHaveLength(3);
    expect(
      harness.progress.some((line) =>
        /status PENDING_REVIEW, which this provider version does not know; treating it as still in progress/.test(line),
      ),
    ).toBe(true);
  });

  test("a create answer with no status, nulls and fields Atlas added later is registered and completes", async () => {
    const args = harness.gcpArgs();
    rewrite(
      "POST",
      POST,
      {
        kind: "body",
        change: (body) => ({
          ...withStatus("GCP", undefined)(body),
          errorMessage: null,
          serviceAttachmentNames: null,
          newFeature: { enabled: true },
        }),
      },
      1,
    );
    const { props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(props).toMatchObject({ status: "AVAILABLE" });
    expect(fired("body")).toHaveLength(1);
  });

  test("a 2xx create whose body cannot be read is recorded and read again, never thrown without an id", async () => {
    const args = harness.azureArgs();
    rewrite("POST", POST, { kind: "body", change: () => ["not", "an", "endpoint"] }, 1);
    const { id, props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(id).toContain(":AZURE:");
    expect(props).toMatchObject({ status: "AVAILABLE" });
    expect(harness.progress.some((line) => line.includes("its answer could not be read"))).toBe(true);
    expect(await inSimulator(args)).toHaveLength(1);
  });

  test("an unknown status until the deadline ends as any deadline does: recorded with the status named", async () => {
    const args = harness.awsArgs({ timeouts: { create: "1s" } });
    rewrite("POST", POST, { kind: "body", change: withStatus("AWS", "PENDING_REVIEW") });
    rewrite("GET", ONE, { kind: "body", change: withStatus("AWS", "PENDING_REVIEW") });
    const { id, props, error } = await createAndRecord(args);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error!.message).toMatch(/was not AVAILABLE within the create timeout of 1s? ?.*\(last status PENDING_REVIEW\)/);
    expect(id).toBeDefined();
    expect(props).toMatchObject({ connectionStatus: "PENDING_REVIEW" });
  });

  test("refresh records a status it does not know verbatim", async () => {
    const args = harness.awsArgs();
    const { id, props } = await createAndRecord(args);
    rewrite("GET", ONE, { kind: "body", change: withStatus("AWS", "QUARANTINED") }, 1);
    const refreshed = await harness.observe(provider.read(id!, { ...props, __provider: PROVIDER_TEXT }));
    expect(refreshed.id).toBe(id);
    expect(refreshed.props).toMatchObject({ connectionStatus: "QUARANTINED" });
    expect(fired("body")).toHaveLength(1);
  });

  test("accepts 201 for a create and 202 or 204 for a delete", async () => {
    // The simulator answers each status itself (its dialect), so both halves differ from its default
    // (200 create, 204 delete) or from each other; the log shows the statuses the provider was given.
    try {
      for (const deleteStatus of [202, 204] as const) {
        await harness.control.dialect({ endpointCreateStatus: 201, endpointDeleteStatus: deleteStatus });
        await harness.clearRequests();
        const args = harness.awsArgs();
        const { id, props, error } = await createAndRecord(args);
        expect(error).toBeUndefined();
        await destroy(id!, props!);
        const writes = (await harness.requests()).filter((r) => r.method !== "GET" && r.auth !== "challenge");
        expect(writes.map((r) => [r.method, r.status])).toEqual([
          ["POST", 201],
          ["DELETE", deleteStatus],
        ]);
        expect(await inSimulator(args)).toHaveLength(0);
      }
    } finally {
      await harness.control.dialect(null);
    }
  });
});

describe("item 2: this create's own retried POST", () => {
  test("a 409 after Atlas carried out a POST whose answer was dropped continues with the endpoint even with adoptExisting false, not as adopted", async () => {
    const args = harness.awsArgs({ adoptExisting: false });
    rewrite("POST", POST, { kind: "forwardThenDrop" }, 1);
    const { props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(props).toMatchObject({ connectionStatus: "AVAILABLE", adopted: false });
    expect(fired("forwardThenDrop")).toHaveLength(1);
    // The retry met the endpoint the dropped attempt created.
    expect(await postStatuses()).toEqual([200, 409]);
    expect(await inSimulator(args)).toHaveLength(1);
  });

  test("a 409 after a 502 that came once Atlas had done the work is the create's own too", async () => {
    const args = harness.gcpArgs({ adoptExisting: false });
    rewrite("POST", POST, { kind: "forwardThen502" }, 1);
    const { props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(props).toMatchObject({ status: "AVAILABLE", adopted: false });
    expect(fired("forwardThen502")).toHaveLength(1);
    expect(harness.progress.some((line) => line.includes("a retried create found it already registered"))).toBe(true);
  });

  test("a 409 after only 429s is someone else's endpoint: not taken over with adoptExisting false", async () => {
    const args = harness.awsArgs({ adoptExisting: false });
    const existing = await createAndRecord(harness.awsArgs({ endpointId: args.endpointId }));
    await harness.fault({ method: "POST", pathPattern: "/endpoint$", status: 429, retryAfterSeconds: 0, count: 1 });
    const { id, error } = await createAndRecord(args);
    expect(error?.message).toMatch(/adoptExisting is false, so it is not taken over/);
    expect(id).toBeUndefined();
    expect(await postStatuses()).toEqual([200, 429, 409]);
    await destroy(existing.id!, existing.props!);
  });

  test("a create whose every attempt was refused (never reached Atlas) fails and records nothing", async () => {
    const closedPort = `http://127.0.0.1:1`;
    const args = harness.awsArgs();
    const { id, error } = await withEnv({ MONGODB_ATLAS_BASE_URL: closedPort }, () => createAndRecord(args));
    expect(error?.message).toMatch(/ECONNREFUSED/);
    // Nothing recorded: no id for the engine, and no outputs it could keep.
    expect(id).toBeUndefined();
    expect(error).not.toBeInstanceOf(ResourceInitError);
  });
});

describe("item 3: eventual consistency after a lost answer", () => {
  test("a dropped create answer, a 409 on the retry and 404s while Atlas catches up: the endpoint is found within the grace period", async () => {
    const args = harness.awsArgs({ adoptExisting: false });
    rewrite("POST", POST, { kind: "forwardThenDrop" }, 1);
    // One 404 more than the grace's floor of three looks: only the grace's time (300 ms here, these
    // four looks take about 80) carries the create past the fourth.
    rewrite("GET", ONE, { kind: "atlas404" }, 4);
    const { props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(props).toMatchObject({ connectionStatus: "AVAILABLE", adopted: false });
    expect(fired("atlas404")).toHaveLength(4);
    // The retry met the endpoint the dropped attempt created: Atlas said 409.
    expect(await postStatuses()).toEqual([200, 409]);
  });

  test("a 502 after Atlas did the work, 5xx on every retry, then 404s: found within the grace period, not an error without id", async () => {
    const args = harness.azureArgs();
    rewrite("POST", POST, { kind: "forwardThen502" }, 1);
    rewrite("POST", POST, { kind: "answer", status: 500 });
    rewrite("GET", ONE, { kind: "atlas404" }, 2);
    const { id, props, error } = await createAndRecord(args);
    expect(error).toBeUndefined();
    expect(id).toBeDefined();
    expect(props).toMatchObject({ status: "AVAILABLE", adopted: false });
    expect(fired("forwardThen502")).toHaveLength(1);
    expect(fired("answer").length).toBeGreaterThan(0);
    expect(fired("atlas404")).toHaveLength(2);
  });

  test("a lost answer whose endpoint Atlas never lists within the grace period is recorded as unconfirmed", async () => {
    const args = harness.awsArgs();
    rewrite("POST", POST, { kind: "forwardThen502" }, 1);
    rewrite("POST", POST, { kind: "answer", status: 503 });
    rewrite("GET", ONE, { kind: "atlas404" });
    const { id, props, error } = await createAndRecord(args);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error!.message).toMatch(/did not list it within the grace period/);
    expect(id).toBeDefined();
    expect(props).not.toHaveProperty("connectionStatus");
    // Atlas has it: the stack holds it, so the next up or refresh settles it; destroy removes it.
    expect(await inSimulator(args)).toHaveLength(1);
    proxy.rules.length = 0;
    await destroy(id!, props!);
    expect(await inSimulator(args)).toHaveLength(0);
  });
});

describe("item 4: gone means Atlas said this endpoint is gone", () => {
  async function created() {
    const args = harness.awsArgs();
    const { id, props } = await createAndRecord(args);
    return { args, id: id!, props: { ...props!, __provider: PROVIDER_TEXT } as Record<string, unknown> };
  }

  test("refresh keeps the endpoint when a 404 comes without an Atlas error body, naming the base URL to check", async () => {
    const { args, id, props } = await created();
    rewrite("GET", ONE, { kind: "foreign404" });
    const error = await harness.failure(provider.read(id, props));
    expect(error.message).toMatch(/without an Atlas error body.*MONGODB_ATLAS_BASE_URL.*the stack keeps it as it was/);
    expect(fired("foreign404").length).toBeGreaterThan(0);
    expect(await inSimulator(args)).toHaveLength(1);
    proxy.rules.length = 0;
    await destroy(id, props);
  });

  test("destroy keeps the endpoint in the stack when the DELETE meets a 404 without an Atlas error body", async () => {
    const { args, id, props } = await created();
    rewrite("DELETE", ONE, { kind: "foreign404" });
    const error = await harness.failure(provider.delete(id, props));
    expect(error.message).toMatch(/without an Atlas error body.*it stays in the stack/);
    expect(fired("foreign404")).toHaveLength(1);
    expect(await inSimulator(args)).toHaveLength(1);
    proxy.rules.length = 0;
    await destroy(id, props);
  });

  test("refresh of an endpoint whose project Atlas does not know (GROUP_NOT_FOUND) fails, keeps it, and says how to remove it from the stack", async () => {
    const { id, props } = await created();
    const groupId = hex(24);
    const error = await harness.failure(provider.read(id.replace(String(props.groupId), groupId), { ...props, groupId }));
    expect(error.message).toContain("GROUP_NOT_FOUND");
    expect(error.message).toContain("pulumi state delete");
    expect(error.message).toContain("the stack keeps it as it was");
    await destroy(id, props);
  });

  test("destroy of an endpoint whose project Atlas does not know fails rather than reporting it deleted", async () => {
    const { id, props } = await created();
    const groupId = hex(24);
    const error = await harness.failure(provider.delete(id.replace(String(props.groupId), groupId), { ...props, groupId }));
    expect(error.message).toMatch(/GROUP_NOT_FOUND.*pulumi state delete.*it stays in the stack/);
    await destroy(id, props);
  });

  test("refresh drops an endpoint Atlas answers 404 for while its endpoint service answers 200", async () => {
    const { args, id, props } = await created();
    await destroy(id, props);
    expect(await inSimulator(args)).toHaveLength(0);
    const refreshed = await harness.observe(provider.read(id, props));
    expect(refreshed.id).toBe("");
    expect((await harness.requests()).some((r) => r.method === "GET" && SERVICE.test(r.path) && r.status === 200)).toBe(true);
  });

  test("refresh drops an endpoint whose endpoint service is gone (PRIVATE_ENDPOINT_SERVICE_NOT_FOUND)", async () => {
    const { id, props } = await created();
    const serviceId = hex(24);
    const refreshed = await harness.observe(
      provider.read(id.replace(String(props.endpointServiceId), serviceId), { ...props, endpointServiceId: serviceId }),
    );
    expect(refreshed.id).toBe("");
    expect(harness.progress.some((line) => line.includes(`endpoint service ${serviceId} is gone from Atlas`))).toBe(true);
    await destroy(id, props);
  });

  test("a base URL with a path is rejected when credentials are resolved, naming the key it came from", async () => {
    const args = harness.awsArgs();
    const fromEnv = await withEnv({ MONGODB_ATLAS_BASE_URL: `${proxy.baseUrl}/api/atlas/v2` }, () => createAndRecord(args));
    expect(fromEnv.error?.message).toMatch(/^MONGODB_ATLAS_BASE_URL must be the Atlas origin with no path.*"\/api\/atlas\/v2"/);
    await provider.configure(stackConfig({ "mongodbatlas:baseUrl": `${proxy.baseUrl}/v2/`, ...keysConfig() }) as never);
    const fromConfig = await createAndRecord(args);
    expect(fromConfig.error?.message).toMatch(/^mongodbatlas:baseUrl must be the Atlas origin with no path/);
    expect(proxy.log).toHaveLength(0);
    expect(await inSimulator(args)).toHaveLength(0);
  });
});

function keysConfig() {
  return { "mongodbatlas:publicKey": harness.seed.apiKey.publicKey, "mongodbatlas:privateKey": harness.seed.apiKey.privateKey };
}

describe("across every rewrite, no orphan and no create thrown without an id", () => {
  const variations: { name: string; rules: (cloud: string) => [string, RegExp, Rewrite, number | undefined][] }[] = [
    {
      name: "an unknown status inserted",
      rules: (c) => [
        ["POST", POST, { kind: "body", change: withStatus(c, "PENDING_REVIEW") }, 1],
        ["GET", ONE, { kind: "body", change: withStatus(c, "PENDING_REVIEW") }, 2],
      ],
    },
    { name: "no status in the create answer", rules: (c) => [["POST", POST, { kind: "body", change: withStatus(c, undefined) }, 1]] },
    {
      name: "nulls for every absent field",
      rules: () => [
        [
          "POST",
          POST,
          { kind: "body", change: (b) => ({ ...b, errorMessage: null, deleteRequested: null, interfaceEndpointId: null }) },
          1,
        ],
      ],
    },
    {
      name: "fields Atlas added later",
      rules: () => [
        ["POST", POST, { kind: "body", change: (b) => ({ ...b, region: "eu-west-1", tags: [{ k: "v" }] }) }, 1],
        ["GET", ONE, { kind: "body", change: (b) => ({ ...b, extra: null, more: 1 }) }, undefined],
      ],
    },
    { name: "201 for the create", rules: () => [["POST", POST, { kind: "status", status: 201 }, 1]] },
    { name: "an unreadable create body", rules: () => [["POST", POST, { kind: "body", change: () => "yes" }, 1]] },
    { name: "a 404 window after the create", rules: () => [["GET", ONE, { kind: "atlas404" }, 3]] },
    { name: "the create processed, its answer dropped", rules: () => [["POST", POST, { kind: "forwardThenDrop" }, 1]] },
    { name: "the create processed, answered 502", rules: () => [["POST", POST, { kind: "forwardThen502" }, 1]] },
    {
      name: "the create processed, answered 502, then 500s and a 404 window",
      rules: () => [
        ["POST", POST, { kind: "forwardThen502" }, 1],
        ["POST", POST, { kind: "answer", status: 500 }, undefined],
        ["GET", ONE, { kind: "atlas404" }, 2],
      ],
    },
  ];
  const clouds = ["AWS", "AZURE", "GCP"] as const;

  test.each(variations.flatMap((v) => clouds.map((cloud) => [v.name, cloud, v] as const)))("%s on %s", async (_name, cloud, variation) => {
    const args =
      cloud === "AWS"
        ? harness.awsArgs({ adoptExisting: false })
        : cloud === "AZURE"
          ? harness.azureArgs({ adoptExisting: false })
          : harness.gcpArgs({ adoptExisting: false });
    for (const [method, path, change, count] of variation.rules(cloud)) rewrite(method, path, change, count);
    const { id, props, error } = await createAndRecord(args);
    // Each of the variation's rules acted as often as it was armed for (afterEach), not just one of them.
    const held = await inSimulator(args);
    // Atlas holding it means the stack holds it; a create that threw without an id left nothing.
    if (held.length > 0) expect(id).toBeDefined();
    if (id === undefined) expect(error).toBeDefined();
    expect(error).toBeUndefined();
    expect(props).toMatchObject({ adopted: false, [statusField(cloud)]: "AVAILABLE" });
    proxy.rules.length = 0;
    rewrite("DELETE", ONE, { kind: "status", status: 202 }, 1);
    await destroy(id!, props!);
    expect(await inSimulator(args)).toHaveLength(0);
  });
});

describe("with the simulator's own variations (the same cases, produced by Atlas's stand-in itself)", () => {
  async function setDialect(patch: Record<string, unknown> | null): Promise<void> {
    await harness.control.dialect(patch);
  }
  afterEach(async () => setDialect(null));

  test.each(["drop", "502"] as const)(
    "a create whose answer Atlas lost (%s) after registering it continues with its own endpoint with adoptExisting false",
    async (loss) => {
      await setDialect({ answerLost: loss });
      const args = harness.gcpArgs({ adoptExisting: false });
      const { id, props, error } = await createAndRecord(args);
      expect(error).toBeUndefined();
      expect(props).toMatchObject({ status: "AVAILABLE", adopted: false });
      const posts = (await harness.requests()).filter((r) => r.method === "POST" && r.auth !== "challenge");
      expect(posts[0]).toMatchObject({ answerLost: true, status: loss === "drop" ? 0 : 502 });
      // A 502 is retried and the retry meets 409; a dropped answer is looked up by a read instead.
      if (loss === "502") expect(posts.slice(1).map((r) => r.status)).toContain(409);
      expect(
        harness.progress.some((line) =>
          /a retried create found it already registered|the create's answer was lost, but Atlas has it registered/.test(line),
        ),
      ).toBe(true);
      expect(await inSimulator(args)).toHaveLength(1);
      await destroy(id!, props!);
      expect(await inSimulator(args)).toHaveLength(0);
    },
  );

  test.each(["AWS", "AZURE", "GCP"] as const)(
    "an unknown status in %s's sequence is waited through and named, and a create answer without a status is read",
    async (cloud) => {
      // Atlas holds the unknown status (a minute of the simulator's clock) until the provider has read
      // it, then the test moves the simulator's clock past it: met however busy the machine, never waited out.
      await setDialect({ extraStatus: { cloud, status: "PENDING_SECURITY_REVIEW", lastsMs: HELD_DELAY }, omitCreateStatus: true });
      await harness.clearRequests();
      const args = cloud === "AWS" ? harness.awsArgs() : cloud === "AZURE" ? harness.azureArgs() : harness.gcpArgs();
      const creating = createAndRecord(args);
      await harness.untilRequest(
        (r) => r.method === "GET" && r.answeredStatus === "PENDING_SECURITY_REVIEW",
        "the provider read PENDING_SECURITY_REVIEW",
      );
      await harness.control.advance(HELD_MS);
      const { id, props, error } = await creating;
      expect(error).toBeUndefined();
      expect(props).toMatchObject({ [statusField(cloud)]: "AVAILABLE" });
      expect(
        harness.progress.some((line) => line.includes("status PENDING_SECURITY_REVIEW, which this provider version does not know")),
      ).toBe(true);
      await destroy(id!, props!);
    },
  );
});

describe("DataFederationEndpoint: the same variations where its rules are the endpoints'", () => {
  const ENTRY = /\/privateNetworkSettings\/endpointIds\/[^/]+$/;
  const LIST = /\/privateNetworkSettings\/endpointIds$/;
  const inAtlas = async (args: Record<string, unknown>) =>
    (await harness.control.dataFederationEndpoints()).filter((e) => e.endpointId.toLowerCase() === String(args.endpointId).toLowerCase());
  const withEntryStatus = (status: string) => (body: Record<string, unknown>) => ({ ...body, status });

  async function created(args: Record<string, unknown> = harness.dataFederationArgs()) {
    const { id, outs } = await harness.observe(dataFederationProvider.create(await harness.checkedDataFederation(args)));
    return { args, id, props: { ...outs, __provider: PROVIDER_TEXT } as Record<string, unknown> };
  }
  const destroyEntry = (id: string, props: Record<string, unknown>) => harness.observe(dataFederationProvider.delete(id, props));

  test("an unknown status in the first reads is waited through, named in a progress line, and the create completes", async () => {
    rewrite("GET", ENTRY, { kind: "body", change: withEntryStatus("PENDING_REVIEW") }, 2);
    const { id, props } = await created();
    expect(props).toMatchObject({ status: "OK" });
    expect(fired("body")).toHaveLength(2);
    expect(harness.progress.some((line) => /status PENDING_REVIEW, which this provider version does not know/.test(line))).toBe(true);
    await destroyEntry(id, props);
  });

  test("a POST answer with nulls, fields Atlas added later and no status for the entry is taken, and the create completes", async () => {
    rewrite(
      "POST",
      LIST,
      {
        kind: "body",
        change: (body) => ({
          ...body,
          results: (body.results as Record<string, unknown>[]).map((entry) => ({
            ...entry,
            status: null,
            region: null,
            newFeature: { on: true },
          })),
        }),
      },
      1,
    );
    const { id, props } = await created(harness.azureDataFederationArgs());
    expect(props).toMatchObject({ status: "OK", adopted: false });
    await destroyEntry(id, props);
  });

  test("refresh keeps the entry when a 404 comes without an Atlas error body, naming the base URL to check", async () => {
    const { args, id, props } = await created();
    rewrite("GET", ENTRY, { kind: "foreign404" });
    const error = await harness.failure(dataFederationProvider.read(id, props));
    expect(error.message).toMatch(/without an Atlas error body.*MONGODB_ATLAS_BASE_URL.*the stack keeps it as it was/);
    expect(fired("foreign404").length).toBeGreaterThan(0);
    expect(await inAtlas(args)).toHaveLength(1);
    proxy.rules.length = 0;
    await destroyEntry(id, props);
  });

  test("destroy keeps the entry in the stack when the DELETE meets a 404 without an Atlas error body", async () => {
    const { args, id, props } = await created();
    rewrite("DELETE", ENTRY, { kind: "foreign404" });
    const error = await harness.failure(dataFederationProvider.delete(id, props));
    expect(error.message).toMatch(/without an Atlas error body.*it stays in the stack/);
    expect(fired("foreign404")).toHaveLength(1);
    expect(await inAtlas(args)).toHaveLength(1);
    proxy.rules.length = 0;
    await destroyEntry(id, props);
  });

  test("refresh of an entry whose project Atlas does not know (GROUP_NOT_FOUND) fails, keeps it, and says how to remove it from the stack", async () => {
    const { id, props } = await created();
    const groupId = hex(24);
    const error = await harness.failure(dataFederationProvider.read(id.replace(String(props.groupId), groupId), { ...props, groupId }));
    expect(error.message).toMatch(/GROUP_NOT_FOUND.*pulumi state delete.*the stack keeps it as it was/);
    await destroyEntry(id, props);
  });

  test("a single lagging Atlas 404 on refresh does not drop an entry Atlas still holds", async () => {
    const { id, props } = await created();
    rewrite("GET", ENTRY, { kind: "atlas404" }, 1);
    const read = await harness.observe(dataFederationProvider.read(id, props));
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ status: "OK" });
    expect(harness.progress.some((line) => line.includes("a second look found it"))).toBe(true);
    await destroyEntry(id, props);
  });
});
