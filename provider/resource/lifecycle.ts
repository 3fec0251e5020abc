/**
 * Every provider operation, behind one module: the serialized provider object calls into it by
 * `require` (through the stable path provider/lifecycle.ts), so state holds a reference to this
 * package rather than a copy of its code.
 */
import type { CheckResult, ConfigureRequest, DiffResult } from "@pulumi/pulumi/dynamic";
import { configure as configureCredentials } from "../host/connection";
import { exitWhenEngineIsGone } from "../host/stderr";
import { diffInputs } from "../operations/diff";
import { validateInputs } from "../vocabulary/inputs";

export { create } from "../operations/create";
export { read } from "../operations/read";
export { update } from "../operations/update";
export { remove } from "../operations/delete";

/** Stack config arrives once per provider process; only credentials and base URL are kept. */
export function configure(request: ConfigureRequest): void {
  // configure runs once per provider host process, and only there.
  exitWhenEngineIsGone();
  configureCredentials(request.config);
}

/** Pure: no network, no credentials, so previews work without Atlas access. */
export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult {
  return validateInputs(news);
}

/** Pure: decides replace, delete-before-replace or update from inputs and recorded outputs. */
export function diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  return diffInputs(id, olds, news);
}
