/**
 * Builds the provider plugin tarball from this clone and installs it into your Pulumi plugin cache:
 *
 *   npm run plugin                 build + pack, write pulumi-resource-atlas-private-endpoint-v<version>.tar.gz into
 *                                  the repo root, and `pulumi plugin install resource atlas-private-endpoint <version> --file` it
 *   npm run plugin -- --no-install only write the tarball (to commit next to a program, or hand to CI)
 *
 * After it, YAML programs use `type: atlas-private-endpoint:index:PrivateEndpoint`, `pulumi import` takes
 * that token, and `pulumi package gen-sdk` makes SDKs (see README, "The provider plugin").
 */
import { packPackage, repoRoot } from "./lib/pulumi-workspace";
import { installPlugin, packageVersion, packPlugin, PLUGIN_NAME } from "./lib/plugin-package";

async function main(): Promise<void> {
  const install = !process.argv.includes("--no-install");
  const packageTarball = await packPackage(repoRoot, true);
  const tarball = await packPlugin(packageTarball, repoRoot, true);
  process.stdout.write(`plugin tarball: ${tarball}\n`);
  if (install) {
    await installPlugin(tarball, { echo: true });
    process.stdout.write(`installed: resource plugin ${PLUGIN_NAME} v${packageVersion()} (pulumi plugin ls shows it)\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
