import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKED_TARBALL_ENV, packPackage, prepareWorkspace } from "../../scripts/lib/pulumi-workspace";
import { WORKSPACE_ENV } from "../support/e2e-paths";

/**
 * Builds and packs the package once per run and installs it into one workspace the whole run shares
 * (read-only); each test file gets its own folder below it (test/support/e2e-environment.ts), so its
 * programs resolve the installed package.
 */
export default async function globalSetup(): Promise<void> {
  try {
    const version = execFileSync(process.env.PULUMI_BIN ?? "pulumi", ["version"], { encoding: "utf8" }).trim();
    process.stderr.write(`\n[e2e] pulumi ${version}, node ${process.version}\n`);
  } catch {
    throw new Error("e2e tests need the Pulumi CLI on PATH: run them through `bash scripts/with-tools.sh npm test`.");
  }
  const scratch = mkdtempSync(join(tmpdir(), "atlas-pe-e2e-"));
  const started = Date.now();
  const tarball = await packPackage(join(scratch, "pack"));
  process.env[WORKSPACE_ENV] = await prepareWorkspace(tarball, scratch);
  // `npm run demo` and `npm run example` (demo.test.ts, example-runner.test.ts) install this one instead of building again.
  process.env[PACKED_TARBALL_ENV] = tarball;
  process.stderr.write(`[e2e] packed and installed into ${scratch} in ${Date.now() - started} ms\n`);
}
