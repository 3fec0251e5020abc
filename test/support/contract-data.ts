import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The pinned Atlas contract data: the OpenAPI extracts (`atlas-openapi/`) and the recordings of real
 * Atlas (`atlas-recordings/`). ATLAS_CONTRACT_DIR names the folder (GitHub CI fetches it there with
 * scripts/fetch-contract-data.sh); by default it is `../shared` next to the repo. A user's clone has
 * neither, and the tests that need the data skip there; under CI they fail instead, so a CI run that
 * lost the data cannot pass with those checks silently gone.
 */
export const CONTRACT_DIR = resolve(process.env.ATLAS_CONTRACT_DIR ?? resolve(__dirname, "../../../shared"));

export const contractPath = (relative: string, dir = CONTRACT_DIR) => resolve(dir, relative);

/** CI=true (GitHub Actions, .ci/run's callers); CI=false or unset is a developer's machine. */
const inCi = (env: NodeJS.ProcessEnv) => env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";

const warned = new Set<string>();

/**
 * True when `relative` exists under the contract folder. Missing: throws under CI (naming the path and
 * how to get it); elsewhere warns once per path and returns false so the caller skips.
 */
export function contractDataPresent(relative: string, what: string, dir = CONTRACT_DIR, env = process.env): boolean {
  const path = contractPath(relative, dir);
  if (existsSync(path)) return true;
  const missing = `${what}: ${path} not found`;
  if (inCi(env))
    throw new Error(`${missing}. CI must have the contract data: run scripts/fetch-contract-data.sh DIR and set ATLAS_CONTRACT_DIR=DIR`);
  if (!warned.has(path)) {
    warned.add(path);
    console.warn(`${missing} (set ATLAS_CONTRACT_DIR, or put ../shared next to the repo): skipping those checks`);
  }
  return false;
}
