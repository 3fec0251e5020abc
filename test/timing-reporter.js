const { mkdirSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");

/**
 * Writes jest's own per-file timing of the run that just ended to `.jest-timings.json` (or the file
 * ATLAS_PE_TIMINGS names): each test file's duration as jest measured it, its project and test
 * counts, and the run's wall time. `npm run timings` turns these into the table in docs/development.md,
 * so the next slow file is visible without reading jest's log.
 */
class TimingReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.maxWorkers = globalConfig.maxWorkers;
  }

  onRunComplete(_contexts, results) {
    const files = {};
    for (const file of results.testResults) {
      const { perfStats } = file;
      files[relative(this.rootDir, file.testFilePath)] = {
        project: file.displayName?.name ?? "",
        ms: Math.round(perfStats.runtime ?? perfStats.end - perfStats.start),
        tests: file.numPassingTests + file.numFailingTests + file.numPendingTests + file.numTodoTests,
        passed: file.numPassingTests,
        failed: file.numFailingTests + (file.testExecError ? 1 : 0),
        skipped: file.numPendingTests + file.numTodoTests,
      };
    }
    const run = {
      finishedAt: new Date().toISOString(),
      wallMs: Date.now() - results.startTime,
      maxWorkers: this.maxWorkers,
      node: process.version,
      files: results.testResults.length,
      tests: results.numTotalTests,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const out = process.env.ATLAS_PE_TIMINGS ?? join(this.rootDir, ".jest-timings.json");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ run, files }, null, 2)}\n`);
  }
}
module.exports = TimingReporter;
