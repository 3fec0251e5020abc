import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import { expectOk, fileDir, TYPES } from "../support/cli-harness";
import { generatedSdks } from "../support/plugin-harness";

// The plugin's SDKs, generated from schema.json by Pulumi's own generators (atlas-pe-gen-sdk, built by
// scripts/install-gen-sdk.sh from the CLI's pkg/v3; once per run, plugin-harness.ts), then checked the way each
// language checks code here: tsc for Node.js, `go build` against github.com/pulumi/pulumi/sdk/v3 for Go,
// byte-compiling for Python. Each check works on its own copy: the generated SDKs are shared by the run.
jest.setTimeout(600_000);

const PULUMI_SDK_VERSION = "v3.274.1";
let out: string;
/** Each resource's file in the Node.js and Go SDKs (named after its type token), which must register that token. */
const RESOURCE_FILES = Object.values(TYPES.plugin).map((token) => {
  const name = token.split(":").pop() as string;
  return { file: name.charAt(0).toLowerCase() + name.slice(1), token: JSON.stringify(token) };
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  out = join(fileDir(), "sdks");
  cpSync(await generatedSdks(), out, { recursive: true });
});

test("the Node.js SDK declares PrivateEndpoint with the schema's inputs and compiles with tsc", async () => {
  const dir = join(out, "nodejs");
  const source = readFileSync(join(dir, "privateEndpoint.ts"), "utf8");
  for (const { file, token } of RESOURCE_FILES) expect(readFileSync(join(dir, `${file}.ts`), "utf8")).toContain(token);
  expect(source).toMatch(/endpointServiceId: pulumi\.Input<string>;/);
  expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name).toBe("@pulumi-atlas-private-endpoint/sdk");
  // tsc resolves @pulumi/pulumi and @types/node from the repo's own install.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  expectOk(await runCommand(join(repoRoot, "node_modules/.bin/tsc"), ["-p", dir, "--noEmit"], { cwd: dir }), "tsc");
});

test("the Go SDK is its own module at the schema's import path, pinned to one sdk/v3, and builds and vets from the module proxy", async () => {
  const dir = join(out, "go");
  const pkgDir = join(dir, "atlasprivateendpoint");
  for (const { file, token } of RESOURCE_FILES) expect(readFileSync(join(pkgDir, `${file}.go`), "utf8")).toContain(token);
  const schema = JSON.parse(readFileSync(join(repoRoot, "schema.json"), "utf8"));
  const goMod = readFileSync(join(dir, "go.mod"), "utf8");
  expect(goMod).toContain(`module ${dirname(schema.language.go.importBasePath)}\n`);
  expect(goMod.split("\n")).toContain(`require github.com/pulumi/pulumi/sdk/v3 ${PULUMI_SDK_VERSION}`);
  // The engine reads the plugin's name, version and download URL from here (a Go program has no package.json).
  expect(JSON.parse(readFileSync(join(pkgDir, "pulumi-plugin.json"), "utf8"))).toEqual({
    resource: true,
    name: "atlas-private-endpoint",
    version: schema.version,
    server: schema.pluginDownloadURL,
  });
  const env = { ...process.env, GOWORK: "off", GOFLAGS: "-mod=mod -buildvcs=false" };
  // -trimpath as the CLI build uses it, so sdk/v3's packages come from the shared Go build cache.
  expectOk(await runCommand("go", ["build", "-trimpath", "./..."], { cwd: dir, env }), "go build");
  expectOk(await runCommand("go", ["vet", "./..."], { cwd: dir, env }), "go vet");
});

test("the Python SDK has the package's modules and every file byte-compiles", async () => {
  const dir = join(out, "python", "pulumi_atlas_private_endpoint");
  for (const module of [
    "__init__.py",
    "private_endpoint.py",
    "endpoint_service.py",
    "provider.py",
    "outputs.py",
    "_inputs.py",
    "config/vars.py",
  ]) {
    expect(existsSync(join(dir, module))).toBe(true);
  }
  expect(readFileSync(join(dir, "private_endpoint.py"), "utf8")).toContain(TYPES.plugin.endpoint);
  const files = filesUnder(dir).filter((file) => file.endsWith(".py"));
  expectOk(await runCommand("python3", ["-m", "py_compile", ...files], { cwd: dir }), "python3 -m py_compile");
});

test("docs/_index.md's Python example byte-compiles and uses only arguments and outputs the generated SDK defines", async () => {
  const page = readFileSync(join(repoRoot, "docs", "_index.md"), "utf8");
  const example = /^```python\n([\s\S]*?)^```$/m.exec(page)?.[1];
  if (!example) throw new Error("docs/_index.md has no Python example");
  const file = join(out, "docs_example.py");
  writeFileSync(file, example);
  expectOk(await runCommand("python3", ["-m", "py_compile", file], { cwd: out }), "python3 -m py_compile (docs example)");
  const sdk = join(out, "python", "pulumi_atlas_private_endpoint");
  const generated = readFileSync(join(sdk, "endpoint_service.py"), "utf8") + readFileSync(join(sdk, "private_endpoint.py"), "utf8");
  const keywords = [...example.matchAll(/\b([a-z_]+)=/g)].map((m) => m[1]!);
  const outputs = [...example.matchAll(/\b(?:service|endpoint)\.([a-z_]+)\b/g)].map((m) => m[1]!);
  expect(keywords.length).toBeGreaterThan(0);
  for (const keyword of keywords) expect(generated).toContain(`${keyword}: pulumi.Input[`);
  for (const output of outputs) expect(generated).toContain(`def ${output}(self) -> pulumi.Output[`);
});
