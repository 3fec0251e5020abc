import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { installPlugin, packPlugin } from "../../scripts/lib/plugin-package";
import { repoRoot, type PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import { expectOk, type RunningSimulator, stackFor, workspace } from "./cli-harness";

/**
 * Builds `name` below the run's workspace once per run, whichever test file asks first; the others
 * wait for it. Files run side by side on jest's workers: a lock folder keeps two from building it
 * at once, and `build` writes into a staging folder that becomes `name` only when complete, so a
 * reader never sees half of it. What it builds is read-only for every test file.
 */
export async function builtOncePerRun(name: string, build: (into: string) => Promise<void>): Promise<string> {
  const done = join(workspace(), name);
  if (existsSync(done)) return done;
  const lock = join(workspace(), `${name}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(done)) return done;
      // Another file is building it: look again shortly (the build takes seconds to minutes).
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (existsSync(done)) return done;
    const staging = join(workspace(), `${name}.staging`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await build(staging);
    renameSync(staging, done);
    return done;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The plugin cache (a PULUMI_HOME's `plugins` folder) holding the provider plugin installed the way
 * users install it: `pulumi plugin install --file` of the tarball scripts/lib/plugin-package.ts
 * builds from the package the e2e global setup packed. Built once per run.
 */
export async function pluginCache(): Promise<string> {
  const home = await builtOncePerRun("plugin-home", async (staging) => {
    const packDir = join(workspace(), "pack");
    const packed = readdirSync(packDir).find((file) => file.endsWith(".tgz"));
    if (!packed) throw new Error(`no packed package in ${packDir}: the e2e global setup did not run`);
    const tarball = await packPlugin(join(packDir, packed), join(workspace(), "plugin"));
    await installPlugin(tarball, { env: { ...process.env, PULUMI_HOME: staging } });
  });
  return join(home, "plugins");
}

/**
 * A stack for a program that uses the plugin (YAML or any language): its own PULUMI_HOME, as every
 * stack has, whose plugin cache is the run's shared one (the engine only reads it).
 */
export async function pluginStack(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  const plugins = await pluginCache();
  const stack = stackFor(simulator, program, env);
  symlinkSync(plugins, join(stack.env.PULUMI_HOME!, "plugins"));
  return stack;
}

/** Languages atlas-pe-gen-sdk writes an SDK for. */
export const SDK_LANGUAGES = ["nodejs", "python", "go"] as const;

/**
 * The plugin's SDKs, generated once per run from schema.json by Pulumi's own generators
 * (atlas-pe-gen-sdk, built by scripts/install-gen-sdk.sh): `<folder>/<language>`. Read-only: a test
 * that builds one copies it first.
 */
export async function generatedSdks(): Promise<string> {
  return builtOncePerRun("sdks", async (staging) => {
    expectOk(
      await runCommand("atlas-pe-gen-sdk", [join(repoRoot, "schema.json"), staging, ...SDK_LANGUAGES], { cwd: staging }),
      "atlas-pe-gen-sdk",
    );
  });
}

/** The YAML code `pulumi import` prints after asking to copy it into the program. */
export function generatedCode(stdout: string): string {
  const marker = stdout.search(/following code into your Pulumi application/);
  const code = stdout.slice(marker).search(/^resources:$/m);
  if (marker < 0 || code < 0) throw new Error(`pulumi import printed no code:\n${stdout}`);
  return stdout.slice(marker + code);
}

/** Adds generated code to a YAML program's Pulumi.yaml, under its one `resources:` key. */
export function addToYamlProgram(stack: PulumiStack, code: string): void {
  const program = join(stack.dir, "Pulumi.yaml");
  const hasResources = /^resources:$/m.test(readFileSync(program, "utf8"));
  appendFileSync(program, hasResources ? code.replace(/^resources:\n/, "") : code);
}
