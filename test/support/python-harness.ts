import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { buildPythonSdk, makeVenv, type PythonDists, pipInstall } from "../../scripts/lib/python-sdk";
import { credentialEnv, fileDir, type RunningSimulator, workspace } from "./cli-harness";
import { pluginCache } from "./plugin-harness";

/** The pinned Pulumi Python SDK (scripts/python/requirements.txt): the one every test venv gets. */
export function pinnedPulumiRequirement(): string {
  const line = readFileSync(join(__dirname, "../../scripts/python/requirements.txt"), "utf8")
    .split("\n")
    .find((entry) => /^pulumi==/.test(entry.trim()));
  if (!line) throw new Error("scripts/python/requirements.txt pins no pulumi==");
  return line.trim();
}

export interface PythonEnvironment {
  /** The SDK's wheel and sdist, built by `python -m build` from the SDK generated from this clone's schema.json. */
  dists: PythonDists & { sdk: string };
  /** A venv with the pinned `pulumi` and the SDK's wheel installed (what a Python program of the e2e tests runs on). */
  venv: string;
  python: string;
}

/**
 * Built once per e2e run and shared by its test files, like the plugin's PULUMI_HOME (programs only read the
 * venv): the SDK generated and built, and a venv with it installed from the wheel. A lock folder keeps parallel
 * test files from building it twice.
 */
export async function pythonEnvironment(): Promise<PythonEnvironment> {
  const dir = join(workspace(), "python");
  const done = join(dir, "environment.json");
  const ready = () => JSON.parse(readFileSync(done, "utf8")) as PythonEnvironment;
  if (existsSync(done)) return ready();
  const lock = join(workspace(), "python.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(done)) return ready();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (existsSync(done)) return ready();
    mkdirSync(dir, { recursive: true });
    const dists = await buildPythonSdk(dir);
    const venv = join(dir, "venv");
    const python = await makeVenv(venv);
    // pip too, as `pulumi install` leaves a program's venv: upstream's Python host lists the installed packages
    // with `python -m pip list` (this project's host reads importlib.metadata).
    await pipInstall(python, [pinnedPulumiRequirement(), "pip", dists.wheel]);
    const environment: PythonEnvironment = { dists, venv, python };
    writeFileSync(done, JSON.stringify(environment));
    return environment;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A stack for the Python program in `program` (a fixture folder with Pulumi.yaml and __main__.py) that uses the
 * SDK: the program runs on the shared venv (Pulumi.yaml's runtime.options.virtualenv, as `pulumi new python`
 * projects name theirs), and PULUMI_HOME has the provider plugin installed. The CLI runs it with the Python
 * language host in .tools/bin (scripts/install-pulumi.sh: the project's, or upstream's on GitHub).
 */
export async function pythonStack(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  const { venv } = await pythonEnvironment();
  const stack = new PulumiStack({
    workspace: fileDir(),
    programSource: program,
    files: ["Pulumi.yaml", "__main__.py"],
    name: `${basename(program)}-${randomBytes(6).toString("hex")}`,
    env: { ...credentialEnv(simulator), PULUMI_ATLAS_PE_TIME_SCALE: "0.05", ...env },
  });
  // Its own PULUMI_HOME, as every stack has, whose plugin cache is the run's shared one (the engine only reads it).
  symlinkSync(await pluginCache(), join(stack.env.PULUMI_HOME!, "plugins"));
  const project = join(stack.dir, "Pulumi.yaml");
  const text = readFileSync(project, "utf8");
  if (!/^runtime: python$/m.test(text)) throw new Error(`${program}/Pulumi.yaml must say \`runtime: python\``);
  writeFileSync(project, text.replace(/^runtime: python$/m, `runtime:\n  name: python\n  options:\n    virtualenv: ${venv}`));
  return stack;
}

/** The Python code `pulumi import` prints after asking to copy it into the program. */
export function generatedPythonCode(stdout: string): string {
  const marker = stdout.search(/following code into your Pulumi application/);
  const code = stdout.slice(marker).search(/^import pulumi$/m);
  if (marker < 0 || code < 0) throw new Error(`pulumi import printed no Python code:\n${stdout}`);
  return stdout.slice(marker + code);
}

/** Adds generated code to a Python program's __main__.py. */
export function addToPythonProgram(stack: PulumiStack, code: string): void {
  appendFileSync(join(stack.dir, "__main__.py"), `\n${code}`);
}
