/**
 * The sweeper against the simulator: it deletes what a lane run left (by the mark and age in the
 * ids Atlas keeps), endpoints before their service, and keeps what is fresh or not the lane's.
 */
import { AtlasClient, isAtlasNotFound } from "../../provider/client";
import { resetPacers } from "../../provider/client/pacing/registry";
import { laneEndpointId } from "../../scripts/atlas-lane/names";
import { type SweepItem, sweep } from "../../scripts/atlas-lane/sweep";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { fakeClock } from "../support/fake-clock";
import { SimulatorControl } from "../support/simulator-control";

const LANE_REGION = "AP_SOUTHEAST_2";
const HOUR = 3_600_000;

let sim: RunningSimulator;
let client: AtlasClient;
let groupId: string;

beforeEach(async () => {
  resetPacers();
  sim = await startSimulator({ port: 0, timeScale: 0.01, missingIdPatterns: { AWS: /^vpce-0a71a5/ } });
  groupId = sim.seed.groupId;
  client = new AtlasClient({
    credentials: { kind: "apiKey", ...sim.seed.apiKey },
    baseUrl: sim.baseUrl,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
});
afterEach(() => sim.close());

async function laneService(region = LANE_REGION): Promise<string> {
  const created = await client.createEndpointService({ groupId }, { providerName: "AWS", region });
  return created.id!;
}

async function register(endpointServiceId: string, id: string): Promise<void> {
  await client.createPrivateEndpoint({ groupId, cloudProvider: "AWS", endpointServiceId }, { cloudProvider: "AWS", id });
}

async function exists(endpointServiceId: string, endpointId: string): Promise<boolean> {
  try {
    await client.getPrivateEndpoint({ groupId, cloudProvider: "AWS", endpointServiceId, endpointId });
    return true;
  } catch (error) {
    if (isAtlasNotFound(error)) return false;
    throw error;
  }
}

const options = (extra: Partial<Parameters<typeof sweep>[0]> = {}) => ({
  client,
  groupId,
  regions: [LANE_REGION],
  olderThanMs: 2 * HOUR,
  yes: true,
  pollMs: 20,
  goneTimeoutMs: 10_000,
  ...extra,
});

const verdicts = (items: SweepItem[]) =>
  items.map((item) => `${item.kind} ${item.id}: ${item.kept ?? (item.deleted ? "deleted" : "to delete")}`).sort();

test("the sweeper deletes a planted leftover older than the age and keeps a fresh one, and someone else's", async () => {
  const serviceId = await laneService();
  const leftover = laneEndpointId(Date.now() - 3 * HOUR);
  const fresh = laneEndpointId(Date.now());
  const foreign = "vpce-0123456789abcdef0";
  for (const id of [leftover, fresh, foreign]) await register(serviceId, id);

  const listed = await sweep(options({ yes: false }));
  expect(await exists(serviceId, leftover)).toBe(true); // listing deletes nothing
  expect(verdicts(listed)).toEqual(
    [
      `endpoint ${leftover}: to delete`,
      `endpoint ${fresh}: younger than the age given`,
      `endpoint ${foreign}: not the lane's (no lane mark in its id)`,
      `service ${serviceId}: younger than the age given`,
    ].sort(),
  );

  const swept = await sweep(options());
  expect(swept.find((item) => item.id === leftover)).toMatchObject({ deleted: true });
  expect(await exists(serviceId, leftover)).toBe(false);
  expect(await exists(serviceId, fresh)).toBe(true);
  expect(await exists(serviceId, foreign)).toBe(true);
});

test("an old lane service goes after its endpoints are gone; one holding another's endpoint, and other regions' services, stay", async () => {
  const serviceId = await laneService();
  const otherLaneRegion = "SA_EAST_1";
  const keptServiceId = await laneService(otherLaneRegion);
  const endpoint = laneEndpointId(Date.now());
  await register(serviceId, endpoint);
  await register(keptServiceId, "vpce-0123456789abcdef0");
  // Three hours from now everything the lane made here is old.
  const swept = await sweep(options({ regions: [LANE_REGION, otherLaneRegion], nowMs: Date.now() + 3 * HOUR }));

  expect(verdicts(swept)).toEqual(
    [
      `endpoint ${endpoint}: deleted`,
      `service ${serviceId}: deleted`,
      "endpoint vpce-0123456789abcdef0: not the lane's (no lane mark in its id)",
      `service ${keptServiceId}: holds 1 endpoint(s) that stay`,
    ].sort(),
  );
  const left = (await client.listEndpointServices({ groupId, cloudProvider: "AWS" })).map((service) => service.id);
  expect(left).not.toContain(serviceId);
  expect(left).toContain(keptServiceId);
  expect(left).toContain(sim.seed.endpointServices.AWS); // the seeded service is in a region the lane does not own
});

test("Atlas's 429s on the sweeper's deletes are waited out through the provider's client, not turned into failures", async () => {
  // The client, and the pacer it makes on its clock, wait on an injected clock: the
  // test reads which waits they made instead of timing them.
  const clock = fakeClock();
  resetPacers();
  client = new AtlasClient({
    credentials: { kind: "apiKey", ...sim.seed.apiKey },
    baseUrl: sim.baseUrl,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    clock,
  });
  const serviceId = await laneService();
  const leftover = laneEndpointId(Date.now() - 3 * HOUR);
  await register(serviceId, leftover);
  const control = new SimulatorControl(sim.baseUrl);
  await control.fault({ method: "DELETE", status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 1, count: 2 });
  const swept = await sweep(options());
  expect(swept.find((item) => item.id === leftover)).toMatchObject({ deleted: true });
  expect(swept.every((item) => item.error === undefined)).toBe(true);
  // Two Retry-After: 1 honoured, one after each refusal, before the pacer's slower pace afterwards.
  expect(clock.sleeps.slice(0, 2)).toEqual([1000, 1000]);
  const deletes = (await control.requests()).filter((entry) => entry.method === "DELETE");
  expect(deletes.length).toBe(3);
});
