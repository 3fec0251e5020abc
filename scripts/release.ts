/**
 * Builds every artifact of a release from this clone (.github/workflows/release.yml runs it on a `v*` tag, and on
 * pull requests as the dry run):
 *
 *   npm run release -- [--out dist/release] [--tag v1.2.3] [--python python3]
 *
 * --tag refuses to build when the tag is not `v` + package.json's version (the one place the version is set).
 * Writes into the out folder:
 *   npm/             pulumi-atlas-private-endpoint-<v>.tgz and the Node.js SDK's tarball (npm publish each)
 *   github-release/  pulumi-resource-atlas-private-endpoint-v<v>-<os>-<arch>.tar.gz (the plugin, under each name
 *                    the CLI downloads from github://api.github.com/<owner>), schema.json, SHA256SUMS
 *   python/          the Python SDK's sdist and wheel (PyPI)
 *   go/sdk/go/       the Go SDK as its tag sdk/go/v<v> holds it (go.mod, go.sum, the package)
 *   release-notes.md the commits since the previous tag
 *   artifacts.json   every file above with its size and sha256
 * Needs atlas-pe-gen-sdk and go (scripts/install-gen-sdk.sh) and, for the Python SDK, PyPA's `build` module.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { packageVersion } from "./lib/plugin-package";
import { packPackage, repoRoot } from "./lib/pulumi-workspace";
import { goSdkTree, nodeSdk, pluginArchives, pythonSdk, releaseNotes } from "./lib/release-artifacts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

function step(message: string): void {
  process.stdout.write(`==> ${message}\n`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function main(): Promise<void> {
  const version = packageVersion();
  const tag = option("tag");
  if (tag !== undefined && tag !== `v${version}`) {
    throw new Error(`tag ${tag} does not match package.json's version ${version}: tag v${version}, or change the version first`);
  }
  const out = resolve(option("out") ?? join(repoRoot, "dist", "release"));
  rmSync(out, { recursive: true, force: true });
  const npm = join(out, "npm");
  const assets = join(out, "github-release");
  for (const dir of [npm, assets]) mkdirSync(dir, { recursive: true });

  step(`npm package pulumi-atlas-private-endpoint ${version}`);
  const packageTarball = await packPackage(npm);
  step("plugin archives (one per platform)");
  await pluginArchives(packageTarball, assets);
  copyFileSync(join(repoRoot, "schema.json"), join(assets, "schema.json"));
  step("Node.js SDK");
  await nodeSdk(npm);
  step(`Go SDK (the tree of tag sdk/go/v${version})`);
  await goSdkTree(join(out, "go"));
  step("Python SDK (sdist and wheel)");
  await pythonSdk(join(out, "python"), option("python") ?? "python3");
  step("release notes");
  writeFileSync(join(out, "release-notes.md"), await releaseNotes(version));

  const sums = readdirSync(assets)
    .sort()
    .map((name) => `${sha256(join(assets, name))}  ${name}`);
  writeFileSync(join(assets, "SHA256SUMS"), `${sums.join("\n")}\n`);
  const artifacts = filesUnder(out)
    .map((file) => ({ path: relative(out, file), size: statSync(file).size, sha256: sha256(file) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  writeFileSync(join(out, "artifacts.json"), `${JSON.stringify(artifacts, null, 2)}\n`);
  for (const artifact of artifacts) process.stdout.write(`${String(artifact.size).padStart(12)}  ${artifact.path}\n`);
  process.stdout.write(`${artifacts.length} files in ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
