/**
 * Builds the plugin's Python SDK from this clone, as the release publishes it:
 *
 *   npm run python-sdk    generate it from schema.json (atlas-pe-gen-sdk) and build its wheel and sdist with
 *                         `python -m build` into dist/python/ (pulumi_atlas_private_endpoint-<version>-*.whl, .tar.gz)
 *
 * Then `pip install dist/python/pulumi_atlas_private_endpoint-<version>-py3-none-any.whl` in a Python program's venv,
 * with the provider plugin installed (`npm run plugin`): see docs/python.md. Run it through scripts/with-tools.sh.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { repoRoot } from "./lib/pulumi-workspace";
import { buildPythonSdk } from "./lib/python-sdk";

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "atlas-pe-python-sdk-"));
  try {
    const { wheel, sdist } = await buildPythonSdk(scratch);
    const out = join(repoRoot, "dist", "python");
    mkdirSync(out, { recursive: true });
    for (const file of [wheel, sdist]) {
      copyFileSync(file, join(out, basename(file)));
      process.stdout.write(`${join(out, basename(file))}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
