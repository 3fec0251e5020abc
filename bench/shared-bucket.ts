import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ProviderProcessJob, ProviderProcessResult } from "./provider-process";

export interface SharedBucketRun {
  /** Atlas base URL and a read-write API key of the simulator. */
  baseUrl: string;
  publicKey: string;
  privateKey: string;
  groupId: string;
  endpointServiceId: string;
  processes: number;
  endpointsPerProcess: number;
  timeScale: number;
  /** Extra env for every process (e.g. the pacing knob for a baseline). */
  env?: Record<string, string>;
  repoRoot: string;
}

/**
 * Several provider processes at once (three stacks updated together by CI), each creating and
 * then deleting its endpoints against the same Atlas: they share its token bucket, never a pacer.
 */
export async function runProviderProcesses(run: SharedBucketRun): Promise<ProviderProcessResult[]> {
  const job: ProviderProcessJob = { groupId: run.groupId, endpointServiceId: run.endpointServiceId, endpoints: run.endpointsPerProcess };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("MONGODB_ATLAS_") || name.startsWith("MCLI_")) delete env[name];
  Object.assign(env, {
    MONGODB_ATLAS_BASE_URL: run.baseUrl,
    MONGODB_ATLAS_PUBLIC_API_KEY: run.publicKey,
    MONGODB_ATLAS_PRIVATE_API_KEY: run.privateKey,
    PULUMI_ATLAS_PE_TIME_SCALE: String(run.timeScale),
    ...run.env,
  });
  const one = () =>
    new Promise<ProviderProcessResult>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          join(run.repoRoot, "node_modules", "tsx", "dist", "cli.mjs"),
          join(run.repoRoot, "bench", "provider-process.ts"),
          JSON.stringify(job),
        ],
        { cwd: run.repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("exit", (code) => {
        const line = stdout.trim().split("\n").pop() ?? "";
        if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as ProviderProcessResult);
        else reject(new Error(`provider process exited ${code}: ${stderr.trim().split("\n").slice(-5).join(" | ")}`));
      });
    });
  return Promise.all(Array.from({ length: run.processes }, one));
}
