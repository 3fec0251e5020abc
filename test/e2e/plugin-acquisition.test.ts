import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageVersion, releaseArchiveName } from "../../scripts/lib/plugin-package";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { releaseSchema } from "../../scripts/lib/release-artifacts";
import { type ReleaseServer, startReleaseServer } from "../../scripts/lib/release-server";
import {
  controlOf,
  expectOk,
  fixturesDir,
  stackFor,
  output,
  type RunningSimulator,
  startSimulator,
  workspace,
} from "../support/cli-harness";
import { cliPlatform, installedPlugins, packageLock, projectPackages, releaseAssets } from "../support/release-harness";

// The plugin as a release ships it: archives named as the CLI asks for them, on a local server laid out like GitHub
// releases (scripts/lib/release-server.ts) and reached the way the schema's pluginDownloadURL
// (github://api.github.com/<owner>) tells the CLI to, with only the host swapped for the local one. A YAML project
// adds the package from that release with `pulumi package add`, and `pulumi up` with automatic plugin acquisition on
// (with-tools.sh turns it off for every other test) fetches the plugin itself: no `pulumi plugin install` anywhere.
jest.setTimeout(300_000);

const PROGRAM = `${fixturesDir}/yaml-package-add`;
const REGION = "eu-west-1";
const PLUGIN_CACHE_OFF = { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" };
let simulator: RunningSimulator;
let release: ReleaseServer;
let stack: PulumiStack;
const version = packageVersion();

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, timeScale: 0.02 });
  release = await startReleaseServer({
    assets: await releaseAssets(),
    pluginDownloadURL: releaseSchema().pluginDownloadURL,
    version,
    tlsDir: mkdtempSync(join(workspace(), "release-tls-")),
  });
  // The CLI speaks HTTPS to a github:// host; it trusts the server's certificate through SSL_CERT_FILE.
  stack = stackFor(simulator, PROGRAM, { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false", SSL_CERT_FILE: release.certFile });
  await stack.init({ groupId: simulator.seed.groupId, region: REGION });
});
afterAll(async () => {
  await stack?.destroy();
  await release?.close();
  await simulator?.close();
});

const releaseLookup = () => `/repos/${release.pluginDownloadURL.split("/")[3]}/pulumi-atlas-private-endpoint/releases/tags/v${version}`;
const archive = () => releaseArchiveName(version, cliPlatform() as Parameters<typeof releaseArchiveName>[1]);
const downloads = () => release.requests.filter((r) => r.path.endsWith(`/${archive()}`) && r.status === 200);

async function emptyPluginCache(): Promise<void> {
  rmSync(join(stack.stateDir, "home", "plugins"), { recursive: true, force: true });
  expect(await installedPlugins(stack)).toEqual([]);
}

test("the release server stands in for the schema's pluginDownloadURL: same scheme, owner and repository, local host", () => {
  const schemaURL = releaseSchema().pluginDownloadURL;
  expect(schemaURL).toMatch(/^github:\/\/api\.github\.com\/[^/]+$/);
  expect(release.pluginDownloadURL).toBe(schemaURL.replace("api.github.com", new URL(release.origin).host));
});

test("pulumi package add <name>@<version> --server <release> downloads this platform's archive and records where it came from", async () => {
  const text = expectOk(await stack.run(["package", "add", `atlas-private-endpoint@${version}`, "--server", release.pluginDownloadURL]));
  expect(text).toMatch(/Added package MongoDB Atlas private endpoints/);
  expect(release.requests.map((r) => `${r.status} ${r.path}`)).toEqual(expect.arrayContaining([`200 ${releaseLookup()}`]));
  expect(downloads()).toHaveLength(1);
  expect(packageLock(stack)).toMatchObject({ name: "atlas-private-endpoint", version, downloadUrl: release.pluginDownloadURL });
  expect(projectPackages(stack)["atlas-private-endpoint"]).toBeDefined();
});

test("with automatic plugin acquisition off and an empty plugin cache, the program cannot run and nothing is downloaded", async () => {
  await emptyPluginCache();
  release.requests.length = 0;
  const result = await stack.preview([], { env: PLUGIN_CACHE_OFF });
  expect(result.code).not.toBe(0);
  expect(output(result)).toMatch(/atlas-private-endpoint/);
  expect(release.requests).toEqual([]);
});

test("with automatic plugin acquisition on, pulumi up fetches the plugin from the release the package names and creates the service", async () => {
  await emptyPluginCache();
  release.requests.length = 0;
  await controlOf(simulator).clearRequests();
  expectOk(await stack.up());
  expect(release.requests[0]).toEqual({ method: "GET", path: releaseLookup(), status: 200 });
  expect(downloads()).toHaveLength(1);
  expect(await installedPlugins(stack)).toEqual([expect.objectContaining({ name: "atlas-private-endpoint", version })]);
  expect((await stack.outputs()).status).toBe("AVAILABLE");
  const created = (await controlOf(simulator).requests()).filter((r) => r.method === "POST" && r.path.endsWith("/endpointService"));
  expect(created.filter((r) => r.status < 300)).toHaveLength(1);
});
