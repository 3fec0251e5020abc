/**
 * Conformance with real Atlas: every recorded exchange of an operation the simulator implements
 * is replayed against the simulator, which must answer with the same status, content type,
 * header names, body shape (keys, nulls included) and error envelope. Ids, dates and values the
 * recording run chose are not compared.
 */
import { AtlasTestClient, type AtlasResponse } from "./helpers/atlas-client";
import { differences, loadRecordings, RECORDINGS_DIR, recordingsAvailable, type Recording } from "./helpers/recordings";
import { extraRecordingRoots, folderLabel, manifestFolders, REPLAY_SIMULATOR, replayFolder } from "./helpers/replay";
import { FAST, stepUntil, useSimulator } from "./helpers/simulator-harness";
import { startSimulator } from "../../simulator";
import { ROUTES, type Route } from "../../simulator/http/routes";

const available = recordingsAvailable();

// A service stays INITIATING for an hour (360,000,000 ms x 0.01), so the first watch sees it as the
// recording did however slow the machine; the test then moves the simulator's clock past it.
const INITIATING_WALL_MS = 3_600_000;
const h = useSimulator({ ...FAST, delays: { ...FAST.delays, endpointServiceInitiatingMs: INITIATING_WALL_MS * 100 } });

/**
 * The simulator route a recording's request would reach, read off the file name (`[prefix__]METHOD_path
 * with underscores_N.snaphost`) against the simulator's own route table: a route added to the simulator
 * makes its recordings due for a replay here without anyone listing them.
 */
function routeOf(file: string): Route | undefined {
  const name = file.split("/").pop()!;
  return ROUTES.find((route) => {
    const path = route.path
      .slice(1)
      .split("/")
      .map((segment) => (segment.startsWith(":") ? "[^_]+" : segment))
      .join("_");
    return new RegExp(`(?:^|_)${route.method}_${path}_\\d+\\.snaphost$`).test(name);
  });
}

const CLOUD_FOLDERS = { AWS: "TestPrivateEndpointsAWS", AZURE: "TestPrivateEndpointsAzure", GCP: "TestPrivateEndpointsGCP" } as const;
type Cloud = keyof typeof CLOUD_FOLDERS;

const recordings = available ? loadRecordings() : [];
const find = (pattern: RegExp): Recording => {
  const found = recordings.find((recording) => pattern.test(recording.file));
  if (!found) throw new Error(`no recording matches ${pattern}`);
  return found;
};
const replayed = new Set<string>();

function expectConforms(recording: Recording, response: AtlasResponse): void {
  replayed.add(recording.file);
  expect({ recording: recording.file, differences: differences(recording, response) }).toEqual({
    recording: recording.file,
    differences: [],
  });
}

const conformance = available ? describe : describe.skip;

/**
 * Lane recordings (`npm run test:atlas -- --record DIR`), the shared ones and any under
 * ATLAS_EXTRA_RECORDINGS_DIR: each scenario folder replayed request by request against a fresh
 * simulator (helpers/replay.ts), which must answer every one as recorded.
 */
const laneRoots = [...(available ? [RECORDINGS_DIR] : []), ...extraRecordingRoots()];
const laneFolders = manifestFolders(laneRoots);
(laneFolders.length > 0 ? describe : describe.skip)("the simulator against lane recordings", () => {
  test.each(laneFolders.map((folder) => [folderLabel(folder, laneRoots), folder]))(
    "%s replays with no difference",
    async (_label, folder) => {
      const sim = await startSimulator(REPLAY_SIMULATOR);
      try {
        const report = await replayFolder(folder, sim);
        expect(report.differences).toEqual([]);
        expect(report.replayed).toBeGreaterThan(0);
      } finally {
        await sim.close();
      }
    },
  );
});

