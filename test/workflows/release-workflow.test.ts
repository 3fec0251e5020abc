/**
 * The release workflow publishes with credentials (an npm token, OIDC for provenance and PyPI, a token that may push
 * tags), so what guards them is tested, not only linted: publishing happens on a `v*` tag push alone, after the
 * whole CI suite, from one tested build; a pull request runs the dry run, which builds every artifact and holds no
 * credential; the build refuses a tag that is not package.json's version.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { RELEASE_PLATFORMS, releaseArchiveName } from "../../scripts/lib/plugin-package";
import { runCommand } from "../../scripts/lib/run-command";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string[];
  uses?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": string | boolean };
  jobs: Record<string, Job>;
}

const root = resolve(__dirname, "..", "..");
const text = readFileSync(join(root, ".github", "workflows", "release.yml"), "utf8");
const workflow = parse(text) as Workflow;
const jobs = Object.entries(workflow.jobs);
const ON_TAG_PUSH = "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')";
const PUBLISHING = ["npm", "pypi", "github-release", "go-sdk"];
/** A GitHub Actions expression as the workflow spells it: `${{ body }}`. */
const expression = (body: string) => `$\{{ ${body} }}`;

const secretsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
const grants = (job: Job) => Object.entries(job.permissions ?? {}).filter(([, level]) => level === "write");

test("it runs on a v* tag push and on pull requests (the dry run), on no other event", () => {
  expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  expect(workflow.on.push).toEqual({ tags: ["v*"] });
  expect(text).not.toMatch(/pull_request_target|workflow_dispatch/);
});

test("the workflow may only read code; only the publishing jobs get a write or OIDC permission, and only on a tag push", () => {
  expect(workflow.permissions).toEqual({ contents: "read" });
  const privileged = jobs.filter(([, job]) => grants(job).length > 0 || secretsIn(job).length > 0).map(([name]) => name);
  expect(privileged.sort()).toEqual([...PUBLISHING].sort());
  for (const name of PUBLISHING) expect(workflow.jobs[name]?.if).toBe(ON_TAG_PUSH);
});

test("on a pull request only the dry-run build runs: it holds no credential, builds every artifact and dry-runs npm publish", () => {
  const onPullRequest = jobs.filter(([, job]) => job.if === undefined || !/github\.event_name == 'push'/.test(job.if));
  expect(onPullRequest.map(([name]) => name)).toEqual(["build"]);
  const build = workflow.jobs.build!;
  expect(secretsIn(build)).toEqual([]);
  expect(build.permissions).toBeUndefined();
  const runs = (build.steps ?? []).map((step) => step.run ?? "").join("\n");
  expect(runs).toMatch(/npm run release -- --out dist\/release/);
  expect(runs).toMatch(/npm publish --dry-run --access public "\$tarball"/);
  // Every artifact with its size, in the run's summary.
  expect(runs).toContain('require("./dist/release/artifacts.json")) console.log(`| $' + "{a.path} | $" + "{a.size} |`)");
  expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
  expect(build.steps?.find((step) => step.uses?.startsWith("actions/checkout@"))?.with).toMatchObject({ "persist-credentials": false });
});

test("every publishing job needs the whole CI suite on the tagged commit and the one build it publishes from", () => {
  expect(workflow.jobs.test).toEqual({ if: "github.event_name == 'push'", uses: "./.github/workflows/ci.yml" });
  const ci = parse(readFileSync(join(root, ".github", "workflows", "ci.yml"), "utf8")) as Workflow;
  expect(Object.keys(ci.on)).toContain("workflow_call");
  for (const name of PUBLISHING) {
    const job = workflow.jobs[name]!;
    expect(job.needs).toEqual(["test", "build"]);
    const download = job.steps?.find((step) => step.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toEqual({ name: "release", path: "dist/release" });
  }
});

test("npm publishes with provenance, the token from the npm environment's NPM_TOKEN secret; PyPI by trusted publishing, with no token", () => {
  expect([...new Set(secretsIn(workflow))]).toEqual(["NPM_TOKEN"]);
  const npm = workflow.jobs.npm!;
  expect(npm.environment).toBe("npm");
  expect(npm.permissions).toEqual({ contents: "read", "id-token": "write" });
  const publish = npm.steps?.find((step) => step.run?.includes("npm publish"));
  expect(publish?.run).toMatch(/npm publish --provenance --access public "\$tarball"/);
  expect(publish?.env).toEqual({ NODE_AUTH_TOKEN: expression("secrets.NPM_TOKEN") });

  const pypi = workflow.jobs.pypi!;
  expect(pypi.environment).toBe("pypi");
  expect(pypi.permissions).toEqual({ "id-token": "write" });
  const upload = pypi.steps?.find((step) => step.uses?.startsWith("pypa/gh-action-pypi-publish@"));
  expect(upload?.with).toEqual({ "packages-dir": "dist/release/python" });
});

test("the GitHub release attaches the plugin archives under the names the CLI downloads, with the release notes", () => {
  const create = workflow.jobs["github-release"]!.steps?.find((step) => step.run?.includes("gh release create"));
  expect(create?.run).toBe(
    'gh release create "$TAG" dist/release/github-release/* --verify-tag --title "$TAG" --notes-file dist/release/release-notes.md',
  );
  // The CLI's asset name for a plugin: pulumi-<kind>-<name>-v<version>-<os>-<arch>.tar.gz.
  expect(RELEASE_PLATFORMS.map((platform) => releaseArchiveName("1.2.3", platform))).toEqual([
    "pulumi-resource-atlas-private-endpoint-v1.2.3-linux-amd64.tar.gz",
    "pulumi-resource-atlas-private-endpoint-v1.2.3-linux-arm64.tar.gz",
    "pulumi-resource-atlas-private-endpoint-v1.2.3-darwin-amd64.tar.gz",
    "pulumi-resource-atlas-private-endpoint-v1.2.3-darwin-arm64.tar.gz",
  ]);
});

test("the Go SDK job tags with the tested tag code and pushes that one tag", () => {
  const run = workflow.jobs["go-sdk"]!.steps?.find((step) => step.run?.includes("tag-go-sdk"))?.run ?? "";
  expect(run).toMatch(/tag="\$\(npm run --silent tag-go-sdk -- dist\/release\/go\/sdk\/go\)"/);
  expect(run).toMatch(/git push origin "refs\/tags\/\$tag"\n?$/);
});

test("a release is never cancelled half-way; a pull request's dry run gives way to its next push", () => {
  expect(workflow.concurrency).toEqual({
    group: `release-${expression("github.ref")}`,
    "cancel-in-progress": expression("github.event_name == 'pull_request'"),
  });
});

test("the build refuses a tag that is not package.json's version, before building anything", async () => {
  expect(workflow.jobs.build!.steps?.find((step) => step.name === "The tag is package.json's version")?.if).toBe(
    "github.event_name == 'push'",
  );
  const out = mkdtempSync(join(tmpdir(), "release-guard-"));
  const result = await runCommand(
    join(root, "node_modules", ".bin", "tsx"),
    ["scripts/release.ts", "--tag", "v0.0.0-not-this", "--out", out],
    {
      cwd: root,
    },
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/tag v0\.0\.0-not-this does not match package\.json's version \d+\.\d+\.\d+/);
  expect(result.stdout).toBe("");
});
