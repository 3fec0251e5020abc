import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { ENV_KEYS } from "../../provider/host/connection";
import { startSimulator } from "../../simulator";
import { CommandResult } from "../../scripts/lib/run-command";
import { PulumiStack, repoRoot } from "../../scripts/lib/pulumi-workspace";

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export interface SimulatedEndpoint {
    groupId: string;
    cloudProvider: string;
    endpointServiceId: string;
    endpointId: string;
    status: string;
    deleteRequested?: boolean;
}

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
    return new PulumiStack({
        workspace: workspace(),
        programSource: program,
        files: ["Pulumi.yaml", "index.ts"],
        // Unique across test files too: jest reloads this module per file within one worker process.
        name: `${program.split("/").pop()}-${process.pid}-${counter}-${randomBytes(3).toString("hex")}`,
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

export async function simulatorEndpoints(simulator: RunningSimulator): Promise<SimulatedEndpoint[]> {
    const response = await fetch(`${simulator.baseUrl}/__simulator/endpoints`);
    const body = (await response.json()) as { endpoints: SimulatedEndpoint[] };
    return body.endpoints;
}

export async function simulatorControl(simulator: RunningSimulator, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${simulator.baseUrl}/__simulator/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator control ${path} answered ${response.status}: ${await response.text()}`);
}

export function output(result: CommandResult): string {
    return `${result.stdout}\n${result.stderr}`;
}

export function exampleDir(cloud: "aws" | "azure" | "gcp"): string {
    return join(examplesDir, cloud);
}

export { startSimulator };
