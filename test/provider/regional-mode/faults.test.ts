/**
 * RegionalMode's rows of the fault table (test/provider/fault-matrix.test.ts runs the endpoint's): create,
 * refresh and destroy, each under one kind of trouble on each Atlas call it makes (the setting's GET and
 * PATCH, the cluster list). Each run completes; the request log shows the fault fired, and what the
 * provider returned agrees with what Atlas holds.
 */
import { regionalModeProvider } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { resetClusterWatchers } from "../../../provider/waiting/cluster-waits";
import type { FaultSpec } from "../../../simulator";
import { HELD_MS, hex, PROVIDER_TEXT, useHarness } from "../../support/provider-harness";

const harness = useHarness();
const provider = regionalModeProvider as Required<typeof regionalModeProvider>;
type Props = Record<string, unknown>;

const SETTING = "/privateEndpoint/regionalMode$";
const CLUSTERS = "/clusters$";
const groupId = () => harness.seed.shardedProject.groupId;
const enabledInAtlas = async () => (await harness.control.regionalModes()).find((p) => p.groupId === groupId())?.enabled;

beforeAll(async () => {
  const client = connectToAtlas();
  for (const endpointServiceId of Object.values(harness.seed.shardedProject.endpointServices)) {
    const id = `vpce-${hex(17)}`;
    await client.createPrivateEndpoint({ groupId: groupId(), cloudProvider: "AWS", endpointServiceId }, { cloudProvider: "AWS", id });
  }
  await harness.control.advance(HELD_MS);
});

beforeEach(async () => {
  await connectToAtlas().setRegionalMode({ groupId: groupId() }, false);
  await harness.control.advance(HELD_MS);
});

async function create(): Promise<{ id: string; outs: Props }> {
  const { inputs, failures } = await provider.check({}, { groupId: groupId(), enabled: true, __provider: PROVIDER_TEXT });
  expect(failures).toEqual([]);
  const { id, outs } = await harness.observe(provider.create({ ...inputs, __provider: PROVIDER_TEXT }));
  return { id, outs: outs as Props };
}

interface Fault {
  sentence: string;
  spec: Omit<FaultSpec, "method" | "pathPattern" | "count">;
  count: number;
  /** Whether the log shows it fired: the injected status, or the dropped connection (status 0). */
  fired: number;
}

const FAULTS: Fault[] = [
  // Retry-After 0: the client's wait for a longer one is test/provider/fault-matrix.test.ts's row; a second here
  // would race the retry budget, scaled down with time (1.2 s) while a Retry-After is not.
  { sentence: "a 429", spec: { status: 429, retryAfterSeconds: 0 }, count: 1, fired: 429 },
  { sentence: "two 503s", spec: { status: 503 }, count: 2, fired: 503 },
  { sentence: "a 500", spec: { status: 500 }, count: 1, fired: 500 },
  { sentence: "a dropped connection", spec: { dropConnection: true }, count: 1, fired: 0 },
];

const CALLS = [
  { operation: "create", method: "GET", path: SETTING },
  { operation: "create", method: "PATCH", path: SETTING },
  { operation: "create", method: "GET", path: CLUSTERS },
  { operation: "refresh", method: "GET", path: SETTING },
  { operation: "refresh", method: "GET", path: CLUSTERS },
  { operation: "destroy", method: "GET", path: SETTING },
  { operation: "destroy", method: "PATCH", path: SETTING },
  { operation: "destroy", method: "GET", path: CLUSTERS },
] as const;

test.each(CALLS.flatMap((call) => FAULTS.map((fault) => [call.operation, fault.sentence, call.method, call.path, call, fault] as const)))(
  "%s completes through %s on its %s %s",
  async (operation, _sentence, method, path, _call, fault) => {
    const arm = () => harness.fault({ method, pathPattern: path, count: fault.count, ...fault.spec });
    if (operation === "create") {
      await harness.clearRequests();
      await arm();
      const { outs } = await create();
      expect(outs).toMatchObject({ enabled: true, previous: false });
      expect(outs.privateConnectionStrings).toEqual(expect.arrayContaining([expect.objectContaining({ clusterName: "events" })]));
      expect(await enabledInAtlas()).toBe(true);
    } else {
      const { id, outs } = await create();
      // Refresh and destroy run in a provider process of their own: no cluster answer carried over from the create.
      resetClusterWatchers();
      await harness.clearRequests();
      await arm();
      if (operation === "refresh") {
        const read = await harness.observe(provider.read(id, { ...outs, __provider: PROVIDER_TEXT }));
        expect(read).toMatchObject({ id, inputs: { enabled: true }, props: { enabled: true } });
      } else {
        await harness.observe(provider.delete(id, { ...outs, __provider: PROVIDER_TEXT }));
        expect(await enabledInAtlas()).toBe(false);
      }
    }
    const matching = (await harness.requests()).filter((r) => r.method === method && new RegExp(path).test(r.path));
    expect(matching.filter((r) => r.status === fault.fired)).toHaveLength(fault.count);
  },
);
