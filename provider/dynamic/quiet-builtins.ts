import { builtinModules } from "node:module";

/**
 * Loads Node's scheme-only built-ins (`node:ffi`, `node:sqlite`, `node:test`, ...) once, with the
 * ExperimentalWarning their first load may print held back.
 *
 * Why: serializing the dynamic provider (@pulumi/pulumi's runtime/closure/createClosure.js,
 * computeBuiltInModules) `require`s every name in `module.builtinModules` to recognise built-in module
 * objects. Node 26 lists the experimental `node:ffi` there, so every `pulumi up` on Node 26 printed
 * "ExperimentalWarning: FFI is an experimental feature" in the program's diagnostics, though nothing
 * uses FFI. Node warns once per feature, on first load: loaded here first, the serializer's later
 * `require` finds it cached and stays quiet. Only ExperimentalWarnings raised by these loads are held
 * back, and only while they run; a module that fails to load is left to the serializer as before.
 */
export function preloadSchemeOnlyBuiltins(schemeOnly = builtinModules.filter((name) => name.startsWith("node:"))): void {
  if (schemeOnly.length === 0) return;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const name = warning instanceof Error ? warning.name : type;
    if (name === "ExperimentalWarning") return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    for (const name of schemeOnly) {
      try {
        require(name);
      } catch {
        // Not loadable here (a build without it): the serializer meets the same error it always did.
      }
    }
  } finally {
    process.emitWarning = emitWarning;
  }
}
