/**
 * The provider plugin as Pulumi installs plugins: a folder (packed as a tarball) with the executable
 * `pulumi-resource-atlas-private-endpoint` at its root. The plugin is this package's own code run by Node, so
 * the folder holds a production install of the packed package (with @pulumi/pulumi, its peer) and a
 * launcher; `pulumi plugin install resource atlas-private-endpoint <version> --file <tarball>`, or the CLI by
 * itself from the schema's pluginDownloadURL, unpacks it into the plugin cache, where the engine, YAML programs,
 * `pulumi import` and `pulumi package add` find it. The same folder is also a Node.js source plugin
 * (PulumiPlugin.yaml, package.json `main`): `pulumi package add <folder>` runs it through the Node.js language
 * host's RunPlugin.
 *
 * Nothing in it is native code, so one archive serves every platform; a release attaches it under each name the
 * CLI asks for (releaseArchiveName).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mustSucceed, repoRoot } from "./pulumi-workspace";
import { type RunOptions, runCommand } from "./run-command";

export const PLUGIN_NAME = "atlas-private-endpoint";
export const PLUGIN_EXECUTABLE = `pulumi-resource-${PLUGIN_NAME}`;

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
}

const LAUNCHER = `#!/bin/sh
# The engine runs this from the plugin's folder; the plugin is pulumi-atlas-private-endpoint's
# dist/provider/plugin/main.js, run by Node.js >= 22 from PATH.
exec node "$(dirname "$0")/node_modules/pulumi-atlas-private-endpoint/dist/provider/plugin/main.js" "$@"
`;

/** What a Node.js language host's RunPlugin runs: `node @pulumi/pulumi/cmd/run-plugin <folder> ARGS`. */
const PLUGIN_PROJECT = `# A Node.js source plugin: \`pulumi package add <this folder>\` runs it through the Node.js language host.
runtime:
  name: nodejs
  options:
    typescript: false
`;

const SOURCE_ENTRY = `// run-plugin requires this folder and calls what it exports, with the engine's arguments in process.argv.
module.exports = () => require("pulumi-atlas-private-endpoint/dist/provider/plugin/main.js").serve(process.argv.slice(2));
`;

/** The platforms a release attaches the archive for: the CLI's os and arch names (no Windows: the launcher is sh). */
export const RELEASE_PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64"] as const;

/** The asset name the CLI downloads for a plugin version and platform (`pulumi-<kind>-<name>-v<version>-<os>-<arch>.tar.gz`). */
export function releaseArchiveName(version: string, platform: (typeof RELEASE_PLATFORMS)[number]): string {
  return `${PLUGIN_EXECUTABLE}-v${version}-${platform}.tar.gz`;
}

/** Builds the plugin tarball from a packed package tarball (packPackage); returns its path in `destination`. */
export async function packPlugin(packageTarball: string, destination: string, echo = false): Promise<string> {
  const version = packageVersion();
  mkdirSync(destination, { recursive: true });
  const stage = mkdtempSync(join(destination, ".plugin-stage-"));
  await buildPluginFolder(packageTarball, stage, echo);
  const tarball = join(destination, `${PLUGIN_EXECUTABLE}-v${version}.tar.gz`);
  await mustSucceed(runCommand("tar", ["-czf", `${tarball}.tmp`, "-C", stage, "."], { cwd: stage }), "tar (plugin bundle)");
  renameSync(`${tarball}.tmp`, tarball);
  rmSync(stage, { recursive: true, force: true });
  return tarball;
}

/** Writes the plugin folder (launcher, source-plugin files, production install of the package) into `folder`. */
export async function buildPluginFolder(packageTarball: string, folder: string, echo = false): Promise<void> {
  const stage = folder;
  mkdirSync(stage, { recursive: true });
  const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  writeFileSync(
    join(stage, "package.json"),
    JSON.stringify(
      {
        name: `${PLUGIN_EXECUTABLE}-bundle`,
        version: packageVersion(),
        private: true,
        main: "index.js",
        dependencies: {
          "pulumi-atlas-private-endpoint": `file:${packageTarball}`,
          "@pulumi/pulumi": rootPackage.devDependencies["@pulumi/pulumi"],
        },
      },
      null,
      2,
    ),
  );
  await mustSucceed(
    runCommand("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "--install-links"], {
      cwd: stage,
      echo,
    }),
    "npm install (plugin bundle)",
  );
  writeFileSync(join(stage, PLUGIN_EXECUTABLE), LAUNCHER);
  chmodSync(join(stage, PLUGIN_EXECUTABLE), 0o755);
  writeFileSync(join(stage, "PulumiPlugin.yaml"), PLUGIN_PROJECT);
  writeFileSync(join(stage, "index.js"), SOURCE_ENTRY);
}

/** `pulumi plugin install` of the tarball into the plugin cache of `env.PULUMI_HOME` (or ~/.pulumi). */
export async function installPlugin(tarball: string, options: Partial<RunOptions> = {}): Promise<void> {
  await mustSucceed(
    runCommand(
      process.env.PULUMI_BIN ?? "pulumi",
      ["plugin", "install", "resource", PLUGIN_NAME, packageVersion(), "--file", tarball, "--reinstall"],
      { cwd: repoRoot, ...options },
    ),
    "pulumi plugin install",
  );
}
