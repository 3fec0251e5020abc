import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { resolve } from "node:path";

/**
 * In a child on the Node running the tests (CI runs 22, 24 and 26): optionally load the PrivateEndpoint
 * module, then `require` every built-in as @pulumi/pulumi's closure serializer does
 * (runtime/closure/createClosure.js computeBuiltInModules), and return what was printed on stderr.
 */
function serializerLoadsBuiltins(loadPackageFirst: boolean): string {
  const module = resolve(__dirname, "../../../provider/resource/private-endpoint.ts");
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
});

// The fault the preload answers, where this Node has it (node:ffi is listed from Node 26 on).
(builtinModules.includes("node:ffi") ? test : test.skip)(
  "without the package loaded first, the same loads print Node's FFI warning",
  () => {
    expect(serializerLoadsBuiltins(false)).toContain("ExperimentalWarning: FFI is an experimental feature");
  },
);
