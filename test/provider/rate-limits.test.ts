import { runProviderJob } from "../../bench/provider-process";
import type { Clock } from "../../provider/vocabulary/time";
import { TIME_SCALE_ENV } from "../../provider/host/connection";
import { provider, PROVIDER_TEXT, useHarness, withEnv } from "../support/provider-harness";
import { onSimulatedTime } from "../../scripts/lib/simulated-time";

const harness = useHarness();

// Atlas's token bucket refills on the simulator's clock and every wait, pacing turn and Retry-After of
// the provider on its own: both run on one simulated time (scripts/lib/simulated-time.ts), so a minute
// of refills takes milliseconds, however many waits there are.

/**
 * Many endpoints at once against a token bucket far below the polling rate (at time scale 0.02 the
 * waits would poll hundreds of times a second): 429 is back-pressure shared by the process.
 */
test("12 concurrent creates and then deletes through a small token bucket all succeed, Atlas ends empty, at most a quarter of requests refused", async () => {
  // A 600 ms request timeout: the twelve creates' first requests go out together, maybe while other test
  // files start on the same cores (at the harness's 0.01, 300 ms, they could time out); simulated time makes
  // the scale cost nothing.
  const timeScale = 0.02;
  await harness.config({ timeScale, rateLimit: { capacity: 8, refillRate: 8, refillIntervalSeconds: 1 } });
  await harness.clearRequests();
  const args = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 0 ? harness.awsArgs() : i % 3 === 1 ? harness.azureArgs() : harness.gcpArgs(),
  );
  const checked = await Promise.all(args.map((a) => harness.checked(a)));

  const skippedMs = await withEnv({ [TIME_SCALE_ENV]: String(timeScale) }, () =>
    onSimulatedTime(harness.control, async (time) => {
      const created = await Promise.allSettled(checked.map((inputs) => harness.observe(provider.create(inputs))));
      const failedCreates = created.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
      expect(failedCreates).toEqual([]);
      const ok = created.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof provider.create>>>).value);
      expect(ok.map((r) => r.outs.connectionStatus ?? r.outs.status)).toEqual(Array(12).fill("AVAILABLE"));

      const deleted = await Promise.allSettled(
        ok.map((r) => harness.observe(provider.delete(r.id, { ...r.outs, __provider: PROVIDER_TEXT }))),
      );
      expect(deleted.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      return time.skippedMs;
    }),
  );
  expect(await harness.endpoints()).toEqual([]);
  expect(skippedMs).toBeGreaterThan(0); // the bucket's refills and the waits ran on simulated time

  const requests = (await harness.requests()).filter((r) => r.auth !== "challenge" && r.path.startsWith("/api/atlas/"));
  const refused = requests.filter((r) => r.status === 429).length;
  expect(refused).toBeGreaterThan(0); // the bucket did push back, so the test measures something
  expect(refused / requests.length).toBeLessThanOrEqual(0.25);

  // Progress: said when Atlas rate limits and how long everyone waits, per change of pace, not per refused request.
  const paceLines = harness.progress.filter((line) => line.includes("Atlas at "));
  expect(
    paceLines.some(
      (line) =>
        /is rate limiting \(429, Retry-After \d+\.\d s\): every request to it waits \d+\.\d s/.test(line) ||
        /reports \d+ of 8 requests left: pacing/.test(line),
    ),
  ).toBe(true);
  expect(paceLines.length).toBeLessThan(Math.max(2, refused));
  expect(harness.progress.filter((line) => /answered 429; retrying/.test(line))).toEqual([]);
}, 180_000);

type Lifecycle = typeof import("../../provider/lifecycle");
type Time = typeof import("../../provider/vocabulary/time");

/**
 * The provider as another provider process has it: loaded in a module registry of its own, so its
 * pacer, its configuration and its clock object are its own, as a separate process's are. It is
 * reached through the stable path the engine's serialized provider requires.
 */
function providerOfItsOwn(): { provider: Parameters<typeof runProviderJob>[1]; clock: Clock } {
  let loaded: { provider: Parameters<typeof runProviderJob>[1]; clock: Clock } | undefined;
  jest.isolateModules(() => {
    const lifecycle = require("../../provider/lifecycle") as Lifecycle;
    const { realClock } = require("../../provider/vocabulary/time") as Time;
    loaded = {
      provider: {
        ...provider,
        check: async (olds, news) => lifecycle.check(olds, news),
        create: async (inputs) => lifecycle.create(inputs),
        delete: async (id, props) => lifecycle.remove(id, props),
      },
      clock: realClock,
    };
  });
  return loaded!;
}

/**
 * Three stacks updated at once by CI: three provider processes, each with its own pacer, share one
 * Atlas token bucket. RateLimit-Remaining on every answer is their one common signal.
 */
test("three provider processes x 12 endpoints sharing a bucket of 20 refilling 2 per second all succeed, with at most a quarter of requests refused", async () => {
  const timeScale = 0.05; // a 1.5 s request timeout: the answers of three processes' requests queue on a loaded machine
  await harness.config({ timeScale, rateLimit: { capacity: 20, refillRate: 2, refillIntervalSeconds: 1 } });
  const before = (await harness.endpoints()).length;
  await harness.clearRequests();
  const processes = Array.from({ length: 3 }, providerOfItsOwn);
  expect(new Set(processes.map((p) => p.clock)).size).toBe(3); // three module registries: three pacers
  const job = { groupId: harness.seed.groupId, endpointServiceId: harness.seed.endpointServices.AWS, endpoints: 12 };
  const { results, skippedMs } = await withEnv({ [TIME_SCALE_ENV]: String(timeScale) }, () =>
    onSimulatedTime(
      harness.control,
      async (time) => ({ results: await Promise.all(processes.map((p) => runProviderJob(job, p.provider))), skippedMs: time.skippedMs }),
      ...processes.map((p) => p.clock),
    ),
  );
  expect(results).toEqual(Array(3).fill({ created: 12, deleted: 12, failures: [] }));
  expect((await harness.endpoints()).length).toBe(before);
  expect(skippedMs).toBeGreaterThan(0);

  const requests = (await harness.requests()).filter((r) => r.auth !== "challenge" && r.path.startsWith("/api/atlas/"));
  const refused = requests.filter((r) => r.status === 429).length;
  expect(refused).toBeGreaterThan(0); // the shared bucket did push back
  expect(refused / requests.length).toBeLessThanOrEqual(0.25);
}, 400_000);
