/**
 * The provider plugin as Pulumi installs plugins: a tarball with the executable
 * `pulumi-resource-atlas-private-endpoint` at its root. The plugin is this package's own code run by Node, so
 * the tarball holds a production install of the packed package (with @pulumi/pulumi, its peer) and a
 * launcher; `pulumi plugin install resource atlas-private-endpoint <version> --file <tarball>` unpacks it into
 * the plugin cache, where the engine, YAML programs, `pulumi import` and `pulumi package gen-sdk` find it.
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

/** Builds the plugin tarball from a packed package tarball (packPackage); returns its path in `destination`. */
export async function packPlugin(packageTarball: string, destination: string, echo = false): Promise<string> {
  const version = packageVersion();
  mkdirSync(destination, { recursive: true });
  const stage = mkdtempSync(join(destination, ".plugin-stage-"));
  const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  writeFileSync(
    join(stage, "package.json"),
    JSON.stringify(
      {
        name: `${PLUGIN_EXECUTABLE}-bundle`,
        private: true,
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
  const tarball = join(destination, `${PLUGIN_EXECUTABLE}-v${version}.tar.gz`);
  await mustSucceed(runCommand("tar", ["-czf", `${tarball}.tmp`, "-C", stage, "."], { cwd: stage }), "tar (plugin bundle)");
  renameSync(`${tarball}.tmp`, tarball);
  rmSync(stage, { recursive: true, force: true });
  return tarball;
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
