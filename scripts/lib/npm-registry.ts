/**
 * Starts scripts/local-npm-registry.ts (Verdaccio) as a child process with its own folder, makes a publishing
 * user the way `npm adduser` does, and writes an npm user config that points every npm command at it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./pulumi-workspace";
import { killTree } from "./run-command";

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** An npm user config (`--userconfig`) with this registry and the publishing user's token. */
  userconfig: string;
  stop(): Promise<void>;
}

export async function startLocalRegistry(dir: string, uplink?: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    join(repoRoot, "node_modules", ".bin", "tsx"),
    [join(repoRoot, "scripts", "local-npm-registry.ts"), dir, ...(uplink ? [uplink] : [])],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on("exit", (code) => reject(new Error(`the local npm registry exited ${code} before listening\n${stderr}`)));
  });
  const stop = async () => {
    killTree(child.pid, "SIGTERM");
    await exited;
  };
  try {
    const user = "release-test";
    const answer = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user, password: `pw-${process.pid}-${Date.now()}`, type: "user", roles: [] }),
    });
    const body = (await answer.json()) as { token?: string; error?: string };
    if (!answer.ok || !body.token) throw new Error(`the local npm registry refused the user: ${answer.status} ${body.error ?? ""}`);
    const userconfig = join(dir, "npmrc");
    writeFileSync(userconfig, `registry=${url}\n${url.replace(/^https?:/, "")}:_authToken=${body.token}\n`, { mode: 0o600 });
    return { url, userconfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
