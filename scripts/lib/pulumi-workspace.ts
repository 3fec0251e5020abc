import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { type CommandResult, type RunOptions, runCommand } from "./run-command";

export const repoRoot = resolve(__dirname, "..", "..");

/**
 * Programs must load this package from a real node_modules copy: the engine serializes the provider by
 * `require("pulumi-atlas-private-endpoint/dist/...")` only then; from a source tree or a symlink it would try to
 * capture the code by value (and fail on zod). So every program run here installs the packed tarball, as a user would.
 */
export async function packPackage(destination: string, echo = false): Promise<string> {
  mkdirSync(destination, { recursive: true });
  return withBuildLock(async () => {
    await mustSucceed(runCommand("npm", ["run", "build", "--silent"], { cwd: repoRoot, echo }), "npm run build");
    const packed = await mustSucceed(
      runCommand("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", destination], { cwd: repoRoot }),
      "npm pack",
    );
    const file = packed.stdout.trim().split("\n").pop()!.trim();
    return join(destination, file);
  });
}

/**
 * Runs `body` while no other process of this clone builds dist/: e2e test files run side by side, and
 * the e2e global setup, `npm run demo`, `npm run example` and `npm publish --dry-run` each build or read
 * dist/; a pack must never read a file another build is rewriting. A lock folder in the repo (its pid
 * file names the holder); one left by a process that died is taken over.
 */
