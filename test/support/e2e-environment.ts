import { mkdirSync, mkdtempSync } from "node:fs";
import { basename, join } from "node:path";
import type { EnvironmentContext, JestEnvironmentConfig } from "@jest/environment";
import { FILE_DIR_ENV, WORKSPACE_ENV } from "./e2e-paths";
import NodeEnvironment from "./node-environment";

/**
 * The e2e project's environment: every test file gets a folder of its own below the run's shared
 * workspace (so its programs still resolve the installed package), and its env points Pulumi there
 * by default: PULUMI_HOME, a file backend and TMPDIR of its own. Test files run side by side on
 * jest's workers, so nothing a file or a command it starts writes (plugin installs, workspace
 * settings, stack state, engine logs) lands where another file writes. Stacks made with
 * cli-harness.ts get a home and backend of their own inside it; a raw `pulumi` command, `npm run
 * example` or the atlas lane falls back to the file's. Read-only, built once per run and shared:
 * the workspace's node_modules (global-setup.ts), the plugin cache and the generated SDKs
 * (plugin-harness.ts).
 */
export default class E2eEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const env = this.global.process.env;
    const workspace = env[WORKSPACE_ENV];
    if (!workspace) throw new Error(`${WORKSPACE_ENV} is not set: the e2e global setup did not run`);
    mkdirSync(join(workspace, "files"), { recursive: true });
    const dir = mkdtempSync(join(workspace, "files", `${basename(context.testPath).replace(/\.test\.ts$/, "")}-`));
    for (const sub of ["pulumi-home", "state", "tmp"]) mkdirSync(join(dir, sub));
    env[FILE_DIR_ENV] = dir;
    env.PULUMI_HOME = join(dir, "pulumi-home");
    env.PULUMI_BACKEND_URL = `file://${join(dir, "state")}`;
    env.TMPDIR = join(dir, "tmp");
  }
}
