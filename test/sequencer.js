const { existsSync, readFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

/**
 * Jest's order (files that failed last time first, then the slowest first, so no worker idles at the end),
 * with one addition: where jest has no timing of its own yet (a fresh clone, a new cache directory), a file's
 * time comes from the per-file table the project records (docs/timings/after.json, `npm run timings`) instead of
 * its size. The e2e files are small and slow: ordered by size, the slowest of them would start last.
 */
class RecordedTimesFirst extends Sequencer {
  constructor(options) {
    super(options);
    const recorded = join(__dirname, "..", "docs", "timings", "after.json");
    this.recorded = existsSync(recorded) ? JSON.parse(readFileSync(recorded, "utf8")).files : {};
  }

  time(test) {
    return super.time(test) ?? this.recorded[relative(test.context.config.rootDir, test.path)]?.ms;
  }
}
module.exports = RecordedTimesFirst;
