/**
 * `npm run test:atlas` and `npm run atlas:sweep` are opt-in: without Atlas credentials and a project
 * they say in one line what they need and exit 0, touching nothing.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ENV_KEYS } from "../../provider/host/connection";

const run = promisify(execFile);
const root = resolve(__dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** The test's own env minus every Atlas variable, so a maintainer's shell cannot make these run for real. */
function envWithout(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [...Object.values(ENV_KEYS).flat(), "MONGODB_ATLAS_PROJECT_ID"]) delete env[name];
  return env;
}

async function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [join(root, "scripts", "atlas-lane", script)], { cwd: root, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

test("without credentials or a project, test:atlas prints one line naming both and exits 0", async () => {
  const result = await runScript("cli.ts", envWithout());
  expect(result).toEqual({
    code: 0,
    stdout:
      "test:atlas skipped: set Atlas credentials (MONGODB_ATLAS_PUBLIC_API_KEY + MONGODB_ATLAS_PRIVATE_API_KEY, or MONGODB_ATLAS_CLIENT_ID + MONGODB_ATLAS_CLIENT_SECRET) and a project id (MONGODB_ATLAS_PROJECT_ID) to run the real-Atlas lane (docs/atlas-lane.md)\n",
    stderr: "",
  });
});

test("with credentials but no project, test:atlas names only the project id and exits 0", async () => {
  const result = await runScript("cli.ts", {
    ...envWithout(),
    MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_x",
    MONGODB_ATLAS_CLIENT_SECRET: "not-a-secret",
  });
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(
    "test:atlas skipped: set a project id (MONGODB_ATLAS_PROJECT_ID) to run the real-Atlas lane (docs/atlas-lane.md)\n",
  );
});

test("without credentials, atlas:sweep says what it needs and exits 0", async () => {
  const result = await runScript("sweep-cli.ts", { ...envWithout(), MONGODB_ATLAS_PROJECT_ID: "0123456789abcdef01234567" });
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^atlas:sweep skipped: set Atlas credentials \(.*\) to sweep a project \(docs\/atlas-lane\.md\)\n$/);
});
