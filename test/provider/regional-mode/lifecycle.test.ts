/**
 * RegionalMode against the simulator: create (a PATCH only when Atlas differs), the wait for the
 * project's clusters, Atlas's refusals as what to change, update, refresh and import, and destroy
 * putting back what Atlas had. The seeded sharded project holds only sharded clusters (two of them
 * multi-region), the default project holds replica sets.
 */
import { regionalModeProvider, ResourceInitError } from "../../../provider";
import { connectToAtlas } from "../../../provider/host/connection";
import { HELD_DELAY, HELD_MS, hex, PROVIDER_TEXT, until, useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();
const provider = regionalModeProvider as Required<typeof regionalModeProvider>;
type Props = Record<string, unknown>;

const proxy = useRewritingProxy(harness);

const sharded = () => harness.seed.shardedProject;
const PATCH = /\/privateEndpoint\/regionalMode$/;

/** Inputs as the engine passes them to create: checked, with `__provider`. */
async function checked(args: Props): Promise<Props> {
  const { inputs, failures } = await provider.check({}, { ...args, __provider: PROVIDER_TEXT });
  if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return { ...inputs, __provider: PROVIDER_TEXT };
}

const regionalMode = async (groupId: string) => (await harness.control.regionalModes()).find((p) => p.groupId === groupId)?.enabled;
const atlasRequests = async () => (await harness.requests()).filter((r) => r.path.startsWith("/api/atlas/") && r.auth !== "challenge");
const patches = async () => (await atlasRequests()).filter((r) => r.method === "PATCH");

/** An AVAILABLE AWS endpoint in each of the sharded project's two regions, applied by its clusters. */
async function endpointInEachRegion(): Promise<void> {
  const client = connectToAtlas();
  for (const endpointServiceId of Object.values(sharded().endpointServices)) {
    const endpointId = `vpce-${hex(17)}`;
    await client.createPrivateEndpoint(
      { groupId: sharded().groupId, cloudProvider: "AWS", endpointServiceId },
      { cloudProvider: "AWS", id: endpointId },
    );
  }
  // Past every transition: the endpoints AVAILABLE, the clusters IDLE listing them.
  await harness.control.advance(HELD_MS);
}

beforeAll(async () => {
  await endpointInEachRegion();
});

beforeEach(async () => {
  // Each test starts from a sharded project with regional mode off, its clusters settled, and an empty log.
  await connectToAtlas().setRegionalMode({ groupId: sharded().groupId }, false);
  await harness.control.advance(HELD_MS);
  await harness.clearRequests();
  harness.progress.length = 0;
});

afterEach(() => {
  process.env.MONGODB_ATLAS_BASE_URL = harness.simulator.baseUrl;
  proxy.rules.length = 0;
  proxy.log.length = 0;
  expect(proxy.errors.splice(0)).toEqual([]);
});

describe("create", () => {
  test("enabling PATCHes once, waits while the multi-region clusters are UPDATING, and outputs their region-specific strings", async () => {
    await harness.delays({ clusterUpdateMs: HELD_DELAY });
    await harness.clearRequests();
    const creating = harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    let settled = false;
    void creating.then(
      () => (settled = true),
      () => (settled = true),
    );
    // The provider reads the clusters after the PATCH and finds them UPDATING: it is still waiting.
    await harness.untilRequest((r) => r.method === "GET" && r.path.endsWith("/clusters"), "a cluster read after the PATCH");
    expect(settled).toBe(false);
    expect(harness.progress.join("\n")).toMatch(/cluster (events|worldwide): UPDATING, waiting for it to apply regional mode/);
    await harness.control.advance(HELD_MS);
    const { id, outs } = await creating;

    expect(id).toBe(sharded().groupId);
    expect(outs).toMatchObject({ groupId: sharded().groupId, enabled: true, previous: false, adopted: false, restoreOnDestroy: true });
    expect(await regionalMode(sharded().groupId)).toBe(true);
    expect((await patches()).length).toBe(1);
    const strings = outs.privateConnectionStrings as {
      clusterName: string;
      srvConnectionString: string;
      endpoints: { region: string }[];
    }[];
    // Each multi-region cluster: one string per region, each through that region's endpoint only.
    for (const cluster of ["events", "worldwide"]) {
      const own = strings.filter((s) => s.clusterName === cluster);
      expect(own.map((s) => s.endpoints.map((e) => e.region))).toEqual(expect.arrayContaining([["US_EAST_1"], ["US_WEST_2"]]));
      expect(own).toHaveLength(2);
    }
    // The single-region cluster is not affected: its one string is listed as it was.
    expect(strings.filter((s) => s.clusterName === "metrics")).toHaveLength(1);
    expect(harness.progress.join("\n")).toMatch(/DISABLED -> ENABLED \(destroy puts back DISABLED\)/);
  });

  test("a project already as declared is adopted without a PATCH, and destroy then leaves it as it is", async () => {
    await connectToAtlas().setRegionalMode({ groupId: sharded().groupId }, true);
    await harness.control.advance(HELD_MS);
    await harness.clearRequests();
    const { outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    expect(outs).toMatchObject({ enabled: true, previous: true, adopted: true });
    expect(await patches()).toEqual([]);

    await harness.clearRequests();
    await provider.delete(sharded().groupId, { ...outs, __provider: PROVIDER_TEXT });
    expect(await patches()).toEqual([]);
    expect(await regionalMode(sharded().groupId)).toBe(true);
  });

  test("enabling in a project with replica sets fails saying to remove them or keep it disabled, and changes nothing", async () => {
    const { groupId } = harness.seed;
    const error = await harness.failure(provider.create(await checked({ groupId, enabled: true })));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      new RegExp(
        `^Atlas will not enable regional mode of project groupId="${groupId}" while the project holds replica sets \\(Atlas answered 409 CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS .*orders.*\\)\\. .*convert or remove the project's replica sets, or keep enabled: false`,
      ),
    );
    expect((await patches()).map((r) => r.status)).toEqual([409]);
    expect(await regionalMode(groupId)).toBe(false);
  });

  test("a project these credentials cannot see fails naming the groupId", async () => {
    const groupId = hex(24);
    const error = await harness.failure(provider.create(await checked({ groupId, enabled: true })));
    expect(error.message).toMatch(
      new RegExp(`^Atlas has no project groupId="${groupId}" these credentials can see \\(Atlas answered 404 GROUP_NOT_FOUND`),
    );
  });

  test("a PATCH whose every answer is lost is found applied by reading the setting, and the create goes on", async () => {
    proxy.rules.push({ method: "PATCH", path: PATCH, rewrite: { kind: "forwardThenDrop" } });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    expect(outs).toMatchObject({ enabled: true, previous: false, adopted: false });
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop").length).toBeGreaterThan(1);
    expect(harness.progress.join("\n")).toMatch(/the change's answer was lost, but Atlas shows it ENABLED; continuing/);
  });

  test("a PATCH that may have been lost and is not seen applied is recorded as unconfirmed, and the next up finishes it", async () => {
    proxy.rules.push({ method: "PATCH", path: PATCH, rewrite: { kind: "answer", status: 503 } });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const inputs = await checked({ groupId: sharded().groupId, enabled: true });
    const error = await harness.failure(provider.create(inputs));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.id).toBe(sharded().groupId);
    expect(error.properties).toMatchObject({ enabled: true, previous: false, adopted: false });
    expect(error.properties).not.toHaveProperty("privateConnectionStrings");
    expect(error.message).toMatch(/recorded in the stack as unconfirmed: run `pulumi up` again to finish/);
    expect(proxy.log.filter((entry) => entry.action === "answer" && entry.status === 503).length).toBeGreaterThan(0);
    expect(await regionalMode(sharded().groupId)).toBe(false);

    // The next up: the engine updates the record with its init error.
    proxy.rules.length = 0;
    await harness.clearRequests();
    const { outs } = await harness.observe(provider.update(String(error.id), error.properties as Props, inputs));
    expect(outs).toMatchObject({ enabled: true, previous: false });
    expect(outs.privateConnectionStrings).toEqual(expect.arrayContaining([expect.objectContaining({ clusterName: "events" })]));
    expect((await patches()).length).toBe(1);
    expect(await regionalMode(sharded().groupId)).toBe(true);
  });

  test("clusters not settled by the deadline leave the setting recorded without strings, and the next up resumes the wait", async () => {
    await harness.delays({ clusterUpdateMs: HELD_DELAY });
    const inputs = await checked({ groupId: sharded().groupId, enabled: true, timeouts: { create: "300ms" } });
    const error = await harness.failure(provider.create(inputs));
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /is ENABLED, but not every cluster applied it within the timeout of .*cluster (events|worldwide) \(UPDATING/,
    );
    expect(error.properties).toMatchObject({ enabled: true, previous: false });
    expect(error.properties).not.toHaveProperty("privateConnectionStrings");

    await harness.control.advance(HELD_MS);
    await harness.clearRequests();
    const { outs } = await harness.observe(provider.update(String(error.id), error.properties as Props, inputs));
    expect(outs.privateConnectionStrings).toEqual(expect.arrayContaining([expect.objectContaining({ clusterName: "worldwide" })]));
    expect(await patches()).toEqual([]);
  });
});

describe("update", () => {
  test("disabling is one PATCH, the clusters list multi-region strings again, and what destroy puts back stays as first found", async () => {
    const inputs = await checked({ groupId: sharded().groupId, enabled: true });
    const { id, outs } = await harness.observe(provider.create(inputs));
    await harness.clearRequests();
    const news = await checked({ groupId: sharded().groupId, enabled: false });
    await expect(provider.diff(id, outs, news)).resolves.toMatchObject({ changes: true, replaces: [] });
    const updated = await harness.observe(provider.update(id, outs, news));
    expect(updated.outs).toMatchObject({ enabled: false, previous: false });
    expect((await patches()).length).toBe(1);
    const strings = updated.outs.privateConnectionStrings as { clusterName: string; endpoints: { region: string }[] }[];
    const events = strings.filter((s) => s.clusterName === "events");
    expect(events).toHaveLength(1);
    expect(events[0]!.endpoints.map((e) => e.region).sort()).toEqual(["US_EAST_1", "US_WEST_2"]);
  });

  test("an options-only change asks Atlas nothing", async () => {
    const { id, outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    await harness.clearRequests();
    const news = await checked({ groupId: sharded().groupId, enabled: true, restoreOnDestroy: false, timeouts: { create: "2h" } });
    const updated = await harness.observe(provider.update(id, outs, news));
    expect(updated.outs).toMatchObject({ enabled: true, restoreOnDestroy: false, previous: false });
    expect(updated.outs.privateConnectionStrings).toEqual(outs.privateConnectionStrings);
    expect(await atlasRequests()).toEqual([]);
  });
});

describe("refresh and import", () => {
  test("refresh after a toggle outside Pulumi shows the drift, keeping what destroy puts back", async () => {
    const { id, outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    await connectToAtlas().setRegionalMode({ groupId: sharded().groupId }, false);
    const read = await harness.observe(provider.read(id, { ...outs, __provider: PROVIDER_TEXT }));
    expect(read.id).toBe(id);
    expect(read.inputs).toEqual({ groupId: sharded().groupId, enabled: false, restoreOnDestroy: true });
    expect(read.props).toMatchObject({ enabled: false, previous: false, adopted: false });
  });

  test("import reads the setting from the project id alone (Terraform's import id), and would put back what it is now", async () => {
    await harness.clearRequests();
    const read = await harness.observe(provider.read(sharded().groupId, {}));
    expect(read.id).toBe(sharded().groupId);
    expect(read.inputs).toEqual({ groupId: sharded().groupId, enabled: false, restoreOnDestroy: true });
    expect(read.props).toMatchObject({ groupId: sharded().groupId, enabled: false, previous: false, adopted: true });
    expect(read.props?.privateConnectionStrings).toEqual(expect.arrayContaining([expect.objectContaining({ clusterName: "metrics" })]));
  });

  test("an id that is not a project id fails naming the form, reading nothing", async () => {
    await harness.clearRequests();
    const error = await harness.failure(provider.read("not-a-project", {}));
    expect(error.message).toMatch(/RegionalMode id value="not-a-project" is not of the form <groupId> \(the Atlas project id/);
    expect(await atlasRequests()).toEqual([]);
  });

  test("a project Atlas does not know is not taken as the setting gone: the stack keeps it", async () => {
    const groupId = hex(24);
    const error = await harness.failure(
      provider.read(groupId, { groupId, enabled: true, previous: false, restoreOnDestroy: true, adopted: false }),
    );
    expect(error.message).toMatch(/project groupId="[0-9a-f]{24}" does not exist or these credentials cannot see it/);
    expect(error.message).toMatch(/Could not refresh regional mode of project/);
  });
});

describe("destroy", () => {
  test("puts back what Atlas had before, and waits for the clusters to apply it", async () => {
    const { id, outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    await harness.delays({ clusterUpdateMs: HELD_DELAY });
    await harness.clearRequests();
    const destroying = harness.observe(provider.delete(id, { ...outs, __provider: PROVIDER_TEXT }));
    await harness.untilRequest((r) => r.method === "GET" && r.path.endsWith("/clusters"), "a cluster read after the restore");
    await harness.control.advance(HELD_MS);
    await destroying;
    expect((await patches()).length).toBe(1);
    expect(await regionalMode(sharded().groupId)).toBe(false);
    expect(harness.progress.join("\n")).toMatch(/ENABLED -> DISABLED, as it was before/);
    expect(harness.progress.join("\n")).toMatch(/cluster events: UPDATING, waiting for it to apply regional mode/);
  });

  test("with restoreOnDestroy false leaves the setting and asks Atlas nothing", async () => {
    const { id, outs } = await harness.observe(
      provider.create(await checked({ groupId: sharded().groupId, enabled: true, restoreOnDestroy: false })),
    );
    await harness.clearRequests();
    await provider.delete(id, { ...outs, __provider: PROVIDER_TEXT });
    expect(await atlasRequests()).toEqual([]);
    expect(await regionalMode(sharded().groupId)).toBe(true);
    expect(harness.progress.join("\n")).toMatch(/left ENABLED in Atlas because restoreOnDestroy is false/);
  });

  test("Atlas's refusal to disable while a region holds two endpoints and another one says what to remove, and the stack keeps it", async () => {
    const { id, outs } = await harness.observe(provider.create(await checked({ groupId: sharded().groupId, enabled: true })));
    const client = connectToAtlas();
    const extra = {
      groupId: sharded().groupId,
      cloudProvider: "AWS" as const,
      endpointServiceId: sharded().endpointServices.US_EAST_1,
      endpointId: `vpce-${hex(17)}`,
    };
    await client.createPrivateEndpoint(extra, { cloudProvider: "AWS", id: extra.endpointId });
    try {
      const error = await harness.failure(provider.delete(id, { ...outs, __provider: PROVIDER_TEXT }));
      expect(error.message).toMatch(
        /^Atlas will not disable regional mode of project groupId="[0-9a-f]{24}" while private endpoints sit in several regions with more than one in a region \(Atlas answered 409 CANNOT_DISABLE_REGIONALIZED_PRIVATELINK_WITH_MULTIPLE_ENDPOINTS .*\)\. Remove private endpoints .* or keep it enabled, then run `pulumi destroy` again\.$/,
      );
      expect(await regionalMode(sharded().groupId)).toBe(true);
    } finally {
      await client.deletePrivateEndpoint(extra);
      await harness.control.advance(HELD_MS);
      await until(async () => !(await harness.endpoints()).some((e) => e.endpointId === extra.endpointId), "the extra endpoint is gone");
    }
  });
});

describe("check", () => {
  test("enabling is warned of at check, naming the project and the downtime, without a request", async () => {
    await harness.clearRequests();
    const { failures } = await provider.check({}, { groupId: sharded().groupId, enabled: true, __provider: PROVIDER_TEXT });
    expect(failures).toEqual([]);
    const warning = harness.progress.find((line) => line.startsWith("[RegionalMode] warning: "));
    expect(warning).toMatch(
      new RegExp(
        `Regional mode will be enabled in project groupId="${sharded().groupId}" \\(unless Atlas has it enabled already\\): .*may cause downtime`,
      ),
    );
    expect(await harness.requests()).toEqual([]);
  });

  test("no warning when the recorded setting is already enabled, or when it stays disabled", async () => {
    await provider.check(
      { groupId: sharded().groupId, enabled: true },
      { groupId: sharded().groupId, enabled: true, __provider: PROVIDER_TEXT },
    );
    await provider.check({}, { groupId: sharded().groupId, enabled: false, __provider: PROVIDER_TEXT });
    expect(harness.progress.filter((line) => line.includes("warning"))).toEqual([]);
  });

  test("disabling a recorded enabled setting is warned of too", async () => {
    await provider.check(
      { groupId: sharded().groupId, enabled: true },
      { groupId: sharded().groupId, enabled: false, __provider: PROVIDER_TEXT },
    );
    expect(harness.progress.join("\n")).toMatch(
      /warning: Regional mode will be disabled in project groupId=".*change back, which may cause downtime/,
    );
  });
});
