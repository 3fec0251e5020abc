/**
 * Runs one example program from this clone, installed the way a user installs the package: from its packed
 * tarball (a symlink or `file:` folder would break the serialized provider).
 *
 *   npm run example -- aws|azure|gcp            against the embedded Atlas simulator: up, outputs, destroy of
 *                                               examples/existing-endpoint/<cloud> (the cloud side cannot be
 *                                               created here, so the bring-your-own-endpoint variant runs)
 *   npm run example -- aws|azure|gcp --atlas    `pulumi up` of examples/<cloud> (the whole journey: service,
 *                                               cloud endpoint, registration) with your stack, config and the
 *                                               cloud's credentials
 *   npm run example -- existing-endpoint/aws --atlas   the bring-your-own-endpoint variant against Atlas
 *
 * Each builds and packs the package into the repo root (pulumi-atlas-private-endpoint-<version>.tgz;
 * ATLAS_PE_PACKED_TARBALL names an already packed one to use instead) and installs that tarball into the example in
 * place of the released version its package.json names (`npm install --no-save <tarball>`, so the example's
 * package.json stays as a user copies it). The simulator run uses a
 * throwaway file backend and removes the Pulumi.simulator.yaml it writes; the --atlas run uses your Pulumi
 * login, stack and config as they are (see docs/installation-configuration.md, "From a clone").
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "../simulator";
import { mustSucceed, packedPackage, repoRoot } from "./lib/pulumi-workspace";
import { runCommand } from "./lib/run-command";

type Cloud = "aws" | "azure" | "gcp";
const CLOUDS: Cloud[] = ["aws", "azure", "gcp"];

function step(message: string): void {
  process.stdout.write(`\n==> ${message}\n`);
}

function configFor(cloud: Cloud, seed: Awaited<ReturnType<typeof startSimulator>>["seed"]): Record<string, string> {
  const { groupId, endpointServices } = seed;
  switch (cloud) {
    case "aws":
      return { groupId, endpointServiceId: endpointServices.AWS, vpcEndpointId: "vpce-0123456789abcdef0" };
    case "azure":
      return {
        groupId,
        endpointServiceId: endpointServices.AZURE,
        privateEndpointResourceId:
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-example/providers/Microsoft.Network/privateEndpoints/pe-orders-db",
        privateEndpointIPAddress: "10.0.0.5",
      };
    case "gcp":
      return { groupId, endpointServiceId: endpointServices.GCP, gcpProjectId: "p-0123456789abcdefghijklmn" };
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? "";
  const atlas = process.argv.includes("--atlas");
  const cloud = name.replace(/^existing-endpoint\//, "") as Cloud;
  if (!CLOUDS.includes(cloud)) {
    process.stderr.write(`usage: npm run example -- [existing-endpoint/]${CLOUDS.join("|")} [--atlas]\n`);
    process.exit(2);
  }
  // Against the simulator only the Atlas side exists: the variant that takes an existing cloud endpoint runs.
  const example = atlas && !name.startsWith("existing-endpoint/") ? cloud : `existing-endpoint/${cloud}`;
  if (!atlas && !name.startsWith("existing-endpoint/")) {
    step(
      `examples/${cloud} creates real ${cloud.toUpperCase()} resources; against the simulator its bring-your-own-endpoint variant examples/${example} runs`,
    );
  }
  const dir = join(repoRoot, "examples", example);
  const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

  step(`Packing pulumi-atlas-private-endpoint ${version} into the repo root and installing it into examples/${example}`);
  const tarball = await packedPackage(repoRoot);
  await mustSucceed(
    runCommand("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
      cwd: dir,
      echo: true,
    }),
    "npm install",
  );

  if (atlas) {
    step(`pulumi up in examples/${example} with your Pulumi login, selected stack and its config`);
    const up = spawnSync("pulumi", ["up"], { cwd: dir, stdio: "inherit" });
    process.exit(up.status ?? 1);
  }

  const simulator = await startSimulator({ port: 0, timeScale: 0.05 });
  const state = mkdtempSync(join(tmpdir(), "atlas-pe-example-"));
  mkdirSync(join(state, "home"));
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${state}`,
    // A Pulumi home of its own too: nothing of this throwaway run lands in ~/.pulumi, and runs side by side stay apart.
    PULUMI_HOME: join(state, "home"),
    PULUMI_CONFIG_PASSPHRASE: "simulator-only",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    MONGODB_ATLAS_BASE_URL: simulator.baseUrl,
    MONGODB_ATLAS_PUBLIC_API_KEY: simulator.seed.apiKey.publicKey,
    MONGODB_ATLAS_PRIVATE_API_KEY: simulator.seed.apiKey.privateKey,
    PULUMI_ATLAS_PE_TIME_SCALE: "0.05",
  };
  const pulumi = (args: string[], what: string) =>
    mustSucceed(runCommand("pulumi", [...args, "--stack", "simulator", "--non-interactive"], { cwd: dir, env, echo: true }), what);
  try {
    step(`Atlas simulator on ${simulator.baseUrl}; stack "simulator" in a throwaway backend`);
    await mustSucceed(runCommand("pulumi", ["stack", "init", "simulator", "--non-interactive"], { cwd: dir, env }), "pulumi stack init");
    for (const [key, value] of Object.entries(configFor(cloud, simulator.seed))) {
      await mustSucceed(
        runCommand("pulumi", ["config", "set", key, value, "--stack", "simulator"], { cwd: dir, env }),
        `pulumi config set ${key}`,
      );
    }
    step("pulumi up");
    await pulumi(["up", "--yes", "--skip-preview"], "pulumi up");
    step("pulumi destroy");
    await pulumi(["destroy", "--yes", "--skip-preview"], "pulumi destroy");
    step(`Done: examples/${example} created its endpoint, waited for AVAILABLE and destroyed it`);
  } finally {
    await simulator.close();
    rmSync(join(dir, "Pulumi.simulator.yaml"), { force: true });
    rmSync(state, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
