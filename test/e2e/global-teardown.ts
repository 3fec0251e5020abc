import { rmSync } from "node:fs";
import { WORKSPACE_ENV } from "../support/e2e-paths";

/** Removes the run's workspace (hundreds of MB each run); ATLAS_PE_KEEP_E2E_WORKSPACE=1 keeps it to look into. */
export default async function globalTeardown(): Promise<void> {
  const workspace = process.env[WORKSPACE_ENV];
  if (!workspace) return;
  if (process.env.ATLAS_PE_KEEP_E2E_WORKSPACE === "1") {
    process.stderr.write(`[e2e] kept the run's workspace in ${workspace}\n`);
    return;
  }
  rmSync(workspace, { recursive: true, force: true });
}
