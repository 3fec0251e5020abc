import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LocalRegistry, startLocalRegistry } from "../../scripts/lib/npm-registry";
import { packageVersion } from "../../scripts/lib/plugin-package";
import { examplesDir, workspace } from "../support/cli-harness";
import { nodeSdk, releaseSchema } from "../../scripts/lib/release-artifacts";
import { type CommandResult, runCommand } from "../../scripts/lib/run-command";
import { packedPackage } from "../support/release-harness";

// What the release's npm job does, against a local registry (Verdaccio, scripts/local-npm-registry.ts) in this
// file's own folder: `npm publish` of the package and of the generated Node.js SDK, then installs by name from the
// registry, as users install them: examples/aws as it is committed, and the SDK into an empty project.
jest.setTimeout(600_000);

let registry: LocalRegistry;
let dir: string;
const version = packageVersion();

function expectOk(result: CommandResult, what: string): string {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

/** npm with the registry's user config only (its registry and publishing token), quiet. */
function npm(args: string[], cwd: string): Promise<CommandResult> {
  const env = { ...process.env, npm_config_userconfig: registry.userconfig, npm_config_registry: registry.url };
  return runCommand("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, env });
}

beforeAll(async () => {
  dir = mkdtempSync(join(workspace(), "npm-registry-"));
  registry = await startLocalRegistry(join(dir, "registry"));
});
afterAll(async () => {
  await registry?.stop();
});

test("npm publish puts the package and the Node.js SDK on the registry at package.json's version", async () => {
  expectOk(await npm(["publish", packedPackage()], dir), "npm publish (package)");
  const sdkTarball = await nodeSdk(mkdtempSync(join(dir, "sdk-")));
  expectOk(await npm(["publish", sdkTarball, "--access", "public"], dir), "npm publish (Node.js SDK)");

  const sdkName = releaseSchema().language.nodejs.packageName;
  for (const name of ["pulumi-atlas-private-endpoint", sdkName]) {
    const view = JSON.parse(expectOk(await npm(["view", name, "--json"], dir), `npm view ${name}`));
    expect({ name: view.name, version: view.version, tarball: view.dist.tarball }).toEqual({
      name,
      version,
      tarball: expect.stringContaining(registry.url),
    });
  }
});

test("examples/aws, as committed, installs the package by name from the registry and typechecks against it", async () => {
  const example = join(dir, "example-aws");
  cpSync(join(examplesDir, "aws"), example, { recursive: true, filter: (path) => !/node_modules|package-lock/.test(path) });
  const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8"));
  expect(manifest.dependencies["pulumi-atlas-private-endpoint"]).not.toMatch(/^(file:|\.|\/)/);
  // Other dependencies pass through the registry to its uplink; their tarballs come from npm's cache when it has them.
  expectOk(await npm(["install", "--prefer-offline"], example), "npm install (examples/aws)");

  const installed = join(example, "node_modules", "pulumi-atlas-private-endpoint");
  expect(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version).toBe(version);
  expect(existsSync(join(installed, "dist", "provider", "lifecycle.js"))).toBe(true);
  // The bytes published above (the registry serves this name only from what it received, never from its uplink).
  const lock = JSON.parse(readFileSync(join(example, "package-lock.json"), "utf8"));
  const published = `sha512-${createHash("sha512").update(readFileSync(packedPackage())).digest("base64")}`;
  expect(lock.packages["node_modules/pulumi-atlas-private-endpoint"]).toMatchObject({ version, integrity: published });
  const tsc = join(example, "node_modules", ".bin", "tsc");
  expectOk(await runCommand(tsc, ["--noEmit", "-p", example], { cwd: example }), "tsc (examples/aws)");
});

test("the Node.js SDK installs by name into an empty project and declares the plugin with its version and download URL", async () => {
  const project = join(dir, "sdk-user");
  const sdkName = releaseSchema().language.nodejs.packageName;
  cpSync(join(examplesDir, "aws", "tsconfig.json"), join(project, "tsconfig.json"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "sdk-user", private: true }));
  expectOk(await npm(["install", "--prefer-offline", `${sdkName}@${version}`], project), `npm install ${sdkName}`);
  const installed = JSON.parse(readFileSync(join(project, "node_modules", ...sdkName.split("/"), "package.json"), "utf8"));
  // The Node.js language host reads this to tell the engine which plugin a program needs and where to get it.
  expect(installed.pulumi).toEqual({ resource: true, name: "atlas-private-endpoint", version, server: releaseSchema().pluginDownloadURL });
  const loaded = await runCommand(
    "node",
    ["-e", `const sdk = require(${JSON.stringify(sdkName)}); console.log(typeof sdk.PrivateEndpoint, typeof sdk.EndpointService)`],
    { cwd: project },
  );
  expect(expectOk(loaded, "node -e require(sdk)").trim()).toBe("function function");
});
