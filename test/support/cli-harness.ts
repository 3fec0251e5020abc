import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENV_KEYS } from "../../provider/host/connection";
import { type SimulatorOptions, startSimulator as startAnySimulator } from "../../simulator";
import type { CommandResult } from "../../scripts/lib/run-command";
import { PulumiStack, repoRoot, type StackResource } from "../../scripts/lib/pulumi-workspace";
import { FILE_DIR_ENV, WORKSPACE_ENV } from "./e2e-paths";
import { SimulatorControl, type SimulatedEndpoint } from "./simulator-control";

export type RunningSimulator = Awaited<ReturnType<typeof startAnySimulator>>;

export type { SimulatedEndpoint };

/** The run's shared workspace: the packed package installed once (global-setup.ts); read-only for test files. */
export function workspace(): string {
  const dir = process.env[WORKSPACE_ENV];
  if (!dir) throw new Error(`${WORKSPACE_ENV} is not set: the e2e global setup did not run`);
  return dir;
}

/** This test file's own folder below the workspace (e2e-environment.ts): its stacks, state and scratch files. */
export function fileDir(): string {
  const dir = process.env[FILE_DIR_ENV];
  if (!dir) throw new Error(`${FILE_DIR_ENV} is not set: e2e test files run in test/support/e2e-environment.ts`);
  return dir;
}

export const examplesDir = resolve(repoRoot, "examples");
export const fixturesDir = resolve(__dirname, "../e2e/fixtures");

/**
 * The type tokens users' programs and state name. They are the package's contract with existing
 * stacks, so they are written out here once rather than imported from the code under test.
 */
export const TYPES = {
  /** The dynamic resources (TypeScript and JavaScript programs). */
  dynamic: {
    endpoint: "pulumi-nodejs:dynamic/atlas:PrivateEndpoint",
    service: "pulumi-nodejs:dynamic/atlas:EndpointService",
    dataFederation: "pulumi-nodejs:dynamic/atlas:DataFederationEndpoint",
    streamLink: "pulumi-nodejs:dynamic/atlas:StreamPrivateLink",
    regionalMode: "pulumi-nodejs:dynamic/atlas:RegionalMode",
  },
  /** The provider plugin's resources (YAML, Python, Go and the generated SDKs). */
  plugin: {
    endpoint: "atlas-private-endpoint:index:PrivateEndpoint",
    service: "atlas-private-endpoint:index:EndpointService",
    dataFederation: "atlas-private-endpoint:index:DataFederationEndpoint",
    streamLink: "atlas-private-endpoint:index:StreamPrivateLink",
    regionalMode: "atlas-private-endpoint:index:RegionalMode",
  },
  /** What release 0.1.0 recorded a PrivateEndpoint as; its alias keeps such stacks (alias.test.ts). */
  legacyEndpoint: "pulumi-nodejs:dynamic:Resource",
} as const;

/** A type token as it appears in a regular expression of CLI output. */
export function typePattern(type: string): string {
  return type.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Atlas 50 times faster than real (transitions of minutes take seconds; the provider polls at the
 * same scale through PULUMI_ATLAS_PE_TIME_SCALE).
 */
export const FAST_ATLAS: SimulatorOptions = { timeScale: 0.02 };

/**
 * FAST_ATLAS whose clusters take 60 s (1.2 s here) to apply an endpoint: long enough to tell an up
 * that waits for them from one that returns at AVAILABLE.
 */
export const FAST_ATLAS_SLOW_CLUSTERS: SimulatorOptions = { ...FAST_ATLAS, delays: { clusterUpdateMs: 60_000 } };

/** A simulator of this test file's own, on a free port. */
export function startSimulator(options: SimulatorOptions = FAST_ATLAS): Promise<RunningSimulator> {
  return startAnySimulator({ ...options, port: options.port ?? 0 });
}

/**
 * A stack for `program` in this test file's folder, with its own file backend and PULUMI_HOME,
 * whose provider reaches the simulator through env credentials (no stack config secrets).
 * The engine runs the TypeScript program without type-checking it (PULUMI_NODEJS_TRANSPILE_ONLY):
 * every program the e2e tests run is type-checked once per run against the packed package instead
 * (programs.test.ts), which saves seconds of CPU on every preview, up and destroy.
 */
export function stackFor(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): PulumiStack {
  return new PulumiStack({
    workspace: fileDir(),
    programSource: program,
    // A YAML program has no index.ts.
    files: ["Pulumi.yaml", "index.ts"].filter((file) => existsSync(join(program, file))),
    name: `${program.split("/").pop()}-${randomBytes(6).toString("hex")}`,
    env: { ...credentialEnv(simulator), PULUMI_ATLAS_PE_TIME_SCALE: "0.05", PULUMI_NODEJS_TRANSPILE_ONLY: "true", ...env },
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

/** Everything a command printed, stdout then stderr. */
export function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

/**
 * The Atlas API requests the simulator logged since its log was last cleared: its control routes left out, and
 * digest challenges (401), which ask Atlas to do nothing. A test that proves "no request at all" reads the whole log.
 */
export async function atlasRequestsOf(simulator: RunningSimulator): Promise<Awaited<ReturnType<SimulatorControl["requests"]>>> {
  return (await controlOf(simulator).requests()).filter((entry) => entry.path.startsWith("/api/atlas/") && entry.status !== 401);
}

/** Throws with the tail of the output unless the command exited 0; answers its output. */
export function expectOk(result: CommandResult, what = "the command"): string {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code ?? result.signal}\n${output(result).slice(-4000)}`);
  return output(result);
}

/** The resources of these types in the stack's state (`pulumi stack export`). */
export async function resourcesOfType(stack: PulumiStack, ...types: string[]): Promise<StackResource[]> {
  return ((await stack.exportState()).deployment.deployment.resources ?? []).filter((resource) => types.includes(resource.type));
}

/** The bring-your-own-endpoint example of a cloud: the one that runs against the simulator alone. */
export function exampleDir(cloud: "aws" | "azure" | "gcp"): string {
  return join(examplesDir, "existing-endpoint", cloud);
}
