/**
 * Copies package.json's version (the one place a release's version is set) to what carries it elsewhere:
 * schema.json, provider/client/version.ts (the User-Agent) and the examples' dependency on the package. npm runs it
 * as the `version` lifecycle script, so `npm version 1.2.3` bumps, syncs and commits in one step; tests fail on any
 * copy left behind (test/release/one-version.test.ts, test/client/version.test.ts, test/provider/plugin/schema.test.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemaText } from "../provider/plugin/schema";
import { packageVersion } from "./lib/plugin-package";
import { repoRoot } from "./lib/pulumi-workspace";

/** The examples' package.json files (each cloud's journey and its existing-endpoint variant). */
export function examplePackageFiles(): string[] {
  const examples = join(repoRoot, "examples");
  const dirs = [
    ...readdirSync(examples).map((name) => join(examples, name)),
    ...readdirSync(join(examples, "existing-endpoint")).map((name) => join(examples, "existing-endpoint", name)),
  ];
  return dirs.map((dir) => join(dir, "package.json")).filter((file) => readdirSync(join(file, "..")).includes("package.json"));
}

/** What an example's package.json asks for: this minor line (0.x: this minor; see npm's caret ranges). */
export function exampleRange(version = packageVersion()): string {
  return `^${version}`;
}

function main(): void {
  const version = packageVersion();
  writeFileSync(join(repoRoot, "schema.json"), schemaText(version));
  const versionFile = join(repoRoot, "provider", "client", "version.ts");
  writeFileSync(
    versionFile,
    readFileSync(versionFile, "utf8").replace(/export const PACKAGE_VERSION = "[^"]*";/, `export const PACKAGE_VERSION = "${version}";`),
  );
  for (const file of examplePackageFiles()) {
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace(/("pulumi-atlas-private-endpoint": )"[^"]*"/, `$1"${exampleRange(version)}"`));
  }
  process.stdout.write(`synced version ${version} into schema.json, provider/client/version.ts and the examples\n`);
}

if (require.main === module) main();
