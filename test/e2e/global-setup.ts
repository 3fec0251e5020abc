import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packPackage, prepareWorkspace } from "../../scripts/lib/pulumi-workspace";

/** Packs the package once and installs it into one shared workspace; each test file puts its programs below it. */
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
  process.env.ATLAS_PE_E2E_WORKSPACE = await prepareWorkspace(tarball, scratch);
  process.stderr.write(`[e2e] packed and installed into ${scratch} in ${Date.now() - started} ms\n`);
}
