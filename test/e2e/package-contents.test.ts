import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";

// In the e2e project because its global setup has just built dist/ (npm run build), as `npm publish` would.
interface DryRun {
  name: string;
  version: string;
  files: { path: string }[];
}

test("npm publish --dry-run ships only what users need: dist/provider code and types, README, LICENSE, package.json", async () => {
  const result = await runCommand("npm", ["publish", "--dry-run", "--json", "--ignore-scripts"], { cwd: repoRoot });
  if (result.code !== 0) throw new Error(`npm publish --dry-run exited ${result.code}\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as Record<string, DryRun>;
  const packed = report["pulumi-atlas-private-endpoint"]!;
  const paths = packed.files.map((f) => f.path).sort();

  expect(paths.filter((path) => !/^(dist\/provider\/.+\.(js|d\.ts)|README\.md|LICENSE|package\.json)$/.test(path))).toEqual([]);
  expect(paths).toEqual(
    expect.arrayContaining([
      "LICENSE",
      "README.md",
      "package.json",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/lifecycle.js",
    ]),
  );
  // Every stable require path the serialized providers in state name (provider/lifecycle.ts, provider/<resource>-lifecycle.ts).
  const stablePaths = readdirSync(join(repoRoot, "provider")).filter((file) => /^(.+-)?lifecycle\.ts$/.test(file));
  expect(stablePaths.length).toBeGreaterThanOrEqual(2);
  expect(paths).toEqual(expect.arrayContaining(stablePaths.map((file) => `dist/provider/${file.replace(/\.ts$/, ".js")}`)));
});

test("the LICENSE file is the Apache-2.0 text that package.json names", () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { license: string };
  expect(manifest.license).toBe("Apache-2.0");
  const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");
  expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(license).toMatch(/END OF TERMS AND CONDITIONS/);
});
