import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { merge, renderTable, writeTable } from "../../scripts/timing-table";

const run = (finishedAt: string, files: number, wallMs: number) => ({
  finishedAt,
  wallMs,
  files,
  tests: 3,
  failed: 0,
  skipped: 0,
  maxWorkers: 4,
});

test("a later run replaces the times of the files it ran and keeps the others", () => {
  const first = merge(
    { runs: [], files: {} },
    {
      run: run("2026-01-01T00:00:00Z", 2, 9_000),
      files: { "test/a.test.ts": { project: "unit", ms: 1_000, tests: 1 }, "test/b.test.ts": { project: "e2e", ms: 8_000, tests: 2 } },
    },
  );
  const second = merge(first, {
    run: run("2026-01-02T00:00:00Z", 1, 500),
    files: { "test/a.test.ts": { project: "unit", ms: 400, tests: 1 } },
  });
  expect(second.files["test/a.test.ts"]).toMatchObject({ ms: 400, finishedAt: "2026-01-02T00:00:00Z" });
  expect(second.files["test/b.test.ts"]).toMatchObject({ ms: 8_000, finishedAt: "2026-01-01T00:00:00Z" });
  expect(second.runs).toHaveLength(2);
});

test("the table lists every file slowest first with both sides, the sums, and each side's last whole run", () => {
  const before = merge(
    { runs: [], files: {} },
    {
      run: run("2026-01-01T00:00:00Z", 2, 130_000),
      files: { "test/a.test.ts": { project: "unit", ms: 120_000, tests: 2 }, "test/b.test.ts": { project: "e2e", ms: 10_000, tests: 1 } },
    },
  );
  const after = merge(
    { runs: [], files: {} },
    {
      run: run("2026-02-01T00:00:00Z", 3, 40_000),
      files: {
        "test/a.test.ts": { project: "unit", ms: 5_000, tests: 2 },
        "test/b.test.ts": { project: "e2e", ms: 30_000, tests: 1 },
        "test/c.test.ts": { project: "e2e", ms: 1_000, tests: 1 },
      },
    },
  );
  const lines = renderTable(before, after).split("\n");
  expect(lines.slice(2, 6)).toEqual([
    "| test/b.test.ts | e2e | 1 | 1 | 10.0 | 30.0 |",
    "| test/a.test.ts | unit | 2 | 2 | 120.0 | 5.0 |",
    "| test/c.test.ts | e2e |  | 1 |  | 1.0 |",
    "| **sum of the files' own times** | | 3 | 4 | 130.0 | 36.0 |",
  ]);
  expect(lines).toContain(
    "before: jest 130.0 s wall for 3 tests in 2 files (0 skipped, 0 failed), 4 workers, Node ?, 2026-01-01T00:00:00Z",
  );
  expect(lines).toContain("after: jest 40.0 s wall for 3 tests in 3 files (0 skipped, 0 failed), 4 workers, Node ?, 2026-02-01T00:00:00Z");
});

test("the table replaces only what lies between the markers, and a page without them is refused", () => {
  const doc = join(mkdtempSync(join(tmpdir(), "timing-table-")), "development.md");
  writeFileSync(doc, "# Dev\n\n<!-- timings:begin (npm run timings) -->\nold table\n<!-- timings:end -->\n\nafter\n");
  writeTable("| new |", doc);
  expect(readFileSync(doc, "utf8")).toBe("# Dev\n\n<!-- timings:begin (npm run timings) -->\n| new |\n<!-- timings:end -->\n\nafter\n");
  writeFileSync(doc, "# Dev\n");
  expect(() => writeTable("| new |", doc)).toThrow(
    /has no "<!-- timings:begin \(npm run timings\) -->" \.\.\. "<!-- timings:end -->" section/,
  );
});
