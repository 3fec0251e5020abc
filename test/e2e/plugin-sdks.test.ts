import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  expect(source).toContain(JSON.stringify(TYPES.plugin.endpoint));
  expect(readFileSync(join(dir, "endpointService.ts"), "utf8")).toContain(JSON.stringify(TYPES.plugin.service));
  expect(source).toMatch(/endpointServiceId: pulumi\.Input<string>;/);
  expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name).toBe("@pulumi-atlas-private-endpoint/sdk");
  // tsc resolves @pulumi/pulumi and @types/node from the repo's own install.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  expectOk(await runCommand(join(repoRoot, "node_modules/.bin/tsc"), ["-p", dir, "--noEmit"], { cwd: dir }), "tsc");
});

test("the Go SDK builds against github.com/pulumi/pulumi/sdk/v3 from the module proxy", async () => {
  const dir = join(out, "go");
  const pkgDir = join(dir, "atlasprivateendpoint");
  expect(readFileSync(join(pkgDir, "privateEndpoint.go"), "utf8")).toContain(JSON.stringify(TYPES.plugin.endpoint));
  expect(readFileSync(join(pkgDir, "endpointService.go"), "utf8")).toContain(JSON.stringify(TYPES.plugin.service));
  writeFileSync(
    join(dir, "go.mod"),
    `module example.com/pulumi-atlas-private-endpoint/sdk/go\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${PULUMI_SDK_VERSION}\n`,
  );
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
