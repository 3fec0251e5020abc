import { endpointRefOf } from "./atlas";
import type { EndpointRef } from "./client";
import { resolveInputs } from "./inputs";
import { parseResourceId } from "./resource-id";

/**
 * The Atlas endpoint a resource in state names. The id is authoritative (it holds what Atlas
 * answered at create); the recorded inputs are the fallback for ids this format did not write.
 */
export function endpointRefFor(id: string, props: Record<string, unknown>): EndpointRef {
  try {
    return parseResourceId(id);
  } catch (idError) {
    try {
      return endpointRefOf(resolveInputs(props));
    } catch {
      throw idError;
    }
  }
}
