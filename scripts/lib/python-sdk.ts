/**
 * The plugin's Python SDK as Python users get it: generated from schema.json by atlas-pe-gen-sdk (Pulumi's Python
 * generator), then built by the standard build frontend (`python -m build`) into a wheel and an sdist named
 * schema.json's `language.python.packageName`, versioned package.json's `version`. Everything runs on the Python
 * tools that scripts/install-python.sh puts in .tools/python (with-tools.sh runs it).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageVersion } from "./plugin-package";
import { mustSucceed, repoRoot } from "./pulumi-workspace";
import { runCommand } from "./run-command";

/** The venv with the pinned `pulumi`, `build`, setuptools and pypiserver (scripts/python/requirements.txt). */
export const toolsVenv = join(repoRoot, ".tools", "python");
/** Every distribution those pins need, so other venvs install from it with `pip --no-index`. */
export const wheelhouse = join(toolsVenv, "wheels");

export function venvPython(venv: string): string {
  return join(venv, "bin", "python");
}

/** The Python distribution name of the SDK: schema.json's `language.python.packageName`. */
export function pythonPackageName(): string {
  const schema = JSON.parse(readFileSync(join(repoRoot, "schema.json"), "utf8")) as {
    language?: { python?: { packageName?: string } };
  };
  const name = schema.language?.python?.packageName;
  if (!name) throw new Error("schema.json has no language.python.packageName");
  return name;
}

/** The Python distribution version of a package.json version (PEP 440 spells prereleases without the dash). */
export function pythonPackageVersion(version = packageVersion()): string {
  return version.replace(/-(alpha|beta|rc)\.?/, (_, tag: string) => ({ alpha: "a", beta: "b", rc: "rc" })[tag] ?? tag);
}

function checkToolsVenv(): void {
  if (!existsSync(venvPython(toolsVenv))) {
    throw new Error(`${toolsVenv} is missing: run through \`bash scripts/with-tools.sh\` (it runs scripts/install-python.sh)`);
  }
}

/**
 * Generates the Python SDK into `outDir/python` and returns that folder, ready for `python -m build`: the
 * generator's pyproject.toml names a README.md beside it, which Pulumi providers copy in; here it is the package's
 * own README (the schema's description), which the generator writes inside the package.
 */
export async function generatePythonSdk(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await mustSucceed(
    runCommand("atlas-pe-gen-sdk", [join(repoRoot, "schema.json"), outDir, "python"], { cwd: outDir }),
    "atlas-pe-gen-sdk (python)",
  );
  const sdk = join(outDir, "python");
  copyFileSync(join(sdk, pythonPackageName(), "README.md"), join(sdk, "README.md"));
  return sdk;
}

export interface PythonDists {
  wheel: string;
  sdist: string;
}

/**
 * `python -m build` of the SDK into `outDir`: a wheel and an sdist. Without build isolation, so the setuptools
 * comes from the pinned tools venv instead of PyPI (the frontend still checks the pyproject's build requirements).
 */
export async function buildPythonDists(sdk: string, outDir: string): Promise<PythonDists> {
  checkToolsVenv();
  mkdirSync(outDir, { recursive: true });
  await mustSucceed(
    runCommand(venvPython(toolsVenv), ["-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", outDir, sdk], { cwd: sdk }),
    "python -m build",
  );
  const stem = `${pythonPackageName()}-${pythonPackageVersion()}`;
  const built = readdirSync(outDir);
  const wheel = built.find((file) => file.startsWith(`${stem}-`) && file.endsWith(".whl"));
  const sdist = built.find((file) => file === `${stem}.tar.gz`);
  if (!wheel || !sdist) throw new Error(`python -m build wrote ${built.join(", ")} into ${outDir}, not ${stem}'s wheel and sdist`);
  return { wheel: join(outDir, wheel), sdist: join(outDir, sdist) };
}

/** A new venv at `dir` (no pip of its own: the tools venv's pip installs into it). Returns its python. */
export async function makeVenv(dir: string): Promise<string> {
  checkToolsVenv();
  rmSync(dir, { recursive: true, force: true });
  await mustSucceed(runCommand(venvPython(toolsVenv), ["-m", "venv", "--without-pip", dir], { cwd: repoRoot }), "python -m venv");
  return venvPython(dir);
}

/**
 * `pip install` of `args` (requirements and pip options) into the venv of `python`, from the wheelhouse only unless
 * `indexUrl` names an index to search instead (the release test's local package index).
 */
export async function pipInstall(python: string, args: string[], indexUrl?: string): Promise<void> {
  const index = indexUrl ? ["--index-url", indexUrl] : ["--no-index", "--find-links", wheelhouse];
  await mustSucceed(
    runCommand(venvPython(toolsVenv), ["-m", "pip", "--python", python, "install", "--disable-pip-version-check", ...index, ...args], {
      cwd: repoRoot,
    }),
    `pip install ${args.join(" ")}`,
  );
}

/** Generates and builds the SDK into a fresh temporary folder under `parent`. */
export async function buildPythonSdk(parent: string): Promise<PythonDists & { sdk: string }> {
  const work = mkdtempSync(join(parent, "python-sdk-"));
  const sdk = await generatePythonSdk(join(work, "generated"));
  return { sdk, ...(await buildPythonDists(sdk, join(work, "dist"))) };
}
