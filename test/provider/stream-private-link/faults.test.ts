/**
 * StreamPrivateLink's create, refresh and destroy, each under one kind of trouble from Atlas or the
 * network (the fault matrix's rows where the shared rules apply: retries, lost and slow answers,
 * eventual consistency, a budget outlasted; a lost create answer Atlas cannot be asked about is
 * create.test.ts's). Each run completes or fails naming the connection and
 * what to run; the request log shows the fault fired; afterwards what the provider returned (what the
 * engine would record) and the simulator agree, and the next run converges to nothing left behind.
 */
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../../../provider/client";
import { ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import type { RequestLogEntry } from "../../../simulator";
import { HELD_DELAY, HELD_MS, streamLinkProvider, TIME_SCALE, until, useHarness } from "../../support/provider-harness";
import { streamLinkArgs } from "../../support/stream-private-links";
import { wireFaults } from "../../support/wire-faults";

const harness = useHarness();

const REQUEST_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS * TIME_SCALE;
const LINK = "/streams/privateLinkConnections/[0-9a-f]{24}$";
const LINKS = "/streams/privateLinkConnections$";
const OPERATIONS = ["create", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];
/** One target kind per operation: the wire is the same for every cloud, the answers are not. */
const KIND: { readonly [O in Operation]: [string, string] } = {
  create: ["AWS", "MSK"],
  refresh: ["AZURE", "EVENTHUB"],
  destroy: ["GCP", "CONFLUENT"],
};

interface Recorded {
  id: string;
  props: Record<string, unknown>;
}

interface Case {
  operation: Operation;
  args: Record<string, unknown>;
  /** Methods the operation sends to the connection: POST+GET, GET, or DELETE+GET. */
  methods: string[];
  recorded?: Recorded;
}

interface Fault {
  sentence: string;
  outcome: "completes" | "fails";
  setUp?(c: Case): Promise<void>;
  prepare?(c: Case): Promise<Recorded>;
  arm(c: Case): Promise<void>;
  verify?(c: Case, requests: RequestLogEntry[]): void;
}

const pathOf = (method: string) => (method === "POST" ? LINKS : LINK);

async function armEach(c: Case, spec: Record<string, unknown>, methods = c.methods) {
  for (const method of methods) await harness.fault({ method, pathPattern: pathOf(method), count: 1, ...spec });
}

const linkRequests = (requests: RequestLogEntry[]) =>
  requests.filter((r) => r.path.includes("/streams/privateLinkConnections") && r.auth !== "challenge");

const FAULTS: Fault[] = [
  ...wireFaults<Case>(
    {
      armEach,
      requestsOf: (_c, requests) => linkRequests(requests),
      progress: () => harness.progress,
      retriedCreateFound: "a retried create found it",
    },
    REQUEST_TIMEOUT_MS,
  ),
  {
    // Atlas's window of 404s for a new connection, produced by count: the create's first reads, or the
    // first request of a refresh or destroy of a connection recorded while still IDLE (its create deadline).
    sentence: "handles a 404 just after the create (eventual consistency)",
    outcome: "completes",
    setUp: async (c) => {
      if (c.operation !== "create") await harness.delays({ streamLinkIdleMs: HELD_DELAY });
    },
    prepare: async (c) => {
      const error = await harness.failure(
        streamLinkProvider.create(await harness.checkedStreamLink({ ...c.args, timeouts: { create: "50ms" } })),
      );
      expect(error).toBeInstanceOf(ResourceInitError);
      const recorded = error.properties as Record<string, unknown>;
      expect(recorded.state).toBe("IDLE");
      // Past the held IDLE, then until Atlas shows it DONE (WORKING follows on the wall clock): the refresh or
      // destroy meets the 404 of a connection that is there, not a phase it could catch.
      await harness.control.advance(HELD_MS);
      await until(
        async () =>
          (await harness.control.streamPrivateLinks()).some((link) => link.connectionId === recorded.connectionId && link.state === "DONE"),
        "the connection DONE in Atlas",
      );
      return { id: String(error.id), props: recorded };
    },
    arm: (c) =>
      armEach(
        c,
        { status: 404, errorCode: "STREAM_PRIVATE_LINK_NOT_FOUND", count: c.operation === "create" ? 2 : 1 },
        c.operation === "create" ? ["GET"] : c.methods.slice(0, 1),
      ),
    verify: (c, requests) => {
      const first = c.operation === "create" ? "GET" : c.methods[0];
      const sent = linkRequests(requests).filter((r) => r.method === first && new RegExp(LINK).test(r.path));
      expect(sent.slice(0, c.operation === "create" ? 2 : 1).map((r) => r.status)).toEqual(c.operation === "create" ? [404, 404] : [404]);
      expect(sent.at(-1)!.status).toBeLessThan(300);
    },
  },
  {
    sentence: "fails clearly when 503s outlast the retry budget (a create's wait: its deadline), and the next run converges",
    outcome: "fails",
    setUp: async (c) => {
      if (c.operation === "create") c.args.timeouts = { create: "2s" };
    },
    arm: (c) => armEach(c, { status: 503, count: 10_000 }, c.operation === "create" ? ["GET"] : c.methods.slice(0, 1)),
    verify: (_c, requests) => expect(linkRequests(requests).filter((r) => r.status === 503).length).toBeGreaterThan(1),
  },
];

function caseFor(operation: Operation): Case {
  const [cloud, vendor] = KIND[operation];
  const methods = operation === "create" ? ["POST", "GET"] : operation === "refresh" ? ["GET"] : ["DELETE", "GET"];
  return { operation, args: streamLinkArgs(harness.seed.groupId, cloud, vendor), methods };
}

/** The connections Atlas holds that `c`'s inputs name (by their target). */
async function inAtlas(c: Case): Promise<string[]> {
  await harness.control.settled();
  const links = await connectToAtlas().listStreamPrivateLinks({ groupId: harness.seed.groupId });
  const target = (link: Record<string, unknown>) => link.arn ?? link.serviceEndpointId ?? JSON.stringify(link.gcpServiceAttachmentUris);
  const wanted = target(c.args);
  return links
    .filter(
      (link) =>
        target(link as unknown as Record<string, unknown>) === wanted && link.state !== "DELETING" && link.state !== "DELETE_REQUESTED",
    )
    .map((link) => link.id);
}

async function run(c: Case): Promise<{ value?: unknown; error?: Error & Record<string, unknown> }> {
  const recorded = c.recorded;
  const call: Promise<unknown> =
    c.operation === "create"
      ? harness.checkedStreamLink(c.args).then((inputs) => streamLinkProvider.create(inputs))
      : c.operation === "refresh"
        ? streamLinkProvider.read(recorded!.id, recorded!.props)
        : streamLinkProvider.delete(recorded!.id, recorded!.props);
  try {
    return { value: await harness.observe(call) };
  } catch (error) {
    return { error: error as Error & Record<string, unknown> };
  }
}

/** Every case ends with the connection destroyed through the provider and gone from the simulator. */
async function converge(c: Case, recorded: Recorded | undefined) {
  await harness.control.clearFaults();
  await harness.config({ delays: { streamLinkDeleteRequestedMs: 100, deletingMs: 100 } });
  if (recorded) {
    // A record of an unconfirmed create is finished by the next up first, as the engine would.
    const props =
      recorded.props.state === undefined
        ? (await harness.observe(streamLinkProvider.update(recorded.id, recorded.props, await harness.checkedStreamLink(c.args)))).outs
        : recorded.props;
    await harness.observe(streamLinkProvider.delete(recorded.id, props as Record<string, unknown>));
  }
  await until(async () => (await inAtlas(c)).length === 0, "the connection is gone from the simulator");
}

const MATRIX = FAULTS.flatMap((fault) => OPERATIONS.map((operation) => ({ fault, operation })));

describe("StreamPrivateLink under faults", () => {
  test.each(MATRIX.map(({ fault, operation }) => [operation, fault.sentence, fault, operation] as const))(
    "%s %s",
    async (_operation, _sentence, fault, operation) => {
      const c = caseFor(operation);
      await fault.setUp?.(c);
      if (operation !== "create") {
        c.recorded = fault.prepare
          ? await fault.prepare(c)
          : await harness
              .observe(streamLinkProvider.create(await harness.checkedStreamLink(c.args)))
              .then(({ id, outs }) => ({ id, props: outs }));
      }
      await harness.clearRequests();
      await fault.arm(c);
      const result = await run(c);
      await harness.control.settled();
      const requests = await harness.requests();
      fault.verify?.(c, requests);

      let recorded = c.recorded;
      if (fault.outcome === "completes") {
        expect(result.error).toBeUndefined();
        if (operation === "create") {
          const { id, outs } = result.value as { id: string; outs: Record<string, unknown> };
          expect(outs).toMatchObject({ state: "DONE", adopted: false });
          expect(await inAtlas(c)).toEqual([outs.connectionId]);
          recorded = { id, props: outs };
        }
        if (operation === "refresh") expect(result.value).toMatchObject({ id: c.recorded!.id, props: { state: "DONE" } });
        if (operation === "destroy") {
          expect(await inAtlas(c)).toEqual([]);
          recorded = undefined;
        }
      } else {
        const error = result.error!;
        expect(error).toBeDefined();
        expect(error.message).toMatch(/stream private link/);
        expect(error.message).toMatch(/run `pulumi (up|refresh|destroy)/i);
        if (operation === "create") {
          // Never an orphan: whatever Atlas may hold, the engine records it.
          expect(error).toBeInstanceOf(ResourceInitError);
          recorded = { id: String(error.id), props: (error as unknown as ResourceInitError).properties };
        }
      }
      await converge(c, recorded);
    },
  );
});
