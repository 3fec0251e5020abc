import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installPlugin, packPlugin } from "../../scripts/lib/plugin-package";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { isolatedStack, type RunningSimulator, workspace } from "./cli-harness";

/**
 * A PULUMI_HOME, shared by every plugin test of this run, whose plugin cache holds the provider plugin
 * installed the way users install it: `pulumi plugin install --file` of the tarball scripts/lib/plugin-package.ts
 * builds from the package the e2e global setup packed. Built once per run (a lock folder keeps parallel
 * test files from building it twice).
 */
export async function pluginHome(): Promise<string> {
  const home = join(workspace(), "plugin-home");
  const done = join(home, ".installed");
  if (existsSync(done)) return home;
  const lock = join(workspace(), "plugin-home.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(done)) return home;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (existsSync(done)) return home;
    const packDir = join(workspace(), "pack");
    const packed = readdirSync(packDir).find((file) => file.endsWith(".tgz"));
    if (!packed) throw new Error(`no packed package in ${packDir}: the e2e global setup did not run`);
    const tarball = await packPlugin(join(packDir, packed), join(workspace(), "plugin"));
    mkdirSync(home, { recursive: true });
    await installPlugin(tarball, { env: { ...process.env, PULUMI_HOME: home } });
    mkdirSync(done);
    return home;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A stack for a program that uses the plugin (YAML or any language), with the plugin installed. */
export async function pluginStack(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): Promise<PulumiStack> {
  return isolatedStack(simulator, program, { PULUMI_HOME: await pluginHome(), ...env });
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
