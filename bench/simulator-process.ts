import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import type { EndpointSummary, RateLimitOptions, RequestLogEntry, SimulatorSeed, TransitionDelays } from "../simulator";

/**
 * The simulator in its own process, so its CPU time does not queue behind the benchmark's
 * clients (lag is measured in milliseconds and multiplied back by the time scale).
 */
export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly seed: SimulatorSeed,
  ) {}

  static async start(repoRoot: string): Promise<SimulatorProcess> {
    const child = spawn(
      process.execPath,
      [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), join(repoRoot, "simulator", "cli.ts"), "--port", "0"],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`simulator exited ${code}: ${stderr}`)));
    });
    return new SimulatorProcess(child, JSON.parse(firstLine) as SimulatorSeed);
  }

  get baseUrl(): string {
    return this.seed.baseUrl;
  }

  /** endpointDelays: phase lengths fixed per endpoint id ahead of its create (added to those set; null clears). */
  async configure(config: {
    timeScale?: number;
    jitter?: number;
    delays?: Partial<TransitionDelays>;
    rateLimit?: RateLimitOptions | null;
    endpointDelays?: Record<string, Partial<TransitionDelays>> | null;
  }): Promise<void> {
    await this.control("POST", "config", config);
  }

  async requests(): Promise<RequestLogEntry[]> {
    return ((await this.control("GET", "requests")) as { requests: RequestLogEntry[] }).requests;
  }

  async clearRequests(): Promise<void> {
    await this.control("DELETE", "requests");
  }

  /** Atlas requests it is still handling (for simulated time, scripts/lib/simulated-time.ts). */
  async inFlight(): Promise<number> {
    return ((await this.control("GET", "in-flight")) as { inFlight: number }).inFlight;
  }

  /** Moves its clock forward by `ms`: phases, nonces and the token bucket see the jump. */
  async advance(ms: number): Promise<void> {
    await this.control("POST", "clock", { advanceMs: ms });
  }

  async endpoints(): Promise<EndpointSummary[]> {
    return ((await this.control("GET", "endpoints")) as { endpoints: EndpointSummary[] }).endpoints;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/__simulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} /__simulator/${path} answered ${response.status}: ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  }
}

/** Env that points the in-process provider (and CLI runs) at the simulator with its read-write API key. */
export function credentialEnv(seed: SimulatorSeed): Record<string, string> {
  return {
    MONGODB_ATLAS_BASE_URL: seed.baseUrl,
    MONGODB_ATLAS_PUBLIC_API_KEY: seed.apiKey.publicKey,
    MONGODB_ATLAS_PRIVATE_API_KEY: seed.apiKey.privateKey,
  };
}

/** Every variable the provider reads credentials or the Atlas URL from (provider/host/connection.ts). */
export const CREDENTIAL_VARIABLES = [
  "MONGODB_ATLAS_PUBLIC_API_KEY",
  "MONGODB_ATLAS_PUBLIC_KEY",
  "MCLI_PUBLIC_API_KEY",
  "MONGODB_ATLAS_PRIVATE_API_KEY",
  "MONGODB_ATLAS_PRIVATE_KEY",
  "MCLI_PRIVATE_API_KEY",
  "MONGODB_ATLAS_CLIENT_ID",
  "MONGODB_ATLAS_CLIENT_SECRET",
  "MONGODB_ATLAS_BASE_URL",
  "MCLI_OPS_MANAGER_URL",
];

/** An API call is every exchange that ends in a final answer; a digest challenge (401) is overhead. */
export function countRequests(log: RequestLogEntry[]): { requests: number; apiCalls: number; challenges: number } {
  const challenges = log.filter((entry) => entry.status === 401).length;
  return { requests: log.length, apiCalls: log.length - challenges, challenges };
}
