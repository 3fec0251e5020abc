import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { packageVersion } from "../../scripts/lib/plugin-package";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { examplePackageFiles, exampleRange } from "../../scripts/sync-version";

test("the examples ask for the package by name at package.json's version, never for a tarball path", () => {
  const asked = examplePackageFiles().map((file) => [
    relative(repoRoot, file),
    (JSON.parse(readFileSync(file, "utf8")) as { dependencies: Record<string, string> }).dependencies["pulumi-atlas-private-endpoint"],
  ]);
  expect(asked.length).toBe(6);
  expect(asked).toEqual(asked.map(([file]) => [file, exampleRange(packageVersion())]));
});

test("npm version syncs every copy of the version: the lifecycle script runs scripts/sync-version.ts and stages what it wrote", () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(manifest.scripts.version).toBe("tsx scripts/sync-version.ts && git add schema.json provider/client/version.ts examples");
});
