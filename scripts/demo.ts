/**
 * The main job: start the embedded Atlas simulator, run `pulumi up` on the top-level demo program (per cloud: the
 * Atlas endpoint service of a region and one private endpoint registered with it), print the stack outputs and
 * the clusters' private connection strings, then `pulumi destroy`. Exits non-zero on any failure.
 *
 *   npm run demo [-- --time-scale 1 --keep]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../simulator";
import { mustSucceed, packedPackage, prepareWorkspace, PulumiStack, repoRoot } from "./lib/pulumi-workspace";

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

function step(message: string): void {
  process.stdout.write(`\n==> ${message}\n`);
}

async function main(): Promise<void> {
  const timeScale = Number(flag("time-scale") ?? "1");
  const keep = process.argv.includes("--keep");
  const scratch = mkdtempSync(join(tmpdir(), "atlas-pe-demo-"));
  const simulator = await startSimulator({ port: 0, timeScale });
  try {
    step(`Atlas simulator listening on ${simulator.baseUrl} (time scale ${timeScale})`);
    step("Packing pulumi-atlas-private-endpoint and installing it into a scratch workspace, as a user would");
    const tarball = await packedPackage(join(scratch, "pack"));
    const workspace = await prepareWorkspace(tarball, join(scratch));
    const { seed } = simulator;
    const stack = new PulumiStack({
      workspace,
      programSource: repoRoot,
      files: ["Pulumi.yaml", "demo"],
      name: "demo",
      echo: true,
      env: {
        MONGODB_ATLAS_BASE_URL: simulator.baseUrl,
        MONGODB_ATLAS_PUBLIC_API_KEY: seed.apiKey.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: seed.apiKey.privateKey,
      },
    });
    await stack.init({ groupId: seed.groupId });
    step("pulumi up");
    await mustSucceed(stack.up(), "pulumi up");
    step("Stack outputs");
    const outputs = await stack.outputs();
    process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`);
    step("Private connection strings (one per cluster reached through each endpoint)");
    for (const [name, value] of Object.entries(outputs)) {
      if (!name.endsWith("PrivateConnectionStrings") || !Array.isArray(value)) continue;
      for (const entry of value as { clusterName: string; type?: string; srvConnectionString?: string }[]) {
        process.stdout.write(
          `${name.replace("PrivateConnectionStrings", "")} -> ${entry.clusterName} (${entry.type ?? "?"}): ${entry.srvConnectionString ?? "(no SRV string)"}\n`,
        );
      }
    }
    step("pulumi destroy");
    await mustSucceed(stack.destroy(), "pulumi destroy");
    step("Done: created, waited for AVAILABLE, and destroyed one endpoint service and one endpoint per cloud");
  } finally {
    await simulator.close();
    if (!keep) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
