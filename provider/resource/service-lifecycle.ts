/**
 * Every EndpointService operation, behind one module: its serialized provider object calls into it
 * by `require` through the stable path provider/endpoint-service-lifecycle.ts, like PrivateEndpoint's.
 */
import type { CheckResult, ConfigureRequest, DiffResult } from "@pulumi/pulumi/dynamic";
import { diffServiceInputs } from "../operations/service/diff";
import { validateServiceInputs } from "../vocabulary/service-inputs";
import { configure as configureEndpoint } from "./lifecycle";

export { createService as create } from "../operations/service/create";
export { readService as read } from "../operations/service/read";
export { updateService as update } from "../operations/service/update";
export { removeServiceResource as remove } from "../operations/service/delete";

/** The same configuration as PrivateEndpoint's: credentials and base URL, once per provider process. */
export function configure(request: ConfigureRequest): void {
  configureEndpoint(request);
}

/** Pure: no network, no credentials, so previews work without Atlas access. */
export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult {
  return validateServiceInputs(news);
}

/** Pure: replace, delete-before-replace or update from inputs and recorded outputs. */
export function diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  return diffServiceInputs(id, olds, news);
}
