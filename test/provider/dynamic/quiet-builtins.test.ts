import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * In a child on the Node running the tests (CI runs 22, 24 and 26): optionally load the PrivateEndpoint
 * module, then `require` every built-in as @pulumi/pulumi's closure serializer does
 * (runtime/closure/createClosure.js computeBuiltInModules), and return what was printed on stderr.
 */
function serializerLoadsBuiltins(loadPackageFirst: boolean): string {
  const module = resolve(__dirname, "../../../provider/private-endpoint/resource.ts");
  const script = `
    require("tsx/cjs");
    if (${loadPackageFirst}) require(${JSON.stringify(module)});
    const excludes = ["punycode", "sys", "wasi"];
    for (const name of require("node:module").builtinModules.filter((n) => !n.startsWith("_") && !excludes.includes(n))) require(name);
  `;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  expect(child.status).toBe(0);
  return child.stderr;
}

test("serializing a PrivateEndpoint prints no ExperimentalWarning for built-ins it never uses (Node 26: FFI)", () => {
  expect(serializerLoadsBuiltins(true)).not.toContain("ExperimentalWarning");
  // The fault the preload answers, where this Node has it (node:ffi is listed from Node 26 on; 22 and
  // 24 list no scheme-only built-ins, and the rule itself is checked on every Node below).
  if (builtinModules.includes("node:ffi")) {
    expect(serializerLoadsBuiltins(false)).toContain("ExperimentalWarning: FFI is an experimental feature");
  }
});

/** In a child: preload a module that raises `type` on its first load, then raise one more warning; returns stderr. */
function preloadWarningModule(type: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "quiet-builtins-")), "warns.js");
  writeFileSync(file, `process.emitWarning("made-up feature: raised while loading", ${JSON.stringify(type)});\n`);
  const module = resolve(__dirname, "../../../provider/dynamic/quiet-builtins.ts");
  const script = `
    require("tsx/cjs");
    require(${JSON.stringify(module)}).preloadSchemeOnlyBuiltins([${JSON.stringify(file)}]);
    process.emitWarning("raised after the preload", "ExperimentalWarning");
  `;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  expect(child.status).toBe(0);
  return child.stderr;
}

test("the preload holds back an ExperimentalWarning its loads raise, and only while they run", () => {
  const stderr = preloadWarningModule("ExperimentalWarning");
  expect(stderr).not.toContain("raised while loading");
  expect(stderr).toContain("ExperimentalWarning: raised after the preload");
});

test("the preload passes on every other warning its loads raise", () => {
  expect(preloadWarningModule("DeprecationWarning")).toContain("DeprecationWarning: made-up feature: raised while loading");
});
