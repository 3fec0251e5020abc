import { randomBytes } from "node:crypto";
import { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { credentialEnv, RunningSimulator, workspace } from "./cli-harness";

/**
 * Like harness.stackFor, but named with random bytes: stackFor's `<program>-<pid>-<counter>` restarts its
 * counter in every test file, so two files in one jest worker that use the same program collide.
 */
export function isolatedStack(simulator: RunningSimulator, program: string, env: NodeJS.ProcessEnv = {}): PulumiStack {
    return new PulumiStack({
        workspace: workspace(),
        programSource: program,
        files: ["Pulumi.yaml", "index.ts"],
        name: `${program.split("/").pop()}-${randomBytes(6).toString("hex")}`,
        env: { ...credentialEnv(simulator), PULUMI_ATLAS_PE_TIME_SCALE: "0.05", ...env },
    });
}
