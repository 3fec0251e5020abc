import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The TypeScript snippets of README and the docs pages (docs/*.md, where README's reference moved) are excerpts of
 * programs the tests typecheck and run (the examples, under setMocks and tsc; the e2e fixtures, through the CLI):
 * each snippet's lines appear, in order and contiguous, in one of them. Their YAML programs are excerpts of the e2e
 * fixtures' Pulumi.yaml files, which the plugin tests run. A snippet edited in a page alone fails here.
 */
const root = join(__dirname, "../..");

function programs(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules") return [];
    if (statSync(path).isDirectory()) return programs(path);
    return entry === "index.ts" ? [path] : [];
  });
}

const lines = (text: string) => text.split("\n").map((line) => line.trimEnd());
// The pages a user reads (README and where its reference moved); contributor pages (docs/client.md, simulator.md)
// show internal APIs, not programs.
const pages = [
  "README.md",
  ...["_index", "installation-configuration", "usage", "plugin", "pr-previews", "guarantees"].map((page) => `docs/${page}.md`),
];
const blocks = (language: string) =>
  pages.flatMap((page) =>
    [...readFileSync(join(root, page), "utf8").matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((match) =>
      lines(match[1] ?? "").filter(Boolean),
    ),
  );
const snippets = blocks("ts");
const sources = [...programs(join(root, "examples")), ...programs(join(root, "test/e2e/fixtures"))].map((path) => ({
  path: relative(root, path),
  lines: lines(readFileSync(path, "utf8")).filter(Boolean),
}));

function containsInOrder(haystack: string[], needle: string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((line, offset) => haystack[start + offset] === line)) return true;
  }
  return false;
}

test("README has TypeScript snippets to check", () => {
  expect(snippets.length).toBeGreaterThanOrEqual(5);
});

test.each(snippets.map((snippet, index) => [index + 1, snippet] as const))(
  "README snippet %i is an excerpt of a tested program",
  (_index, snippet) => {
    const found = sources.filter((source) => containsInOrder(source.lines, snippet));
    if (found.length === 0) throw new Error(`no example or fixture contains these lines as they are:\n${snippet.join("\n")}`);
  },
);

const fixturePrograms = readdirSync(join(root, "test/e2e/fixtures"))
  .map((dir) => join(root, "test/e2e/fixtures", dir, "Pulumi.yaml"))
  .filter((file) => existsSync(file))
  .map((file) => lines(readFileSync(file, "utf8")).filter(Boolean));

test.each(blocks("yaml").map((snippet, index) => [index + 1, snippet] as const))(
  "docs YAML program %i is an excerpt of an e2e fixture the tests run",
  (_index, snippet) => {
    if (!fixturePrograms.some((program) => containsInOrder(program, snippet))) {
      throw new Error(`no e2e fixture's Pulumi.yaml contains these lines as they are:\n${snippet.join("\n")}`);
    }
  },
);

// The same for Python snippets (README and docs/python.md) and the Python programs the e2e tests run.
const pythonSnippets = [...pages, "docs/python.md"].flatMap((doc) =>
  [...readFileSync(join(root, doc), "utf8").matchAll(/^```python\n([\s\S]*?)^```$/gm)].map(
    (match, index) => [`${doc} Python snippet ${index + 1}`, lines(match[1] ?? "").filter(Boolean)] as const,
  ),
);
const pythonSources = readdirSync(join(root, "test/e2e/fixtures"))
  .map((fixture) => join(root, "test/e2e/fixtures", fixture, "__main__.py"))
  .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile())
  .map((path) => ({ path: relative(root, path), lines: lines(readFileSync(path, "utf8")).filter(Boolean) }));

test("README and docs/python.md have Python snippets to check", () => {
  expect(pythonSnippets.length).toBeGreaterThanOrEqual(2);
});

test.each(pythonSnippets)("%s is an excerpt of a Python program the e2e tests run", (_name, snippet) => {
  const found = pythonSources.filter((source) => containsInOrder(source.lines, snippet));
  if (found.length === 0) throw new Error(`no Python fixture contains these lines as they are:\n${snippet.join("\n")}`);
});
