import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import { exampleDir, expectOk, fileDir, fixturesDir, output, workspace } from "../support/cli-harness";

// The e2e tests run their TypeScript programs without type-checking them on every run
// (PULUMI_NODEJS_TRANSPILE_ONLY in cli-harness.ts): they are type-checked here once, together, against
// the packed package installed in the run's workspace, as ts-node would check each against it.
jest.setTimeout(180_000);

/** Every TypeScript program an e2e test runs through the engine: the examples, fixtures and the atlas lane's programs. */
function programs(): { name: string; dir: string }[] {
  const below = (root: string, prefix: string) =>
    readdirSync(root)
      .filter((name) => existsSync(join(root, name, "index.ts")))
      .map((name) => ({ name: `${prefix}-${name}`, dir: join(root, name) }));
  return [
    ...(["aws", "azure", "gcp"] as const).map((cloud) => ({ name: `example-${cloud}`, dir: exampleDir(cloud) })),
    ...below(fixturesDir, "fixture"),
    ...below(join(repoRoot, "scripts", "atlas-lane", "programs"), "lane"),
  ];
}

/** The examples' own compiler options (what a user's project has), over the given files. */
function writeTsconfig(dir: string, files: string[]): void {
  const compilerOptions = {
    strict: true,
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }, null, 2));
}

/** Copies the programs below the workspace, so `pulumi-atlas-private-endpoint` resolves to the packed package. */
function copyPrograms(into: string, list: { name: string; dir: string }[]): string[] {
  return list.map(({ name, dir }) => {
    mkdirSync(join(into, name), { recursive: true });
    cpSync(join(dir, "index.ts"), join(into, name, "index.ts"));
    return `${name}/index.ts`;
  });
}

const tsc = (dir: string) => runCommand(join(workspace(), "node_modules", ".bin", "tsc"), ["-p", dir], { cwd: dir });

test("every TypeScript program the e2e tests run type-checks against the packed package's declarations", async () => {
  const list = programs();
  expect(list.map((p) => p.name)).toEqual(
    expect.arrayContaining(["example-aws", "example-azure", "example-gcp", "fixture-many", "fixture-journey", "lane-endpoint"]),
  );
  const dir = join(fileDir(), "typecheck");
  writeTsconfig(dir, copyPrograms(dir, list));
  expectOk(await tsc(dir), "tsc over the e2e programs");
});

test("the check fails, pointing at the field, for a program that gives an input the wrong type", async () => {
  const dir = join(fileDir(), "typecheck-planted");
  const [file] = copyPrograms(dir, [{ name: "example-aws", dir: exampleDir("aws") }]);
  const mistake = 'new PrivateEndpoint("typo", { groupId: 42, cloudProvider: "AWS", endpointServiceId: "x", endpointId: "y" });';
  writeFileSync(join(dir, "broken.ts"), `import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";\n${mistake}\n`);
  writeTsconfig(dir, [file!, "broken.ts"]);
  const result = await tsc(dir);
  expect(result.code).not.toBe(0);
  // The packed declarations type groupId, so tsc points at it (line 2, its column) and nothing else.
  expect(output(result).trim()).toBe(
    `broken.ts(2,${mistake.indexOf("groupId") + 1}): error TS2322: Type 'number' is not assignable to type 'Input<string>'.`,
  );
});
