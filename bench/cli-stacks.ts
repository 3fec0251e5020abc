import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mustSucceed, packPackage, prepareWorkspace, PulumiStack, repoRoot } from "../scripts/lib/pulumi-workspace";
import type { CommandResult } from "../scripts/lib/run-command";
import { TIME_SCALE_ENV } from "./in-process";
import { credentialEnv, type SimulatorProcess } from "./simulator-process";

const manyFixture = join(repoRoot, "test", "e2e", "fixtures", "many");

/**
 * A workspace with the packed package installed, as users install it (see pulumi-workspace.ts).
 * Reuses the e2e global setup's workspace when the bench runs inside the e2e jest project.
 */
export async function cliWorkspace(): Promise<string> {
  const existing = process.env.ATLAS_PE_E2E_WORKSPACE;
  if (existing) return existing;
  const scratch = mkdtempSync(join(tmpdir(), "atlas-pe-bench-"));
  return prepareWorkspace(await packPackage(join(scratch, "pack")), scratch);
}

let counter = 0;

/** A stack of the `many` fixture: `count` AWS endpoints, credentials from env, the provider's time scale set. */
export async function manyEndpointsStack(
  workspace: string,
  simulator: SimulatorProcess,
  count: number,
  timeScale: number,
): Promise<PulumiStack> {
  counter += 1;
  const stack = new PulumiStack({
    workspace,
    programSource: manyFixture,
    files: ["Pulumi.yaml", "index.ts"],
    name: `bench-${process.pid}-${counter}-${count}`,
    env: { ...credentialEnv(simulator.seed), [TIME_SCALE_ENV]: String(timeScale) },
  });
  await stack.init({
    groupId: simulator.seed.groupId,
    endpointServiceId: simulator.seed.endpointServices.AWS,
    count: String(count),
    idPrefix: randomBytes(6).toString("hex"),
  });
  return stack;
}

export async function succeeded(pending: Promise<CommandResult>, what: string): Promise<CommandResult> {
  return mustSucceed(pending, what);
}

/** Destroys with raised parallelism; it is cleanup, not measured. */
export async function destroyStack(stack: PulumiStack): Promise<void> {
  await mustSucceed(stack.destroy(["--parallel", "64"]), "pulumi destroy");
}
