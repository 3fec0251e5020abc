import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { ENV_KEYS } from "../../provider/host/connection";
import { startSimulator } from "../../simulator";
import type { CommandResult } from "../../scripts/lib/run-command";
import { PulumiStack, repoRoot } from "../../scripts/lib/pulumi-workspace";
import { SimulatorControl, type SimulatedEndpoint } from "./simulator-control";

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export type { SimulatedEndpoint };

export function workspace(): string {
  const dir = process.env.ATLAS_PE_E2E_WORKSPACE;
  if (!dir) throw new Error("ATLAS_PE_E2E_WORKSPACE is not set: the e2e global setup did not run");
  return dir;
}

export const examplesDir = resolve(repoRoot, "examples");
export const fixturesDir = resolve(__dirname, "../e2e/fixtures");

let counter = 0;

/** A stack for `program` whose provider reaches the simulator through env credentials (no stack config secrets). */
export function stackFor(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): PulumiStack {
  counter += 1;
  // Unique across test files too: jest reloads this module per file within one worker process.
  return stackNamed(`${program.split("/").pop()}-${process.pid}-${counter}-${randomBytes(3).toString("hex")}`, simulator, program, env);
}

/**
 * Like stackFor, but named with random bytes only: stackFor's `<program>-<pid>-<counter>` restarts its
 * counter in every test file, so two files in one jest worker that use the same program collide.
 */
export function isolatedStack(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): PulumiStack {
  return stackNamed(`${program.split("/").pop()}-${randomBytes(6).toString("hex")}`, simulator, program, env);
}

function stackNamed(name: string, simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv): PulumiStack {
  return new PulumiStack({
    workspace: workspace(),
    programSource: program,
    files: ["Pulumi.yaml", "index.ts"],
    name,
    env: { ...credentialEnv(simulator), PULUMI_ATLAS_PE_TIME_SCALE: "0.05", ...env },
  });
}

export function credentialEnv(simulator: RunningSimulator): NodeJS.ProcessEnv {
  return {
    MONGODB_ATLAS_BASE_URL: simulator.baseUrl,
    MONGODB_ATLAS_PUBLIC_API_KEY: simulator.seed.apiKey.publicKey,
    MONGODB_ATLAS_PRIVATE_API_KEY: simulator.seed.apiKey.privateKey,
  };
}

/** Env with every Atlas credential variable removed, so a run proves it needs none. */
export function withoutCredentials(): NodeJS.ProcessEnv {
  const names = Object.values(ENV_KEYS).flat();
  return Object.fromEntries(names.map((name) => [name, ""]));
}

/** The control API of a simulator an e2e test started. */
export function controlOf(simulator: RunningSimulator): SimulatorControl {
  return new SimulatorControl(simulator.baseUrl);
}

export async function simulatorEndpoints(simulator: RunningSimulator): Promise<SimulatedEndpoint[]> {
  return controlOf(simulator).endpoints();
}

export async function simulatorControl(simulator: RunningSimulator, path: string, body: unknown): Promise<void> {
  await controlOf(simulator).call("POST", path, body);
}

export function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

/** The bring-your-own-endpoint example of a cloud: the one that runs against the simulator alone. */
export function exampleDir(cloud: "aws" | "azure" | "gcp"): string {
  return join(examplesDir, "existing-endpoint", cloud);
}

export { startSimulator };
