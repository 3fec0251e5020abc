import { TestEnvironment } from "jest-environment-node";
import { preloadSchemeOnlyBuiltins } from "../../provider/dynamic/quiet-builtins";

/**
 * Jest's node environment, after the worker process has loaded Node's scheme-only built-ins once.
 *
 * Why: importing the package runs preloadSchemeOnlyBuiltins (provider/dynamic/quiet-builtins.ts), which
 * loads `node:ffi` with its ExperimentalWarning held back. Inside a test file `process` is jest's copy,
 * so holding the warning back there misses the worker's real process, and on Node 26 every run printed
 * "ExperimentalWarning: FFI is an experimental feature". This module runs in the worker itself, before
 * any test file: the same preload, with the same narrow hold (only ExperimentalWarnings raised by those
 * loads), leaves `node:ffi` cached, so the test files' loads stay quiet and every other warning still shows.
 */
preloadSchemeOnlyBuiltins();

export default TestEnvironment;
