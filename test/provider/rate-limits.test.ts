import { join } from "node:path";
import { runProviderProcesses } from "../../bench/shared-bucket";
import { provider, PROVIDER_TEXT, useHarness } from "../support/provider-harness";

const harness = useHarness();

/**
 * Many endpoints at once against a token bucket far below the polling rate (at time scale 0.01 the
 * waits would poll hundreds of times a second): 429 is back-pressure shared by the process.
 */
test("12 concurrent creates and then deletes through a small token bucket all succeed, Atlas ends empty, at most a quarter of requests refused", async () => {
  await harness.config({ rateLimit: { capacity: 8, refillRate: 8, refillIntervalSeconds: 1 } });
  await harness.clearRequests();
  const args = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 0 ? harness.awsArgs() : i % 3 === 1 ? harness.azureArgs() : harness.gcpArgs(),
  );
  const checked = await Promise.all(args.map((a) => harness.checked(a)));

  const created = await Promise.allSettled(checked.map((inputs) => harness.observe(provider.create(inputs))));
  const failedCreates = created.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
  expect(failedCreates).toEqual([]);
  const ok = created.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof provider.create>>>).value);
  expect(ok.map((r) => r.outs.connectionStatus ?? r.outs.status)).toEqual(Array(12).fill("AVAILABLE"));

  const deleted = await Promise.allSettled(ok.map((r) => harness.observe(provider.delete(r.id, { ...r.outs, __provider: PROVIDER_TEXT }))));
  expect(deleted.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  expect(await harness.endpoints()).toEqual([]);

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

/**
 * Three stacks updated at once by CI: three provider processes, each with its own pacer, share one
 * Atlas token bucket. RateLimit-Remaining on every answer is their one common signal.
 */
test("three provider processes x 12 endpoints sharing a bucket of 20 refilling 2 per second all succeed, with at most a quarter of requests refused", async () => {
  const timeScale = 0.05; // a 1.5 s request timeout: three processes start on a loaded machine
  await harness.config({ timeScale, rateLimit: { capacity: 20, refillRate: 2, refillIntervalSeconds: 1 } });
  const before = (await harness.endpoints()).length;
  await harness.clearRequests();
  const results = await runProviderProcesses({
    baseUrl: harness.simulator.baseUrl,
    publicKey: harness.seed.apiKey.publicKey,
    privateKey: harness.seed.apiKey.privateKey,
    groupId: harness.seed.groupId,
    endpointServiceId: harness.seed.endpointServices.AWS,
    processes: 3,
    endpointsPerProcess: 12,
    timeScale,
    repoRoot: join(__dirname, "..", ".."),
  });
  expect(results).toEqual(Array(3).fill({ created: 12, deleted: 12, failures: [] }));
  expect((await harness.endpoints()).length).toBe(before);

  const requests = (await harness.requests()).filter((r) => r.auth !== "challenge" && r.path.startsWith("/api/atlas/"));
  const refused = requests.filter((r) => r.status === 429).length;
  expect(refused).toBeGreaterThan(0); // the shared bucket did push back
  expect(refused / requests.length).toBeLessThanOrEqual(0.25);
}, 400_000);
