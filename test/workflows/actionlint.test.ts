import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = resolve(__dirname, "..", "..");
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".tools", "dist", "coverage"]);

/** Every GitHub Actions workflow in the repo: a YAML file with top-level `on:` and `jobs:`, wherever it lives. */
function workflowsIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...workflowsIn(path));
    } else if (/\.ya?ml$/.test(entry.name)) {
      const text = readFileSync(path, "utf8");
      if (/^on:/m.test(text) && /^jobs:/m.test(text)) found.push(path);
    }
  }
  return found.sort();
}

/** scripts/install-actionlint.sh puts it in .tools/bin (scripts/with-tools.sh runs that first). */
function actionlint(): string {
  const ours = join(root, ".tools", "bin", "actionlint");
  if (existsSync(ours)) return ours;
  throw new Error("actionlint is not in .tools/bin: run the tests through `bash scripts/with-tools.sh npm test`");
}

async function lint(files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(actionlint(), ["-no-color", ...files], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

const workflows = workflowsIn(root);

test("the repo's workflows are found: CI, the release and both GitHub Actions examples", () => {
  expect(workflows.map((file) => relative(root, file))).toEqual(
    expect.arrayContaining([
      ".github/workflows/ci.yml",
      ".github/workflows/release.yml",
      "examples/github-actions/pulumi-preview.yml",
      "examples/github-actions/pulumi-up.yml",
    ]),
  );
});

test("actionlint passes on every workflow in the repo", async () => {
  const result = await lint(workflows);
  if (result.code !== 0) throw new Error(`actionlint found problems:\n${result.output}`);
});

test("actionlint rejects an input that pulumi/actions does not have (the lint checks action inputs, not only YAML)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
  const broken = join(dir, "broken.yml");
  const preview = readFileSync(join(root, "examples/github-actions/pulumi-preview.yml"), "utf8");
  writeFileSync(broken, preview.replace("comment-on-pr: true", "comment-on-pull-request: true"));
  const result = await lint([broken]);
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/input "comment-on-pull-request" is not defined in action "pulumi\/actions@v6"/);
});

/** The workflow's text without comments: what GitHub Actions actually reads. */
function activeLines(file: string): string {
  return readFileSync(join(root, file), "utf8")
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, ""))
    .filter((line) => line.trim() !== "")
    .join("\n");
}

function secretsUsed(text: string): string[] {
  return [...new Set([...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]!))].sort();
}

test("the pull-request example gets no Atlas credential and may only read code and comment on the pull request", () => {
  const preview = activeLines("examples/github-actions/pulumi-preview.yml");
  expect(preview).not.toMatch(/MONGODB_ATLAS|MCLI_/);
  expect(secretsUsed(preview)).toEqual(["GITHUB_TOKEN", "PULUMI_ACCESS_TOKEN"]);
  expect(preview).toMatch(/^permissions:\n {2}contents: read\n {2}pull-requests: write\n(?! )/m);
  expect(preview).toMatch(/uses: pulumi\/actions@v6\n\s+with:\n\s+command: preview\n/);
  expect(preview).toMatch(/comment-on-pr: true/);
});

test("only the main-branch up example holds Atlas credentials, and it may only read code", () => {
  const up = activeLines("examples/github-actions/pulumi-up.yml");
  expect(secretsUsed(up)).toEqual(["MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PUBLIC_API_KEY", "PULUMI_ACCESS_TOKEN"]);
  expect(up).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
  expect(up).toMatch(/command: up/);
  expect(up).toMatch(/branches: \[main\]/);
});

test("CI needs no secret and may only read code", () => {
  const ci = activeLines(".github/workflows/ci.yml");
  expect(secretsUsed(ci)).toEqual([]);
  expect(ci).toMatch(/^permissions:\n {2}contents: read\n(?! )/m);
  expect(ci).toMatch(/run: bash \.ci\/run/);
});