export async function withBuildLock<T>(body: () => Promise<T>): Promise<T> {
  const lock = join(repoRoot, ".build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderDied(join(lock, "pid"))) rmSync(lock, { recursive: true, force: true });
      // Held: a build takes seconds; look again shortly.
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function holderDied(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8"));
  } catch {
    return false; // just taken: its holder has not written its pid yet
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Names a tarball packed earlier (the e2e global setup sets it to the one it packed): `npm run demo` and `npm run
 * example` install that one instead of building and packing the package again, so an e2e run builds it once.
 */
export const PACKED_TARBALL_ENV = "ATLAS_PE_PACKED_TARBALL";

/**
 * The packed package in `destination`: the one PACKED_TARBALL_ENV names, or a fresh packPackage. It appears
 * there complete or not at all (staged beside it, then renamed), so an `npm install` of it never reads half a
 * tarball while another run of the same script replaces it.
 */
export async function packedPackage(destination: string, echo = false): Promise<string> {
  mkdirSync(destination, { recursive: true });
  const staging = mkdtempSync(join(destination, ".pack-"));
  try {
    const given = process.env[PACKED_TARBALL_ENV];
    let staged: string;
    if (given) {
      staged = join(staging, basename(given));
      cpSync(given, staged);
    } else {
      staged = await packPackage(staging, echo);
    }
    const placed = join(destination, basename(staged));
    renameSync(staged, placed);
    return placed;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A folder whose node_modules holds the packed provider, @pulumi/pulumi and TypeScript; programs live below it. */
export async function prepareWorkspace(tarball: string, dir = mkdtempSync(join(tmpdir(), "atlas-pe-ws-")), echo = false): Promise<string> {
  const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const devDependencies = rootPackage.devDependencies as Record<string, string>;
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "atlas-pe-workspace",
        private: true,
        dependencies: {
          "pulumi-atlas-private-endpoint": `file:${tarball}`,
          "@pulumi/pulumi": devDependencies["@pulumi/pulumi"],
          typescript: devDependencies.typescript,
          "ts-node": "10.9.2",
        },
      },
      null,
      2,
    ),
  );
  await mustSucceed(
    runCommand("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, echo }),
    "npm install (workspace)",
  );
  return dir;
}

export interface StackOptions {
  workspace: string;
  /** Folder holding Pulumi.yaml and the program (examples/aws, the top-level demo, a test fixture). */
  programSource: string;
  /** Files to copy from programSource; defaults to every file except node_modules. */
  files?: string[];
  name: string;
  stack?: string;
  env?: NodeJS.ProcessEnv;
  echo?: boolean;
}

/** One Pulumi project + stack with its own file backend and PULUMI_HOME: runs never touch ~/.pulumi or each other. */
export class PulumiStack {
  readonly dir: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stack: string;
  private readonly echo: boolean;

  constructor(options: StackOptions) {
    this.dir = join(options.workspace, "programs", options.name);
    this.stateDir = join(options.workspace, "state", options.name);
    this.stack = options.stack ?? "dev";
    this.echo = options.echo ?? false;
    mkdirSync(this.dir, { recursive: true });
    mkdirSync(this.stateDir, { recursive: true });
    mkdirSync(join(this.stateDir, "home"), { recursive: true });
    const files = options.files ?? readdirSync(options.programSource).filter((f) => f !== "node_modules");
    for (const file of files) cpSync(join(options.programSource, file), join(this.dir, file), { recursive: true });
    this.env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.stateDir}`,
      PULUMI_HOME: join(this.stateDir, "home"),
      PULUMI_CONFIG_PASSPHRASE: "atlas-pe-local-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      ...options.env,
    };
  }

  run(args: string[], options: Partial<RunOptions> = {}): Promise<CommandResult> {
    return runCommand(process.env.PULUMI_BIN ?? "pulumi", [...args, "--non-interactive"], {
      cwd: this.dir,
      env: { ...this.env, ...options.env },
      echo: options.echo ?? this.echo,
      timeoutMs: options.timeoutMs,
      onSpawn: options.onSpawn,
      onOutput: options.onOutput,
    });
  }

  async init(config: Record<string, string> = {}, secrets: Record<string, string> = {}): Promise<void> {
    await mustSucceed(this.run(["stack", "init", this.stack]), "pulumi stack init");
    for (const [key, value] of Object.entries(config)) await this.setConfig(key, value);
    for (const [key, value] of Object.entries(secrets)) await this.setConfig(key, value, true);
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    const args = ["config", "set", key, value, ...(secret ? ["--secret"] : []), "--stack", this.stack];
    // Config values may start with '-' or '/' (Azure ids): pass after `--` is not supported by every command, so path-style args are fine here.
    await mustSucceed(this.run(args, { echo: false }), `pulumi config set ${key}`);
  }

  up(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
    return this.run(["up", "--yes", "--skip-preview", "--stack", this.stack, ...extra], options);
  }

  preview(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
    return this.run(["preview", "--stack", this.stack, ...extra], options);
  }

  refresh(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
    return this.run(["refresh", "--yes", "--skip-preview", "--stack", this.stack, ...extra], options);
  }

  destroy(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
    return this.run(["destroy", "--yes", "--skip-preview", "--stack", this.stack, ...extra], options);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const result = await mustSucceed(
      this.run(["stack", "output", "--json", "--stack", this.stack], { echo: false }),
      "pulumi stack output",
    );
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  async exportState(): Promise<{ text: string; deployment: StackDeployment }> {
    const result = await mustSucceed(this.run(["stack", "export", "--stack", this.stack], { echo: false }), "pulumi stack export");
    return { text: result.stdout, deployment: JSON.parse(result.stdout) as StackDeployment };
  }

  /** Every file the backend wrote (checkpoints, backups, history): a secret scan reads all of it. */
  backendFiles(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "home") walk(path);
        } else found.push(path);
      }
    };
    walk(this.stateDir);
    return found;
  }
}

export interface StackResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}

export interface StackDeployment {
  deployment: { resources?: StackResource[]; pending_operations?: unknown[] };
}

export function dynamicResources(deployment: StackDeployment): StackResource[] {
  return (deployment.deployment.resources ?? []).filter(
    (r) => r.type.startsWith("pulumi-nodejs:dynamic:") || r.type.startsWith("pulumi-nodejs:dynamic/"),
  );
}

export async function mustSucceed(pending: Promise<CommandResult>, what: string): Promise<CommandResult> {
  const result = await pending;
  if (result.code !== 0) {
    throw new Error(
      `${what} exited ${result.code ?? result.signal}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
    );
  }
  return result;
}

function tail(text: string, lines = 60): string {
  return text.split("\n").slice(-lines).join("\n");
}
