/**
 * The fault matrix: create, refresh (read) and destroy (delete) on each cloud, each under one kind
 * of trouble from Atlas or the network. Each run either completes or fails with an error that
 * names the endpoint and the next step; afterwards the simulator and what the provider returned
 * (what the engine would record) agree, and the next run converges to nothing left behind.
 */
import { DEFAULT_REQUEST_TIMEOUT_MS, type CloudProvider } from "../../provider/client";
import { clearTokenCache } from "../../provider/client/oauth/token-source";
import { ResourceInitError } from "../../provider";
import type { RequestLogEntry } from "../../simulator";
import {
  dataFederationProvider,
  HELD_DELAY,
  HELD_MS,
  provider,
  PROVIDER_TEXT,
  TIME_SCALE,
  until,
  useHarness,
  withEnv,
  type SimulatedEndpoint,
} from "../support/provider-harness";
import { useWireSecrets } from "../support/wire-secrets";
import { useRewritingProxy } from "../support/rewriting-proxy";
import { wireFaults } from "../support/wire-faults";
import { onSimulatedTime } from "../../scripts/lib/simulated-time";

const harness = useHarness();
const wire = useWireSecrets(harness);
const proxy = useRewritingProxy(harness);

/** The client's per-request timeout at the test time scale. */
const REQUEST_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS * TIME_SCALE;
const CLOUDS: CloudProvider[] = ["AWS", "AZURE", "GCP"];
const OPERATIONS = ["create", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the engine would hold for the resource: an id and its recorded outputs. */
interface Recorded {
  id: string;
  props: Record<string, unknown>;
}

interface Case {
  cloud: CloudProvider;
  operation: Operation;
  args: Record<string, unknown>;
  /** The Atlas endpoint id the simulator lists (AWS/Azure id, GCP group name). */
  endpointId: string;
  /** Raw-path pattern of this endpoint's GET and DELETE. */
  endpointPath: string;
  /** Methods the operation sends: POST+GET, GET, or DELETE+GET. */
  methods: string[];
  /** The resource before a refresh or destroy. */
  recorded?: Recorded;
}

interface Fault {
  /** Completes "<operation> on <cloud> ...". */
  sentence: string;
  outcome: "completes" | "fails";
  serviceAccount?: boolean;
  /** The operation runs through the rewriting proxy (rules set by setUp, arm or during). */
  viaProxy?: boolean;
  /** Only these operations (a fault of the create's POST means nothing to refresh). */
  operations?: Operation[];
  /** Run on one cloud per operation only. */
  only?: { [O in Operation]: CloudProvider };
  /**
   * Runs on the wall clock, not on simulated time (see below): the test acts mid-wait in real time
   * (holds a phase until it has revoked a token), or the fault is a lifetime the client measures in
   * real time (a token's), or the simulator holds requests for the whole case.
   */
  wallClock?: true;
  /** Sets the simulator up before the resource exists (delays, TTLs). */
  setUp?(c: Case): Promise<void>;
  /** Creates the resource a refresh or destroy starts from; default: a clean create. */
  prepare?(c: Case): Promise<Recorded>;
  /** Arms the trouble just before the operation. */
  arm?(c: Case): Promise<void>;
  /** Runs while the operation does. */
  during?(c: Case): Promise<void>;
  /** Once the operation ended: lets go of what the simulator still holds for the fault. */
  release?(c: Case): Promise<void>;
  /** What the simulator's request log must show for the fault to have happened at all. */
  verify?(c: Case, requests: RequestLogEntry[]): void;
}

/** Arms one fault per method the operation sends, on the paths this endpoint uses. */
async function armEach(c: Case, spec: Record<string, unknown>, methods = c.methods) {
  for (const method of methods) {
    await harness.fault({ method, pathPattern: method === "POST" ? "/endpoint$" : c.endpointPath, count: 1, ...spec });
  }
}

async function revokeSeenTokens() {
  const { clientId, clientSecret } = harness.seed.serviceAccount;
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
  for (const token of wire.bearerTokens) {
    const response = await fetch(`${harness.simulator.baseUrl}/api/oauth/revoke`, {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    });
    if (!response.ok) throw new Error(`revoke answered ${response.status}`);
  }
}

/** Long enough transitions that an operation is still waiting when the test acts mid-wait. */
const SLOW_TRANSITIONS = { awsPendingAcceptanceMs: 30_000, azureInitiatingMs: 30_000, gcpInitiatingMs: 30_000, deletingMs: 30_000 };

/** The phase `c`'s operation waits through (creation or deletion), held; none for refresh. */
const heldPhaseFor = (c: Case) => {
  if (c.operation === "create") return { awsPendingAcceptanceMs: HELD_DELAY, azureInitiatingMs: HELD_DELAY, gcpInitiatingMs: HELD_DELAY };
  if (c.operation === "destroy") return { deletingMs: HELD_DELAY };
  return {};
};

const endpointRequests = (c: Case, requests: RequestLogEntry[]) =>
  requests.filter((r) => new RegExp(c.endpointPath).test(r.path) || /\/endpoint$/.test(r.path));

const [storm, burst, dropped, slow] = wireFaults<Case>(
  {
    armEach,
    requestsOf: endpointRequests,
    progress: () => harness.progress,
    retriedCreateFound: "a retried create found it already registered",
  },
  REQUEST_TIMEOUT_MS,
);

const FAULTS: Fault[] = [
  storm,
  {
    sentence: "waits the full Retry-After of a 429 before trying again",
    outcome: "completes",
    // One cloud per operation (the timing is the client's, the same for every cloud).
    only: { create: "AWS", refresh: "AZURE", destroy: "GCP" },
    arm: (c) => armEach(c, { status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 1 }, c.methods.slice(0, 1)),
    verify: (c, requests) => {
      const method = c.methods[0];
      const sent = endpointRequests(c, requests).filter((r) => r.method === method);
      expect(sent[0]!.status).toBe(429);
      expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(990);
    },
  },
  burst,
  dropped,
  slow,
  {
    sentence: "completes when the OAuth token is revoked mid-wait",
    outcome: "completes",
    serviceAccount: true,
    wallClock: true,
    // The phase the wait polls is held until the wait has met the revoked token, then released.
    setUp: (c) => harness.delays(heldPhaseFor(c)),
    // Refresh has no wait: the token cached by the create is revoked before it.
    arm: async (c) => (c.operation === "refresh" ? revokeSeenTokens() : undefined),
    during: async (c) => {
      if (c.operation === "refresh") return;
      await until(
        async () =>
          (await harness.requests()).some((r) => r.auth === "bearer" && r.method === "GET" && new RegExp(c.endpointPath).test(r.path)),
        "the wait has begun",
      );
      await revokeSeenTokens();
      await until(
        async () => (await harness.requests()).some((r) => r.auth === "bearer" && r.status === 401),
        "the wait met the revoked token",
      );
      await harness.control.advance(HELD_MS);
    },
    verify: (_c, requests) => expect(requests.some((r) => r.auth === "bearer" && r.status === 401)).toBe(true),
  },
  {
    // Atlas's tokens are told to last 0.1 s (the proxy rewrites expires_in) while the simulator
    // honours them for an hour: the client must refresh before the expiry it was told, and no race
    // between issue and use on a loaded machine can turn that into a 401.
    sentence: "completes when OAuth tokens expire during the wait",
    outcome: "completes",
    serviceAccount: true,
    viaProxy: true,
    wallClock: true,
    setUp: async () => {
      await harness.delays(SLOW_TRANSITIONS);
      proxy.rules.push({
        method: "POST",
        path: /^\/api\/oauth\/token$/,
        rewrite: { kind: "body", change: (body) => ({ ...body, expires_in: 0.1 }) },
      });
      // A 0.1 s stated lifetime means ~10 token requests a second, past Atlas's 50 per minute per client.
      await harness.config({ oauthTokensPerMinute: null });
    },
    arm: async (c) => {
      // Longer than the token's stated life, so refresh must fetch a new one (waiting longer changes nothing).
      if (c.operation === "refresh") await sleep(150);
    },
    verify: (c, requests) => {
      expect(proxy.log.filter((e) => e.path === "/api/oauth/token" && e.action === "body").length).toBeGreaterThanOrEqual(
        c.operation === "refresh" ? 1 : 2,
      );
      const fetches = requests.filter((r) => r.path === "/api/oauth/token" && r.status === 200).length;
      expect(fetches).toBeGreaterThanOrEqual(c.operation === "refresh" ? 1 : 2);
      expect(requests.some((r) => r.auth === "bearer" && r.status === 401)).toBe(false);
    },
  },
  {
    // The proxy answers one signed request with a fresh challenge, as Atlas does for a stale nonce,
    // at the point the test chooses (mid-wait, or refresh's first request), not by a racing TTL.
    sentence: "completes when the digest nonce goes stale mid-wait",
    outcome: "completes",
    viaProxy: true,
    setUp: () => harness.delays(SLOW_TRANSITIONS),
    // The first signed GET of the endpoint: refresh's read, or the first poll of the wait after
    // the create's POST or the destroy's DELETE.
    arm: async (c) => void proxy.rules.push({ method: "GET", path: new RegExp(c.endpointPath), rewrite: { kind: "staleNonce" }, count: 1 }),
    verify: (c, requests) => {
      expect(proxy.log.filter((e) => e.action === "staleNonce").map((e) => e.status)).toEqual([401]);
      // Refresh starts with a stale nonce; create and destroy meet one after their first signed success.
      const firstSuccess = c.operation === "refresh" ? -1 : requests.findIndex((r) => r.auth === "digest" && r.status < 300);
      expect(requests.slice(firstSuccess + 1).some((r) => r.auth === "challenge" && r.status === 401)).toBe(true);
    },
  },
  {
    // Atlas's window of 404s for a new endpoint, produced by count (not by racing a timer): the
    // create's first reads, or the first request of a refresh or destroy of an endpoint recorded
    // while still being created (a create that hit its deadline), answer 404 as Atlas does.
    sentence: "handles a 404 just after the create (eventual consistency)",
    outcome: "completes",
    // Refresh and destroy start from a create that hit its deadline while Atlas held the first phase.
    setUp: async (c) => {
      if (c.operation !== "create") await harness.delays(heldPhaseFor({ ...c, operation: "create" }));
    },
    prepare: async (c) => {
      const error = await harness.failure(provider.create(await harness.checked({ ...c.args, timeouts: { create: "50ms" } })));
      expect(error).toBeInstanceOf(ResourceInitError);
      expect(statusOf(error.properties as Record<string, unknown>)).toMatch(/^(PENDING_ACCEPTANCE|INITIATING)$/);
      await harness.control.advance(HELD_MS);
      return { id: error.id as string, props: error.properties as Record<string, unknown> };
    },
    arm: (c) =>
      armEach(
        c,
        { status: 404, errorCode: "PRIVATE_ENDPOINT_NOT_FOUND", count: c.operation === "create" ? 2 : 1 },
        c.operation === "create" ? ["GET"] : c.methods.slice(0, 1),
      ),
    verify: (c, requests) => {
      const first = c.operation === "create" ? "GET" : c.methods[0];
      const sent = endpointRequests(c, requests).filter(
        (r) => r.method === first && new RegExp(c.endpointPath).test(r.path) && r.auth !== "challenge",
      );
      // The window happened, and the operation went on to find the endpoint after it.
      expect(sent.slice(0, c.operation === "create" ? 2 : 1).map((r) => r.status)).toEqual(c.operation === "create" ? [404, 404] : [404]);
      expect(sent[sent.length - 1]!.status).toBeLessThan(300);
      if (c.operation === "destroy") expect(sent.length).toBe(2);
    },
  },
  {
    sentence: "fails clearly when 503s outlast the retry budget (a create's wait: its deadline), and the next run converges",
    outcome: "fails",
    // Create: only the wait's GETs fail, so Atlas has the endpoint and the error must record it.
    // A wait treats a 503 as a refusal and keeps polling until timeouts.create, so keep that short.
    setUp: async (c) => {
      if (c.operation === "create") c.args.timeouts = { create: "2s" };
    },
    arm: (c) => armEach(c, { status: 503, count: 10_000 }, c.operation === "create" ? ["GET"] : c.methods.slice(0, 1)),
  },
  {
    // Every POST is carried out, but only after the client gave up on it (and on the retries),
    // and Atlas cannot be asked afterwards: the endpoint may exist, so the error must record it
    // rather than leave it behind. The simulator holds the POSTs until the create has failed, so
    // Atlas creates the endpoint only then (the first POST; the rest meet 409), before the next run.
    sentence: "records the endpoint when the create's answer is lost and Atlas cannot be asked, and the next run converges",
    outcome: "fails",
    operations: ["create"],
    wallClock: true,
    arm: async (c) => {
      await armEach(c, { delayMs: HELD_MS, count: 100 }, ["POST"]);
      await armEach(c, { dropConnection: true, count: 10_000 }, ["GET"]);
    },
    release: async () => void (await harness.control.advance(HELD_MS)),
    verify: (c, requests) => {
      const posts = endpointRequests(c, requests).filter((r) => r.method === "POST" && r.auth !== "challenge");
      // Let go together: one of them (any) creates the endpoint, the others meet it.
      expect(posts.length).toBeGreaterThanOrEqual(2);
      expect(posts.map((r) => r.status).sort()).toEqual([200, ...posts.slice(1).map(() => 409)]);
    },
  },
];

function caseFor(cloud: CloudProvider, operation: Operation): Case {
  const args = cloud === "AWS" ? harness.awsArgs() : cloud === "AZURE" ? harness.azureArgs() : harness.gcpArgs();
  const endpointId = (cloud === "GCP" ? args.endpointGroupName : args.endpointId) as string;
  const methods = operation === "create" ? ["POST", "GET"] : operation === "refresh" ? ["GET"] : ["DELETE", "GET"];
  return { cloud, operation, args, endpointId, endpointPath: `/endpoint/${escapeRegExp(encodeURIComponent(endpointId))}$`, methods };
}

const statusOf = (props: Record<string, unknown> | undefined) => (props?.connectionStatus ?? props?.status) as string | undefined;
const inSimulator = async (c: Case): Promise<SimulatedEndpoint[]> =>
  (await harness.endpoints()).filter((e) => e.endpointId === c.endpointId);
const expectedId = (c: Case) => `${c.args.groupId}:${c.cloud}:${c.args.endpointServiceId}:${c.endpointId}`;

/** A failure must say what it was about and what to run next. */
function expectActionable(error: Error) {
  expect(error.message).toMatch(/AWS endpoint vpce-|Azure private endpoint pe-|GCP endpoint group psc-/);
  expect(error.message).toMatch(/run `pulumi (up|refresh|destroy)/i);
}

async function run(c: Case): Promise<{ value?: unknown; error?: Error & Record<string, unknown> }> {
  const recorded = c.recorded;
  const call: Promise<unknown> =
    c.operation === "create"
      ? harness.checked(c.args).then((inputs) => provider.create(inputs))
      : c.operation === "refresh"
        ? provider.read(recorded!.id, recorded!.props)
        : provider.delete(recorded!.id, recorded!.props);
  try {
    return { value: await harness.observe(call) };
  } catch (error) {
    return { error: error as Error & Record<string, unknown> };
  }
}

/** Every case ends with the endpoint destroyed through the provider and gone from the simulator. */
async function converge(c: Case, recorded: Recorded | undefined) {
  await harness.control.clearFaults();
  await harness.config({ eventualConsistencyMs: 0, nonceTtlMs: 300_000, tokenTtlSeconds: 3600, delays: { deletingMs: 3_000 } });
  if (recorded) await harness.observe(provider.delete(recorded.id, recorded.props));
  await until(async () => (await inSimulator(c)).length === 0, "the endpoint is gone from the simulator");
}

/**
 * A case runs on simulated time unless its fault needs the wall clock: the provider's waits, retries and
 * pacing turns and the simulator's clock jump together whenever both wait (scripts/lib/simulated-time.ts),
 * so a Retry-After, a pacing turn or a transition costs milliseconds. A jump never decides the outcome.
 */
const onItsClock = (fault: Fault, body: () => Promise<void>) => (fault.wallClock ? body() : onSimulatedTime(harness.control, body));

const MATRIX = FAULTS.flatMap((fault) =>
  OPERATIONS.filter((operation) => !fault.operations || fault.operations.includes(operation)).flatMap((operation) =>
    CLOUDS.filter((cloud) => !fault.only || fault.only[operation] === cloud).map((cloud) => ({ fault, operation, cloud })),
  ),
);

describe("fault matrix", () => {
  afterEach(async () => {
    await harness.config({ nonceTtlMs: 300_000, tokenTtlSeconds: 3600 });
  });

  test.each(MATRIX.map((m) => [`${m.operation} on ${m.cloud} ${m.fault.sentence}`, m] as const))(
    "%s",
    async (_name, { fault, operation, cloud }) => {
      const c = caseFor(cloud, operation);
      const credentials = fault.serviceAccount
        ? {
            MONGODB_ATLAS_CLIENT_ID: harness.seed.serviceAccount.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: harness.seed.serviceAccount.clientSecret,
          }
        : {};
      const baseUrl = fault.viaProxy ? { MONGODB_ATLAS_BASE_URL: proxy.baseUrl } : {};
      await withEnv({ ...credentials, ...baseUrl }, () =>
        onItsClock(fault, async () => {
          clearTokenCache();
          await fault.setUp?.(c);
          if (operation !== "create") {
            c.recorded = fault.prepare
              ? await fault.prepare(c)
              : await harness.observe(harness.checked(c.args).then((inputs) => provider.create(inputs))).then((created) => ({
                  id: created.id,
                  props: { ...created.outs, __provider: PROVIDER_TEXT },
                }));
          }
          await harness.clearRequests();
          await fault.arm?.(c);
          const [outcome] = await Promise.all([run(c), fault.during?.(c)]);
          // A POST answered too late is still carried out: judge Atlas, and run again, only after it was.
          await fault.release?.(c);
          await harness.control.settled();
          const requests = await harness.requests();
          const present = await inSimulator(c);
          expect(present.length).toBeLessThanOrEqual(1); // never a duplicate

          let after: Recorded | undefined = c.recorded;
          if (fault.outcome === "completes") {
            if (outcome.error) throw outcome.error;
            fault.verify?.(c, requests);
            switch (operation) {
              case "create": {
                const created = outcome.value as { id: string; outs: Record<string, unknown> };
                expect(created.id).toBe(expectedId(c));
                expect(statusOf(created.outs)).toBe("AVAILABLE");
                // Every case creates a new endpoint: whatever the retries met, it is this stack's own.
                expect(created.outs.adopted).toBe(false);
                expect(present).toEqual([expect.objectContaining({ status: "AVAILABLE", deleteRequested: false })]);
                after = { id: created.id, props: { ...created.outs, __provider: PROVIDER_TEXT } };
                break;
              }
              case "refresh": {
                const read = outcome.value as { id: string; props: Record<string, unknown> };
                expect(read.id).toBe(c.recorded!.id);
                expect(present).toHaveLength(1);
                expect(statusOf(read.props)).toBe(present[0]!.status);
                after = { id: read.id, props: { ...read.props, __provider: PROVIDER_TEXT } };
                break;
              }
              case "destroy":
                // Gone, or (Atlas still finishing after a 404 that came too early) on its way out.
                expect(present.every((e) => e.deleteRequested)).toBe(true);
                after = undefined;
                break;
              default:
                operation satisfies never;
            }
          } else {
            const error = outcome.error;
            if (!error) throw new Error(`expected ${operation} to fail, but it returned ${JSON.stringify(outcome.value)}`);
            expectActionable(error);
            fault.verify?.(c, requests);
            // Whatever failed, Atlas still has the endpoint and so must the stack.
            expect(present).toHaveLength(1);
            if (operation === "create") {
              expect(error).toBeInstanceOf(ResourceInitError);
              expect(error.id).toBe(expectedId(c));
              // The recorded outputs name the endpoint, so refresh, up and destroy can find it.
              expect(error.properties).toMatchObject({
                groupId: c.args.groupId,
                cloudProvider: c.cloud,
                endpointServiceId: c.args.endpointServiceId,
                __provider: PROVIDER_TEXT,
              });
              after = { id: error.id as string, props: error.properties as Record<string, unknown> };
            }
            // The next run, once Atlas answers again: up resumes, refresh reads, destroy deletes.
            await harness.control.clearFaults();
            if (operation === "create") {
              const resumed = await harness.observe(provider.update(after!.id, after!.props, await harness.checked(c.args)));
              expect(statusOf(resumed.outs)).toBe("AVAILABLE");
            } else if (operation === "refresh") {
              const read = await harness.observe(provider.read(after!.id, after!.props));
              expect(read.id).toBe(after!.id);
            }
          }
          await converge(c, after);
        }),
      );
    },
  );
});

describe("a create that cannot be confirmed", () => {
  test("is recorded without a status when neither the POST nor a GET is answered, and the next up registers it", async () => {
    const c = caseFor("AZURE", "create");
    await armEach(c, { dropConnection: true, count: 10_000 }, ["POST", "GET"]);
    const { error } = await run(c);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error!.message).toMatch(
      /^Could not register Azure private endpoint pe-\w+ with Atlas: Could not reach Atlas .*run `pulumi up` again to finish/,
    );
    expect(error!.id).toBe(expectedId(c));
    expect(statusOf(error!.properties as Record<string, unknown>)).toBeUndefined();
    expect(await inSimulator(c)).toEqual([]);

    await harness.control.clearFaults();
    const recorded = { id: error!.id as string, props: error!.properties as Record<string, unknown> };
    const resumed = await harness.observe(provider.update(recorded.id, recorded.props, await harness.checked(c.args)));
    expect(statusOf(resumed.outs)).toBe("AVAILABLE");
    expect(harness.progress.some((line) => line.endsWith("no longer in Atlas; registering it again"))).toBe(true);
    await converge(c, { id: recorded.id, props: { ...resumed.outs, __provider: PROVIDER_TEXT } });
  });
});

/**
 * DataFederationEndpoint under the faults whose rules it shares with the endpoints (the retries, the create's
 * grace for 404s, the deadline, a lost answer recorded and never orphaned), each operation on both of its clouds.
 * Atlas keys an entry by the endpoint id the inputs name, so, as for an endpoint, a create is recorded under its
 * final id whatever happened.
 */
describe("DataFederationEndpoint fault matrix", () => {
  type Cloud = "AWS" | "AZURE";
  interface EntryCase {
    cloud: Cloud;
    operation: Operation;
    args: Record<string, unknown>;
    /** Raw-path pattern of this entry's GET and DELETE. */
    entryPath: string;
    recorded?: Recorded;
  }
  interface EntryFault {
    sentence: string;
    outcome: "completes" | "fails";
    operations?: Operation[];
    /** Creates what a refresh or destroy starts from; default: a clean create. */
    prepare?(c: EntryCase): Promise<Recorded>;
    arm(c: EntryCase): Promise<void>;
    release?(): Promise<void>;
    /** What the request log must show for the fault to have fired. */
    verify(c: EntryCase, requests: RequestLogEntry[]): void;
  }
  const LIST = "/privateNetworkSettings/endpointIds$";
  const signed = (c: EntryCase, requests: RequestLogEntry[]) =>
    requests.filter((r) => r.auth !== "challenge" && (new RegExp(c.entryPath).test(r.path) || new RegExp(LIST).test(r.path)));
  /** One fault per request the operation sends to the entry (the create's POST to the list). */
  const armFor = async (c: EntryCase, spec: Record<string, unknown>, methods: string[]) => {
    for (const method of methods) await harness.fault({ method, pathPattern: method === "POST" ? LIST : c.entryPath, count: 1, ...spec });
  };
  const methodsOf = (c: EntryCase) =>
    c.operation === "create" ? ["POST", "GET"] : c.operation === "refresh" ? ["GET"] : ["DELETE", "GET"];
  const inAtlas = async (c: EntryCase) =>
    (await harness.control.dataFederationEndpoints()).filter((e) => e.endpointId.toLowerCase() === String(c.args.endpointId).toLowerCase());
  const idOf = (c: EntryCase) => `${harness.seed.groupId}:${c.cloud}:${c.args.endpointId}`;
  const createEntry = async (args: Record<string, unknown>) => dataFederationProvider.create(await harness.checkedDataFederation(args));
  /** A create whose deadline passed while Atlas held PENDING: recorded as still being created. */
  const stillPending = async (c: EntryCase): Promise<Recorded> => {
    await harness.control.nextDataFederationEndpoint({ status: "PENDING" });
    const error = await harness.failure(createEntry({ ...c.args, timeouts: { create: "50ms" } }));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect((error.properties as Record<string, unknown>).status).toBe("PENDING");
    return { id: error.id as string, props: error.properties as Record<string, unknown> };
  };

  const ENTRY_FAULTS: EntryFault[] = [
    {
      sentence: "completes through a burst of 500, 502 and 503",
      outcome: "completes",
      arm: async (c) => {
        for (const status of [500, 502, 503]) await armFor(c, { status }, methodsOf(c));
      },
      verify: (c, requests) => expect(signed(c, requests).filter((r) => r.status >= 500)).toHaveLength(3 * methodsOf(c).length),
    },
    {
      sentence: "completes through a 429 storm",
      outcome: "completes",
      arm: (c) => armFor(c, { status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 0, count: 3 }, methodsOf(c)),
      verify: (c, requests) => expect(signed(c, requests).filter((r) => r.status === 429)).toHaveLength(3 * methodsOf(c).length),
    },
    {
      // Atlas's window of 404s for a new entry: the create's first reads, or the first read of a refresh or
      // destroy of an entry recorded while still being created.
      sentence: "handles 404s just after the create (eventual consistency)",
      outcome: "completes",
      prepare: stillPending,
      arm: (c) =>
        armFor(
          c,
          { status: 404, errorCode: "DATA_FEDERATION_PRIVATE_ENDPOINT_NOT_FOUND", count: c.operation === "create" ? 2 : 1 },
          c.operation === "create" ? ["GET"] : methodsOf(c).slice(0, 1),
        ),
      verify: (c, requests) => {
        const first = c.operation === "create" ? "GET" : methodsOf(c)[0];
        const sent = signed(c, requests).filter((r) => r.method === first && new RegExp(c.entryPath).test(r.path));
        expect(sent.slice(0, c.operation === "create" ? 2 : 1).every((r) => r.status === 404)).toBe(true);
        expect(sent[sent.length - 1]!.status).toBeLessThan(300);
      },
    },
    {
      sentence: "fails clearly when 503s outlast the retry budget (a create's wait: its deadline), and the next run converges",
      outcome: "fails",
      arm: async (c) => {
        // Create: only the wait's GETs fail, so Atlas has the entry and the error must record it.
        if (c.operation === "create") c.args.timeouts = { create: "2s" };
        await armFor(c, { status: 503, count: 10_000 }, c.operation === "create" ? ["GET"] : methodsOf(c).slice(0, 1));
      },
      verify: (c, requests) => expect(signed(c, requests).filter((r) => r.status === 503).length).toBeGreaterThan(1),
    },
    {
      // Every POST is carried out only after the client gave up on it, and the entry cannot be read afterwards:
      // Atlas may hold it, so the error records it. The simulator holds the POSTs until the create failed.
      sentence: "records the entry when the create's answer is lost and Atlas cannot be asked, and the next run converges",
      outcome: "fails",
      operations: ["create"],
      arm: async (c) => {
        await armFor(c, { delayMs: HELD_MS, count: 100 }, ["POST"]);
        await armFor(c, { dropConnection: true, count: 10_000 }, ["GET"]);
      },
      release: async () => void (await harness.control.advance(HELD_MS)),
      verify: (c, requests) => {
        const posts = signed(c, requests).filter((r) => r.method === "POST");
        // Let go together: the first adds the entry, the others (the upsert) meet it and change nothing.
        expect(posts.length).toBeGreaterThanOrEqual(2);
        expect(posts.every((r) => r.status === 201)).toBe(true);
      },
    },
  ];

  const ENTRY_MATRIX = ENTRY_FAULTS.flatMap((fault) =>
    OPERATIONS.filter((operation) => !fault.operations || fault.operations.includes(operation)).flatMap((operation) =>
      (["AWS", "AZURE"] as const).map((cloud) => ({ fault, operation, cloud })),
    ),
  );

  test.each(ENTRY_MATRIX.map((m) => [`${m.operation} on ${m.cloud} ${m.fault.sentence}`, m] as const))(
    "%s",
    async (_name, { fault, operation, cloud }) => {
      const args = cloud === "AWS" ? harness.dataFederationArgs() : harness.azureDataFederationArgs();
      const c: EntryCase = {
        cloud,
        operation,
        args,
        entryPath: `/privateNetworkSettings/endpointIds/${escapeRegExp(encodeURIComponent(String(args.endpointId)))}$`,
      };
      if (operation !== "create") {
        c.recorded = fault.prepare
          ? await fault.prepare(c)
          : await harness
              .observe(createEntry(args))
              .then((created) => ({ id: created.id, props: { ...created.outs, __provider: PROVIDER_TEXT } }));
        if (fault.prepare) await harness.control.advance(HELD_MS);
      }
      await harness.clearRequests();
      await fault.arm(c);
      let value: unknown;
      let error: (Error & Record<string, unknown>) | undefined;
      const recorded = c.recorded;
      try {
        value = await harness.observe<unknown>(
          operation === "create"
            ? createEntry(c.args)
            : operation === "refresh"
              ? dataFederationProvider.read(recorded!.id, recorded!.props)
              : dataFederationProvider.delete(recorded!.id, recorded!.props),
        );
      } catch (thrown) {
        error = thrown as Error & Record<string, unknown>;
      }
      await fault.release?.();
      await harness.control.settled();
      const requests = await harness.requests();
      fault.verify(c, requests);
      const present = await inAtlas(c);
      expect(present.length).toBeLessThanOrEqual(1); // never a duplicate

      let after: Recorded | undefined = recorded;
      if (fault.outcome === "completes") {
        if (error) throw error;
        if (operation === "create") {
          const created = value as { id: string; outs: Record<string, unknown> };
          expect(created.id).toBe(idOf(c));
          expect(created.outs).toMatchObject({ status: "OK", adopted: false });
          after = { id: created.id, props: { ...created.outs, __provider: PROVIDER_TEXT } };
        } else if (operation === "refresh") {
          const read = value as { id: string; props: Record<string, unknown> };
          expect(read.id).toBe(recorded!.id);
          expect(read.props.status).toBe(present[0]!.status);
          after = { id: read.id, props: { ...read.props, __provider: PROVIDER_TEXT } };
        } else {
          expect(present.every((e) => e.deleteRequested)).toBe(true);
          after = undefined;
        }
      } else {
        if (!error) throw new Error(`expected ${operation} to fail, but it returned ${JSON.stringify(value)}`);
        // Actionable: names the entry and the next step.
        expect(error.message).toMatch(/(AWS|Azure) Data Federation endpoint (vpce-|pe-)/);
        expect(error.message).toMatch(/run `pulumi (up|refresh|destroy)/i);
        // Whatever failed, Atlas still has the entry, and so must the stack.
        expect(present).toHaveLength(1);
        if (operation === "create") {
          expect(error).toBeInstanceOf(ResourceInitError);
          expect(error.id).toBe(idOf(c));
          expect(error.properties).toMatchObject({ groupId: harness.seed.groupId, cloudProvider: cloud, endpointId: args.endpointId });
          after = { id: error.id as string, props: error.properties as Record<string, unknown> };
        }
        // The next run, once Atlas answers again: up resumes, refresh reads.
        await harness.control.clearFaults();
        if (operation === "create") {
          const resumed = await harness.observe(
            dataFederationProvider.update(after!.id, after!.props, await harness.checkedDataFederation(c.args)),
          );
          expect(resumed.outs).toMatchObject({ status: "OK" });
        } else if (operation === "refresh") {
          expect((await harness.observe(dataFederationProvider.read(after!.id, after!.props))).id).toBe(after!.id);
        }
      }
      await harness.control.clearFaults();
      await harness.config({ delays: { deletingMs: 3_000 } });
      if (after) await harness.observe(dataFederationProvider.delete(after.id, after.props));
      await until(async () => (await inAtlas(c)).length === 0, "the entry is gone from the simulator");
    },
  );
});

describe("after the matrix", () => {
  test("no endpoint is left in the simulator", async () => {
    expect(await harness.endpoints()).toEqual([]);
  });

  test("nothing returned, thrown or printed holds a credential, token, digest response or auth header", () => {
    const texts = wire.texts();
    // The scan must have had something to find: tokens and digest responses crossed the wire.
    expect(wire.bearerTokens.size).toBeGreaterThan(0);
    expect(wire.secrets.size).toBeGreaterThan(wire.bearerTokens.size);
    expect(texts.length).toBeGreaterThan(MATRIX.length);
    expect(wire.leaks([`planted ${[...wire.secrets][0]}`])).toHaveLength(1);
    expect(wire.leaks(texts)).toEqual([]);
  });
});
