/**
 * The real-Atlas lane (scripts/atlas-lane) run whole against the simulator, through the same code a
 * maintainer runs against Atlas (`npm run test:atlas`), so it cannot rot: every scenario passes,
 * nothing is left behind, the recording it makes replays through the conformance replay, a planted
 * divergence in the simulator fails that replay, and no credential or id leaks anywhere.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtlasClient } from "../../provider/client";
import { type LaneResult, runLane, scanRecording } from "../../scripts/atlas-lane/lane";
import { DEFAULT_REGION, DEFAULT_SERVICE_REGION } from "../../scripts/atlas-lane/settings";
import { manifestFolders, REPLAY_SIMULATOR, replayFolder } from "../simulator/helpers/replay";
import { startRecordingProxy, type RecordingProxy } from "../support/recording-proxy";
import { findLeaks, type Scanned } from "../support/secret-scan";
import { controlOf, type RunningSimulator, startSimulator, workspace } from "../support/cli-harness";

jest.setTimeout(600_000);

const REAL_ENDPOINT = "vpce-0123456789abcdef0";
let sim: RunningSimulator;
let wire: RecordingProxy;
let result: LaneResult;
const record = mkdtempSync(join(tmpdir(), "atlas-lane-record-"));
const logLines: string[] = [];

beforeAll(async () => {
  // Made-up lane ids fail as nonexistent AWS endpoints do in Atlas, after 3 s: later than the
  // deadline scenario's 1 s, so its deadline passes first.
  sim = await startSimulator({
    port: 0,
    missingIdPatterns: { AWS: /^vpce-0a71a5/ },
    delays: { awsPendingAcceptanceMs: 3000, awsPendingMs: 1000, endpointServiceInitiatingMs: 500, deletingMs: 500 },
  });
  // Between the lane and the simulator: remembers every credential that crossed the wire, for the scan.
  wire = await startRecordingProxy(sim.baseUrl);
  result = await runLane({
    env: {
      MONGODB_ATLAS_BASE_URL: wire.baseUrl,
      MONGODB_ATLAS_PUBLIC_API_KEY: sim.seed.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: sim.seed.apiKey.privateKey,
      MONGODB_ATLAS_PROJECT_ID: sim.seed.groupId,
      ATLAS_LANE_AWS_VPC_ENDPOINT_ID: REAL_ENDPOINT,
      PULUMI_ATLAS_PE_TIME_SCALE: "0.05",
      // The lane's programs are type-checked once per run (programs.test.ts), not on every pulumi command.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    },
    record,
    workspace: workspace(),
    log: (line) => logLines.push(line),
  });
});
afterAll(async () => {
  await wire?.close();
  await sim?.close();
});

test("every lane scenario passes against the simulator, and the run leaves nothing behind", async () => {
  const outcomes = Object.fromEntries(result.results.map((r) => [r.name, r.outcome === "failed" ? `failed: ${r.detail}` : r.outcome]));
  expect(outcomes).toEqual({
    "rejected-registration": "passed",
    "adopt-after-409": "passed",
    "create-deadline": "passed",
    "endpoint-service": "passed",
    "real-aws-endpoint": "passed",
  });
  expect(result.results.find((r) => r.name === "rejected-registration")!.detail).toMatch(/statuses seen: PENDING_ACCEPTANCE -> REJECTED;/);
  expect(result.leftovers).toEqual([]);
  expect(await controlOf(sim).endpoints()).toEqual([]);
  // The lane created its registrations' service and the EndpointService scenario's; both are gone.
  const client = new AtlasClient({ credentials: { kind: "apiKey", ...sim.seed.apiKey }, baseUrl: sim.baseUrl });
  const regions = (await client.listEndpointServices({ groupId: sim.seed.groupId, cloudProvider: "AWS" })).map(
    (service) => service.regionName,
  );
  expect(regions).not.toContain(DEFAULT_REGION);
  expect(regions).not.toContain(DEFAULT_SERVICE_REGION);
  const deletes = wire.requests().filter((r) => r.method === "DELETE" && /endpointService\/[0-9a-f]{24}$/.test(r.path));
  expect(deletes.length).toBeGreaterThanOrEqual(2);
});

test("the lane's recording replays against a fresh simulator with no difference", async () => {
  const folders = manifestFolders([record]).map((folder) => folder.slice(record.length + 1));
  expect(folders).toEqual(
    expect.arrayContaining(["setup", "rejected-registration", "adopt-after-409", "create-deadline", "real-aws-endpoint"]),
  );
  for (const folder of manifestFolders([record])) {
    const replaySim = await startSimulator(REPLAY_SIMULATOR);
    try {
      const report = await replayFolder(folder, replaySim);
      expect({ folder, differences: report.differences }).toEqual({ folder, differences: [] });
      expect(report.replayed).toBeGreaterThan(0);
    } finally {
      await replaySim.close();
    }
  }
});

test("a planted divergence (the endpoint create answer without its status field) fails the replay, naming the file and the field", async () => {
  const replaySim = await startSimulator({ ...REPLAY_SIMULATOR, dialect: { omitCreateStatus: true } });
  try {
    const report = await replayFolder(join(record, "rejected-registration"), replaySim);
    expect(report.differences).toEqual([
      expect.stringMatching(
        /^POST_api_atlas_v2_groups_b0123456789abcdef012345b_privateEndpoint_AWS_endpointService_[0-9a-f]{24}_endpoint_\d+\.snaphost: body shape: missing \[\$\.connectionStatus: string\], not recorded \[\]$/,
      ),
    ]);
  } finally {
    await replaySim.close();
  }
});

test("no credential, wire secret, project id or real endpoint id appears in the recordings; no credential or wire secret in logs or state", () => {
  const recordings: Scanned[] = result.recordings.map((file) => ({
    where: `recording ${file}`,
    text: readFileSync(join(record, file), "utf8"),
  }));
  const elsewhere: Scanned[] = [
    ...result.transcripts,
    { where: "lane log", text: logLines.join("\n") },
    ...result.stateFiles.map((file) => ({ where: `state ${file}`, text: readFileSync(file, "utf8") })),
  ];
  const credentials = [
    { label: "public key", value: sim.seed.apiKey.publicKey },
    { label: "private key", value: sim.seed.apiKey.privateKey },
    ...wire.secrets().map((value, index) => ({ label: `wire secret #${index}`, value })),
  ];
  const ids = [
    { label: "project id", value: sim.seed.groupId },
    { label: "real endpoint id", value: REAL_ENDPOINT },
  ];
  expect(wire.seen().digestResponses.length).toBeGreaterThan(0); // the scan looks for values that really crossed the wire
  expect(recordings.length).toBeGreaterThan(20);
  // A recorded 401 carries Atlas's challenge (`Digest realm=...`), which the shape scan would take for
  // credentials: its values are masked, which is checked here, and the rest of the file is scanned.
  const challenges = recordings.flatMap(({ text }) => text.split("\n").filter((line) => line.startsWith("Www-Authenticate:")));
  expect(challenges.length).toBeGreaterThan(0);
  for (const challenge of challenges)
    expect(challenge).toMatch(
      /^Www-Authenticate: Digest realm="[^"]*", domain="", nonce="<masked>", algorithm=MD5, qop="auth", stale=false$/,
    );
  // The rest of each file, with the challenge lines aside, as the lane's own scan reads it.
  expect(recordings.flatMap(({ where, text }) => scanRecording(where, text, [...credentials, ...ids]))).toEqual([]);
  expect(result.leaks).toEqual([]); // and the lane's own scan, run at its end, agrees
  expect(findLeaks(elsewhere, credentials)).toEqual([]);
  expect(recordings.some(({ text }) => text.includes("b0123456789abcdef012345b"))).toBe(true);
});
