import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { buildPluginFolder, PLUGIN_NAME } from "../../scripts/lib/plugin-package";
import type { PulumiStack } from "../../scripts/lib/pulumi-workspace";
import { pluginArchives, releaseSchema } from "../../scripts/lib/release-artifacts";
import { workspace } from "./cli-harness";

/**
 * The plugin as releases ship it, for the e2e tests of the routes Pulumi users install it by (`pulumi package add`,
 * automatic plugin acquisition): each built into the calling test file's own temp folders under the e2e workspace,
 * from the package the e2e global setup packed.
 */
export function packedPackage(): string {
  const packDir = join(workspace(), "pack");
  const packed = readdirSync(packDir).find((file) => file.endsWith(".tgz"));
  if (!packed) throw new Error(`no packed package in ${packDir}: the e2e global setup did not run`);
  return join(packDir, packed);
}

/** A plugin folder (what `npm run plugin` leaves in dist/plugin): `pulumi package add <folder>` runs it with Node. */
export async function pluginFolder(): Promise<string> {
  const folder = mkdtempSync(join(workspace(), "plugin-folder-"));
  await buildPluginFolder(packedPackage(), folder);
  return folder;
}

/** A folder holding the plugin archives a release attaches, one per platform. */
export async function releaseAssets(): Promise<string> {
  const assets = mkdtempSync(join(workspace(), "release-assets-"));
  await pluginArchives(packedPackage(), assets);
  return assets;
}

/** The CLI's name for this machine's platform, as in the archive names (`linux-amd64`). */
export function cliPlatform(): string {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string] ?? process.arch;
  return `${process.platform}-${arch}`;
}

/** The lock file `pulumi package add` writes for a YAML project: sdks/<name>/<name>-<version>.yaml. */
export function packageLock(stack: PulumiStack): { name: string; version?: string; downloadUrl?: string } | undefined {
  const file = join(stack.dir, "sdks", PLUGIN_NAME, `${PLUGIN_NAME}-${releaseSchema().version}.yaml`);
  return existsSync(file) ? parse(readFileSync(file, "utf8")) : undefined;
}

/** The `packages:` section of the stack's Pulumi.yaml. */
export function projectPackages(stack: PulumiStack): Record<string, unknown> {
  return (parse(readFileSync(join(stack.dir, "Pulumi.yaml"), "utf8")) as { packages?: Record<string, unknown> }).packages ?? {};
}

/** The resource plugins in the stack's PULUMI_HOME plugin cache, as `pulumi plugin ls --json` lists them. */
export async function installedPlugins(stack: PulumiStack): Promise<{ name: string; version: string }[]> {
  const listed = await stack.run(["plugin", "ls", "--json"], { echo: false });
  if (listed.code !== 0) throw new Error(`pulumi plugin ls exited ${listed.code}\n${listed.stderr}`);
  return (JSON.parse(listed.stdout || "[]") as { name: string; kind: string; version: string }[]).filter((p) => p.kind === "resource");
}
