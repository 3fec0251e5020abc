/**
 * What a release publishes, each built the way its registry expects it (scripts/release.ts builds them all;
 * .github/workflows/release.yml runs that and publishes):
 *   - the npm package (packPackage)
 *   - the plugin archives, one per platform under the name the CLI downloads (pluginArchives)
 *   - the Node.js SDK as an npm tarball: generated, compiled, packed from bin/ as Pulumi's own host packs SDKs (nodeSdk)
 *   - the Go SDK as the tree its tag `sdk/go/v<version>` holds: go.mod, go.sum, the package (goSdkTree, tagGoSdk)
 *   - the Python SDK's sdist and wheel (pythonSdk)
 * SDKs come from schema.json through atlas-pe-gen-sdk (scripts/install-gen-sdk.sh).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageVersion, packPlugin, RELEASE_PLATFORMS, releaseArchiveName } from "./plugin-package";
import { mustSucceed, repoRoot } from "./pulumi-workspace";
import { type RunOptions, runCommand } from "./run-command";

export interface ReleaseSchema {
  version: string;
  pluginDownloadURL: string;
  language: { nodejs: { packageName: string }; python: { packageName: string }; go: { importBasePath: string } };
}

export function releaseSchema(): ReleaseSchema {
  return JSON.parse(readFileSync(join(repoRoot, "schema.json"), "utf8")) as ReleaseSchema;
}

/** The Go module path of the SDK: the import base path's folder (go.mod sits above the package). */
export function goModulePath(schema = releaseSchema()): string {
  return schema.language.go.importBasePath.replace(/\/[^/]+$/, "");
}

/** The tag the Go module proxy resolves `<module>@v<version>` to: the module's folder in the repository, then the version. */
export function goSdkTag(version = packageVersion()): string {
  return `sdk/go/v${version}`;
}

async function generate(language: "nodejs" | "python" | "go", options: Partial<RunOptions> = {}): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), `atlas-pe-sdk-${language}-`));
  await mustSucceed(
    runCommand("atlas-pe-gen-sdk", [join(repoRoot, "schema.json"), out, language], { cwd: out, ...options }),
    `atlas-pe-gen-sdk ${language}`,
  );
  return join(out, language);
}