conformance("the simulator against recorded Atlas", () => {
  describe.each(Object.keys(CLOUD_FOLDERS) as Cloud[])("%s private endpoint service", (cloud) => {
    test("create, watch, describe, list and delete answer as recorded", async () => {
      const folder = `private-endpoint-services/${CLOUD_FOLDERS[cloud]}`;
      const recordedCreate = find(new RegExp(`^${folder}/Create/POST_`));
      const region = JSON.parse(recordedCreate.text).regionName as string;
      const created = await h.atlas.post(`${h.groupPath}/endpointService`, { providerName: cloud, region });
      expectConforms(recordedCreate, created);
      const servicePath = `${h.groupPath}/${cloud}/endpointService/${created.body.id}`;

      expectConforms(find(new RegExp(`^${folder}/Watch/GET_.*_1\\.snaphost$`)), await h.atlas.get(servicePath));
      const ready = await stepUntil(
        h,
        () => h.atlas.get(servicePath),
        (response) => response.body?.status === "AVAILABLE",
        INITIATING_WALL_MS,
      );
      expectConforms(find(new RegExp(`^${folder}/Watch/GET_.*_2\\.snaphost$`)), ready);
      expectConforms(find(new RegExp(`^${folder}/Describe/GET_`)), await h.atlas.get(servicePath));
      expectConforms(find(new RegExp(`^${folder}/List/GET_`)), await h.atlas.get(`${h.groupPath}/${cloud}/endpointService`));
      expectConforms(find(new RegExp(`^${folder}/Delete/DELETE_`)), await h.atlas.delete(servicePath));
    });
  });

  test("the regional-mode setting answers enable, disable and get as recorded", async () => {
    // The recording's project held no cluster; the seeded sharded project holds no replica set, so both may toggle.
    const folder = "private-endpoint-services/TestRegionalizedPrivateEndpointsSettings";
    const path = `/api/atlas/v2/groups/${h.sim.seed.shardedProject.groupId}/privateEndpoint/regionalMode`;
    expectConforms(find(new RegExp(`^${folder}/Enable_.*/PATCH_`)), await h.atlas.patch(path, { enabled: true }));
    expectConforms(find(new RegExp(`^${folder}/Disable_.*/PATCH_`)), await h.atlas.patch(path, { enabled: false }));
    expectConforms(find(new RegExp(`^${folder}/Get_.*/GET_`)), await h.atlas.get(path));
  });

  test("a wrong private key gets the recorded digest challenge and pretty-printed 401", async () => {
    const client = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", publicKey: h.sim.seed.apiKey.publicKey, privateKey: "wrong" });
    const response = await client.post(`${h.groupPath}/endpointService`, { providerName: "AWS", region: "EU_WEST_3" });
    expectConforms(find(/^errors\/Invalid_Private_Key__/), response);
    const recorded = find(/^errors\/Invalid_Private_Key__/).headers.get("www-authenticate")!;
    const shape = (challenge: string) => challenge.replace(/nonce="[^"]*"/, 'nonce="…"');
    expect(shape(response.headers.get("www-authenticate")!)).toBe(shape(recorded));
  });

  test("an unknown public key gets the recorded digest challenge and pretty-printed 401", async () => {
    const client = new AtlasTestClient(h.sim.baseUrl, { kind: "digest", publicKey: "nobodyxx", privateKey: "wrong" });
    expectConforms(
      find(/^errors\/Invalid_Public_Key__/),
      await client.post(`${h.groupPath}/endpointService`, { providerName: "AWS", region: "EU_WEST_3" }),
    );
  });

  test("a project that does not exist answers 404 GROUP_NOT_FOUND as recorded", async () => {
    const response = await h.atlas.post(`/api/atlas/v2/groups/111111111111111111111111/privateEndpoint/endpointService`, {
      providerName: "AWS",
      region: "EU_WEST_3",
    });
    expectConforms(find(/^errors\/Invalid_Project_ID__/), response);
    expect(response.body.parameters).toEqual(["111111111111111111111111"]);
  });

  test("a cluster that does not exist answers 404 CLUSTER_NOT_FOUND as recorded", async () => {
    const response = await h.atlas.get(`/api/atlas/v2/groups/${h.sim.seed.groupId}/clusters/cluster-989`, {
      accept: "application/vnd.atlas.2024-08-05+json",
    });
    expectConforms(find(/^errors\/404__GET_.*_clusters_cluster-989_/), response);
    expect(response.body.parameters).toEqual(["cluster-989", h.sim.seed.groupId]);
  });

  test("every recording of an operation the simulator serves was replayed above", () => {
    // Runs last. "Served" comes from the simulator's route table, so a new route or a new recording
    // of a served operation needs a replay here; recordings of operations it does not serve (project
    // creation, flex backups, online archives, database users) are left out.
    // Lane recordings (folders with exchanges.json) are replayed whole by the block above.
    const files = recordings
      .map((recording) => recording.file)
      .filter((file) => !laneFolders.some((folder) => `${RECORDINGS_DIR}/${file}`.startsWith(`${folder}/`)));
    const served = files.filter((file) => routeOf(file) !== undefined);
    expect(files.filter((file) => routeOf(file) !== undefined && !replayed.has(file))).toEqual([]);
    // The derivation recognises every operation recording replayed above, so it does not pass by
    // matching nothing. The wrong-key and missing-project errors were recorded on databaseUsers, which
    // the simulator does not serve: Atlas answers them before the operation, so they are replayed on a
    // served route instead.
    const beforeTheOperation = /^errors\/Invalid_/;
    expect([...replayed].filter((file) => !served.includes(file) && !beforeTheOperation.test(file))).toEqual([]);
    expect(served.length).toBe(replayed.size - files.filter((file) => beforeTheOperation.test(file)).length);
  });
});
