import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageVersion } from "../../scripts/lib/plugin-package";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { goModulePath, goSdkTag, goSdkTree, releaseSchema, tagGoSdk } from "../../scripts/lib/release-artifacts";
import { type CommandResult, runCommand } from "../../scripts/lib/run-command";
import { workspace } from "../support/cli-harness";

// The Go SDK as a Go user gets it: the release commits the generated module under sdk/go and tags it sdk/go/v<version>
// (scripts/lib/release-artifacts.ts, the same code the release workflow runs). Here that happens in a scratch git
// repository, which a consumer program then requires at that version; the go command fetches the module from the
// tag through git exactly as it would from GitHub (only the URL is rewritten to the scratch repository), and every
// other module from the Go module proxy (through the shared module cache first, so nothing is downloaded twice).
jest.setTimeout(600_000);

const version = packageVersion();

/** The one code block of `language` in docs/_index.md (the Registry overview's example). */
function docsExample(language: string): string {
  const page = readFileSync(join(repoRoot, "docs", "_index.md"), "utf8");
  const blocks = [...page.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))];
  expect(blocks).toHaveLength(1);
  return blocks[0]![1]!;
}
let scratch: string;
let consumer: string;
let env: NodeJS.ProcessEnv;

function expectOk(result: CommandResult, what: string): string {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

const run = (command: string, args: string[], cwd: string) => runCommand(command, args, { cwd, env });

beforeAll(async () => {
  scratch = mkdtempSync(join(workspace(), "go-sdk-"));
  const goEnv = JSON.parse(expectOk(await runCommand("go", ["env", "-json", "GOMODCACHE", "GOPROXY"], { cwd: scratch }), "go env")) as {
    GOMODCACHE: string;
    GOPROXY: string;
  };
  const module = goModulePath();
  const repoURL = `https://${module.replace(/\/sdk\/go$/, "")}`;
  const repo = join(scratch, "repo");
  const gitconfig = join(scratch, "gitconfig");
  writeFileSync(gitconfig, `[url "file://${repo}"]\n\tinsteadOf = ${repoURL}\n[user]\n\tname = release\n\temail = release@localhost\n`);
  env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: "1",
    // The SDK's module straight from its repository (the tag), never a proxy or checksum database: it exists only here.
    GOPRIVATE: module.replace(/\/sdk\/go$/, ""),
    // A module cache of this test's own, so an SDK fetched by an earlier run can never stand in for this tag.
    GOMODCACHE: join(scratch, "gomodcache"),
    GOPROXY: `file://${join(goEnv.GOMODCACHE, "cache", "download")},${goEnv.GOPROXY}`,
    // -modcacherw: the module cache is left writable, so the e2e workspace can be removed like any other folder.
    GOFLAGS: "-mod=mod -buildvcs=false -modcacherw",
    GOWORK: "off",
  };

  mkdirSync(repo);
  expectOk(await run("git", ["init", "-q", "-b", "main"], repo), "git init");
  writeFileSync(join(repo, "README.md"), "pulumi-atlas-private-endpoint\n");
  expectOk(await run("git", ["add", "README.md"], repo), "git add");
  expectOk(await run("git", ["commit", "-q", "-m", "the project"], repo), "git commit");

  const tree = await goSdkTree(join(scratch, "release"), env);
  expect(await tagGoSdk(repo, tree, version)).toBe(goSdkTag(version));

  consumer = join(scratch, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "go.mod"), `module example.com/consumer\n\ngo 1.25\n\nrequire ${module} v${version}\n`);
  // The program is the Go example of docs/_index.md, as a user copies it.
  writeFileSync(join(consumer, "main.go"), docsExample("go"));
});

test("the tag holds the SDK as its own module: go.mod with the module path and one pinned sdk/v3, go.sum, pulumi-plugin.json with the version", async () => {
  const repo = join(scratch, "repo");
  const files = expectOk(await run("git", ["ls-tree", "-r", "--name-only", goSdkTag(version)], repo), "git ls-tree").split("\n");
  expect(files).toEqual(
    expect.arrayContaining(["README.md", "sdk/go/go.mod", "sdk/go/go.sum", "sdk/go/atlasprivateendpoint/pulumi-plugin.json"]),
  );
  const goMod = expectOk(await run("git", ["show", `${goSdkTag(version)}:sdk/go/go.mod`], repo), "git show go.mod");
  expect(goMod).toContain(`module ${goModulePath()}\n`);
  expect(goMod).toMatch(/^\s*(require )?github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.\d+\.\d+$/m);
  const plugin = JSON.parse(
    expectOk(await run("git", ["show", `${goSdkTag(version)}:sdk/go/atlasprivateendpoint/pulumi-plugin.json`], repo), "git show"),
  );
  expect(plugin).toEqual({ resource: true, name: "atlas-private-endpoint", version, server: releaseSchema().pluginDownloadURL });
  // The branch the release tagged from is untouched: the SDK lives only in the tag's commit.
  expect(expectOk(await run("git", ["ls-tree", "-r", "--name-only", "main"], repo), "git ls-tree main").trim()).toBe("README.md");
});

test("docs/_index.md's Go example, requiring the module at v<version>, builds: the module comes from the tag, sdk/v3 at the SDK's pin", async () => {
  expectOk(await run("go", ["build", "-trimpath", "-o", join(scratch, "consumer-bin"), "."], consumer), "go build (consumer)");
  const listed = expectOk(await run("go", ["list", "-m", "-json", "all"], consumer), "go list -m all");
  const modules = listed.split(/\n(?=\{)/).map((text) => JSON.parse(text) as { Path: string; Version?: string });
  const sdkGoMod = JSON.parse(
    expectOk(await run("go", ["mod", "edit", "-json"], join(scratch, "release", "sdk", "go")), "go mod edit"),
  ) as {
    Require: { Path: string; Version: string; Indirect?: boolean }[];
  };
  const pinned = sdkGoMod.Require.find((r) => r.Path === "github.com/pulumi/pulumi/sdk/v3" && !r.Indirect)?.Version;
  expect(pinned).toMatch(/^v3\.\d+\.\d+$/);
  expect(modules.find((m) => m.Path === goModulePath())?.Version).toBe(`v${version}`);
  expect(modules.find((m) => m.Path === "github.com/pulumi/pulumi/sdk/v3")?.Version).toBe(pinned);
  // Fetched from the tag: the module cache has exactly this version's zip, made by the go command from the git tag.
  const cached = join(env.GOMODCACHE!, "cache", "download", ...goModulePath().split("/"), "@v");
  expect(readFileSync(join(cached, "list"), "utf8").trim().split("\n")).toEqual([`v${version}`]);
});