/** The plugin archive once, then a copy under each platform's asset name (the bytes do not depend on the platform). */
export async function pluginArchives(packageTarball: string, out: string, echo = false): Promise<string[]> {
  const stage = mkdtempSync(join(tmpdir(), "atlas-pe-plugin-"));
  try {
    const archive = await packPlugin(packageTarball, stage, echo);
    return RELEASE_PLATFORMS.map((platform) => {
      const target = join(out, releaseArchiveName(packageVersion(), platform));
      copyFileSync(archive, target);
      return target;
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * The Node.js SDK as npm publishes it: compiled by tsc into bin/ with its package.json and README beside the code
 * (what Pulumi's Node.js host does for `pulumi package pack-sdk`), then `npm pack bin`. It compiles against this
 * repository's @pulumi/pulumi and TypeScript, so nothing is installed for it.
 */
export async function nodeSdk(out: string, echo = false): Promise<string> {
  const dir = await generate("nodejs");
  try {
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
    await mustSucceed(runCommand(join(repoRoot, "node_modules/.bin/tsc"), ["-p", dir], { cwd: dir, echo }), "tsc (Node.js SDK)");
    for (const file of ["package.json", "README.md"]) copyFileSync(join(dir, file), join(dir, "bin", file));
    copyFileSync(join(repoRoot, "LICENSE"), join(dir, "bin", "LICENSE"));
    const packed = await mustSucceed(
      runCommand("npm", ["pack", join(dir, "bin"), "--pack-destination", out, "--silent"], { cwd: dir }),
      "npm pack (Node.js SDK)",
    );
    return join(out, packed.stdout.trim().split("\n").pop()!.trim());
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

/**
 * The Go SDK as its tag holds it, at `<out>/sdk/go`: the generated module with a go.sum (`go mod tidy`, from the
 * module proxy), so `go get <module>@v<version>` and a build inside the module both work without editing.
 */
export async function goSdkTree(out: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = await generate("go");
  const target = join(out, "sdk", "go");
  try {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(out, "sdk"), { recursive: true });
    cpSync(dir, target, { recursive: true });
    await mustSucceed(
      runCommand("go", ["mod", "tidy"], { cwd: target, env: { ...env, GOWORK: "off", GOFLAGS: "-mod=mod -buildvcs=false" } }),
      "go mod tidy (Go SDK)",
    );
    return target;
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

/**
 * Commits the Go SDK tree onto the repository at `repo` (a commit whose parent is HEAD, on no branch) and tags it
 * `sdk/go/v<version>`; the working tree and branches stay as they were. The release pushes the tag.
 */
export async function tagGoSdk(repo: string, tree: string, version = packageVersion()): Promise<string> {
  const git = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    mustSucceed(runCommand("git", args, { cwd: repo, env: { ...process.env, ...env } }), `git ${args[0]}`);
  const index = join(mkdtempSync(join(tmpdir(), "atlas-pe-go-tag-")), "index");
  const withIndex = { GIT_INDEX_FILE: index };
  await git(["read-tree", "HEAD"], withIndex);
  await git(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "sdk/go"], withIndex);
  // The tree's files go in under sdk/go without touching the working tree: hash each and add it to the index.
  for (const file of filesUnder(tree)) {
    const blob = (await git(["hash-object", "-w", join(tree, file)])).stdout.trim();
    await git(["update-index", "--add", "--cacheinfo", `100644,${blob},sdk/go/${file}`], withIndex);
  }
  const treeId = (await git(["write-tree"], withIndex)).stdout.trim();
  const message = `Go SDK ${version}: sdk/go generated from schema.json for the module proxy`;
  const commit = (await git(["commit-tree", treeId, "-p", "HEAD", "-m", message])).stdout.trim();
  const tag = goSdkTag(version);
  await git(["tag", "-f", tag, commit]);
  rmSync(join(index, ".."), { recursive: true, force: true });
  return tag;
}

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/** The Python SDK's sdist and wheel, built by `python -m build` (PyPA's build frontend) into `out`. */
export async function pythonSdk(out: string, python = "python3", echo = false): Promise<string[]> {
  const dir = await generate("python");
  try {
    const before = new Set(existsSync(out) ? readdirSync(out) : []);
    await mustSucceed(
      runCommand(python, ["-m", "build", "--sdist", "--wheel", "--outdir", out, dir], { cwd: dir, echo }),
      "python -m build",
    );
    return readdirSync(out)
      .filter((file) => !before.has(file))
      .map((file) => join(out, file));
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

/** Release notes: the commit subjects since the previous `v*` tag (all of them for a first release). */
export async function releaseNotes(version = packageVersion(), repo = repoRoot): Promise<string> {
  const git = (args: string[]) => runCommand("git", args, { cwd: repo });
  const previous = await git(["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD^"]);
  const range = previous.code === 0 ? [`${previous.stdout.trim()}..HEAD`] : ["HEAD"];
  const log = await mustSucceed(git(["log", "--no-merges", "--format=- %s (%h)", ...range]), "git log (release notes)");
  const since = previous.code === 0 ? `since ${previous.stdout.trim()}` : "(first release)";
  const schema = releaseSchema();
  return [
    `## pulumi-atlas-private-endpoint ${version}`,
    "",
    "Install:",
    "",
    "```sh",
    "npm install pulumi-atlas-private-endpoint          # TypeScript / JavaScript",
    `pulumi package add atlas-private-endpoint@${version} --server ${schema.pluginDownloadURL}   # YAML, Python, Go: the CLI downloads the plugin from this release`,
    "```",
    "",
    `SDKs: npm \`${schema.language.nodejs.packageName}@${version}\`, PyPI \`${schema.language.python.packageName}==${version}\`, Go \`${goModulePath(schema)}@v${version}\`.`,
    "",
    `### Changes ${since}`,
    "",
    log.stdout.trim(),
    "",
  ].join("\n");
}
