/**
 * Builds the provider plugin from this clone (README, "From a clone"; docs/plugin.md):
 *
 *   npm run plugin                 build and pack, write dist/plugin/ (the plugin folder) and its archive
 *                                  pulumi-resource-atlas-private-endpoint-v<version>.tar.gz into the repo root, and
 *                                  `pulumi plugin install resource atlas-private-endpoint <version> --file` the archive
 *   npm run plugin -- --no-install only write them: `pulumi package add <clone>/dist/plugin` in a project runs the
 *                                  plugin from that folder (through the Node.js language host), no install needed
 *
 * Then YAML programs use `type: atlas-private-endpoint:index:PrivateEndpoint` and `pulumi import` takes that token.
 * SDKs come from `pulumi package add` in a project of that language, or from schema.json through atlas-pe-gen-sdk
 * (scripts/gen-sdk); a release publishes them (npm run release).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildPluginFolder, installPlugin, packageVersion, packPlugin, PLUGIN_NAME } from "./lib/plugin-package";
import { packPackage, repoRoot } from "./lib/pulumi-workspace";

async function main(): Promise<void> {
  const install = !process.argv.includes("--no-install");
  const packageTarball = await packPackage(repoRoot, true);
  const folder = join(repoRoot, "dist", "plugin");
  rmSync(folder, { recursive: true, force: true });
  await buildPluginFolder(packageTarball, folder, true);
  process.stdout.write(`plugin folder: ${folder} (pulumi package add ${folder})\n`);
  const tarball = await packPlugin(packageTarball, repoRoot, true);
  process.stdout.write(`plugin archive: ${tarball}\n`);
  if (install) {
    await installPlugin(tarball, { echo: true });
    process.stdout.write(`installed: resource plugin ${PLUGIN_NAME} v${packageVersion()} (pulumi plugin ls shows it)\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
