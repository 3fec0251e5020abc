import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import { TYPES, typePattern } from "../support/cli-harness";

jest.setTimeout(300_000);

// README "From a clone": one command runs an example against the simulator, installed from the packed tarball
// (the one the e2e global setup packed: ATLAS_PE_PACKED_TARBALL). The three clouds run at once: each has its own
// example folder, simulator, backend and Pulumi home.
test.concurrent.each(["aws", "azure", "gcp"])(
  "npm run example -- %s installs the packed tarball into the example and runs up and destroy",
  async (cloud) => {
    const result = await runCommand("npm", ["run", "example", "--silent", "--", cloud], { cwd: repoRoot, timeoutMs: 240_000 });
    const text = `${result.stdout}\n${result.stderr}`;
    if (result.code !== 0) throw new Error(`exit ${result.code}\n${text.slice(-4000)}`);
    expect(text).toMatch(new RegExp(`\\+\\s+${typePattern(TYPES.dynamic.endpoint)} orders-db-${cloud} created`));
    expect(text).toMatch(/-> AVAILABLE/);
    expect(text).toMatch(new RegExp(`-\\s+${typePattern(TYPES.dynamic.endpoint)} orders-db-${cloud} deleted`));
    // Installed as a real copy from the tarball, not linked to the source tree.
    const installed = join(repoRoot, "examples", "existing-endpoint", cloud, "node_modules", "pulumi-atlas-private-endpoint");
    expect(existsSync(join(installed, "dist", "provider", "lifecycle.js"))).toBe(true);
    expect(existsSync(join(installed, "provider"))).toBe(false);
    expect(existsSync(join(repoRoot, "examples", "existing-endpoint", cloud, "Pulumi.simulator.yaml"))).toBe(false);
  },
);
