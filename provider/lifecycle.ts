/**
 * Every provider operation, behind one module: the serialized provider object calls into it by
 * `require`, so state holds a reference to this package rather than a copy of its code.
 */
import type { CheckResult, ConfigureRequest, DiffResult } from "@pulumi/pulumi/dynamic";
import { configure as configureCredentials } from "./credentials";
import { diffInputs } from "./diff";
import { exitWhenEngineIsGone } from "./engine-watch";
import { validateInputs } from "./inputs";

export { create } from "./create";
export { read } from "./read";
export { update } from "./update";
export { remove } from "./delete";

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
