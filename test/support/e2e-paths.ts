/** Where the e2e run keeps what it shares, and where each test file keeps its own: env variable names. */

/** The run's workspace: the packed package installed once by test/e2e/global-setup.ts. */
export const WORKSPACE_ENV = "ATLAS_PE_E2E_WORKSPACE";

/** One test file's own folder below the workspace (test/support/e2e-environment.ts). */
export const FILE_DIR_ENV = "ATLAS_PE_E2E_FILE_DIR";
