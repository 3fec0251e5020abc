import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { packageVersion } from "../../scripts/lib/plugin-package";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import {
  makeVenv,
  pipInstall,
  pythonPackageName,
  pythonPackageVersion,
  toolsVenv,
  venvPython,
  wheelhouse,
} from "../../scripts/lib/python-sdk";
import { runCommand } from "../../scripts/lib/run-command";
import { workspace } from "../support/cli-harness";
import { type PythonEnvironment, pythonEnvironment } from "../support/python-harness";

// The Python SDK as the release ships it: a wheel and an sdist made by the standard build frontend
// (`python -m build`), named schema.json's language.python.packageName at package.json's version, installed by
// name from a local package index (pypiserver, test/support/local_pypi.py) as a Python user installs from PyPI.
jest.setTimeout(300_000);

// The plugin the SDK names, and where the engine downloads it from when it is not installed (schema.json's
// pluginDownloadURL: the release's GitHub assets).
const PLUGIN = {
  resource: true,
  name: "atlas-private-endpoint",
  version: packageVersion(),
  server: (JSON.parse(readFileSync(join(repoRoot, "schema.json"), "utf8")) as { pluginDownloadURL: string }).pluginDownloadURL,
};
const CLASSES = ["DataFederationEndpoint", "EndpointService", "PrivateEndpoint", "Provider", "RegionalMode", "StreamPrivateLink"];
let environment: PythonEnvironment;
let index: ChildProcess;
let indexUrl: string;
let indexLog = "";
let scratch: string;

beforeAll(async () => {
  environment = await pythonEnvironment();
  scratch = mkdtempSync(join(workspace(), "python-dists-"));
  // The index serves the two dists and, for their dependencies (pulumi, setuptools to build the sdist), the
  // pinned wheelhouse: no request leaves the machine.
  const packages = mkdtempSync(join(scratch, "index-"));
  for (const file of [environment.dists.wheel, environment.dists.sdist]) copyFileSync(file, join(packages, basename(file)));
  index = spawn(venvPython(toolsVenv), [join(repoRoot, "test/support/local_pypi.py"), packages, wheelhouse], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  index.stderr?.on("data", (chunk: Buffer) => {
    indexLog += chunk.toString();
  });
  const port = await new Promise<string>((resolve, reject) => {
    let printed = "";
    index.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes("\n")) resolve(printed.trim());
    });
    index.on("exit", (code) => reject(new Error(`local_pypi.py exited ${code} before printing its port\n${indexLog}`)));
  });
  indexUrl = `http://127.0.0.1:${port}/simple/`;
});
afterAll(() => {
  index?.kill();
});

/** Runs Python code in the venv of `python`; returns its stdout parsed as JSON. */
async function pythonJson(python: string, code: string, ...args: string[]): Promise<Record<string, unknown>> {
  const ran = await runCommand(python, ["-c", code, ...args], { cwd: scratch });
  if (ran.code !== 0) throw new Error(`python -c exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  return JSON.parse(ran.stdout) as Record<string, unknown>;
}

const READ_DISTS = `
import json, sys, tarfile, zipfile
wheel, sdist = zipfile.ZipFile(sys.argv[1]), tarfile.open(sys.argv[2])
metadata = wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode()
print(json.dumps({
  "name": next(l for l in metadata.splitlines() if l.startswith("Name: "))[6:],
  "version": next(l for l in metadata.splitlines() if l.startswith("Version: "))[9:],
  "requires": [l[15:] for l in metadata.splitlines() if l.startswith("Requires-Dist: ")],
  "wheelPlugin": json.loads(wheel.read(sys.argv[3] + "/pulumi-plugin.json")),
  "sdistFiles": sorted(m.name.split("/", 1)[1] for m in sdist.getmembers() if m.isfile()),
}))
`;

// What a user's program sees after `pip install`: the distribution, the plugin it names and the SDK's classes.
const READ_INSTALLED = `
import importlib.metadata, json, sys
import pulumi_atlas_private_endpoint as sdk
files = importlib.metadata.files(sys.argv[1])
print(json.dumps({
  "version": importlib.metadata.version(sys.argv[1]),
  "plugin": json.loads(next(f for f in files if f.name == "pulumi-plugin.json").read_text()),
  "classes": [c.__name__ for c in (sdk.DataFederationEndpoint, sdk.EndpointService, sdk.PrivateEndpoint, sdk.Provider, sdk.RegionalMode, sdk.StreamPrivateLink)],
}))
`;

test("python -m build makes a wheel and an sdist named schema.json's packageName at package.json's version, naming the plugin release", async () => {
  const name = pythonPackageName();
  const version = pythonPackageVersion();
  expect(basename(environment.dists.wheel)).toBe(`${name}-${version}-py3-none-any.whl`);
  expect(basename(environment.dists.sdist)).toBe(`${name}-${version}.tar.gz`);
  const read = await pythonJson(venvPython(toolsVenv), READ_DISTS, environment.dists.wheel, environment.dists.sdist, name);
  expect(read).toMatchObject({ name, version, wheelPlugin: PLUGIN });
  expect(read.requires).toContain("pulumi<4.0.0,>=3.0.0");
  expect(read.sdistFiles).toEqual(
    expect.arrayContaining(["pyproject.toml", "README.md", "PKG-INFO", `${name}/pulumi-plugin.json`, `${name}/private_endpoint.py`]),
  );
});

test("the wheel installs by name from the local package index, and the installed SDK imports and names its plugin", async () => {
  const name = pythonPackageName();
  const python = await makeVenv(join(scratch, "wheel-venv"));
  await pipInstall(python, ["--no-cache-dir", `${name}==${pythonPackageVersion()}`], indexUrl);
  // The index served the wheel itself (not a local file or the wheelhouse).
  expect(indexLog).toMatch(new RegExp(`GET /packages/${name}-${pythonPackageVersion()}-py3-none-any\\.whl 200`));
  expect(await pythonJson(python, READ_INSTALLED, name)).toEqual({
    version: pythonPackageVersion(),
    plugin: PLUGIN,
    classes: CLASSES,
  });
});

test("the sdist installs by name from the index too, built by pip with the setuptools the index serves", async () => {
  const name = pythonPackageName();
  const python = await makeVenv(join(scratch, "sdist-venv"));
  await pipInstall(python, ["--no-cache-dir", "--no-binary", name, `${name}==${pythonPackageVersion()}`], indexUrl);
  expect(indexLog).toMatch(new RegExp(`GET /packages/${name}-${pythonPackageVersion()}\\.tar\\.gz 200`));
  expect(indexLog).toMatch(/GET \/packages\/setuptools-[^ ]+\.whl 200/);
  expect(await pythonJson(python, READ_INSTALLED, name)).toMatchObject({ version: pythonPackageVersion(), plugin: PLUGIN });
});
