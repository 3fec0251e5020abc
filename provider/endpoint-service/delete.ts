/**
 * EndpointService's part of delete (the rest is operations/delete.ts): an adopted service stays in
 * Atlas (other stacks may use it) unless deleteAdoptedOnDestroy is true, and Atlas refuses while
 * endpoints are registered with it.
 */
import { AtlasApiError, registeredEndpointIds, type AtlasClient } from "../client";
import type { ServiceRef } from "../vocabulary/refs";
import { describeService } from "./ids";

/** Asks Atlas to delete the service. */
export const remove = (client: AtlasClient, ref: ServiceRef): Promise<void> => client.deleteEndpointService(ref);

export const ENDPOINTS_REMAIN = "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS";

type Props = Record<string, unknown>;

export function keeps(id: string, props: Props): string | undefined {
  if (props.adopted !== true || props.deleteAdoptedOnDestroy === true) return undefined;
  return (
    `endpoint service ${typeof props.endpointServiceId === "string" ? props.endpointServiceId : id}: adopted from the project, so it stays in Atlas ` +
    "(other stacks may use it); set deleteAdoptedOnDestroy: true to delete it with this resource"
  );
}

/** Atlas refuses while endpoints are registered: name them and what to destroy first. Any other refusal stands. */
export async function refused(_service: unknown, client: AtlasClient, ref: ServiceRef, refusal: Error): Promise<void> {
  if (!(refusal instanceof AtlasApiError) || (refusal.errorCode !== ENDPOINTS_REMAIN && refusal.status !== 409)) throw refusal;
  let endpoints: string[] = [];
  try {
    endpoints = registeredEndpointIds(await client.getEndpointService(ref)) ?? [];
  } catch {
    // The refusal itself is the answer; the names only help.
  }
  const listed = endpoints.length > 0 ? `: ${endpoints.join(", ")}` : "";
  throw new Error(
    `Atlas will not delete ${describeService(ref)} while endpoints are registered with it${listed} (${refusal.message}). ` +
      "Destroy the PrivateEndpoint resources that register them first (in one stack Pulumi does so when they depend on this service's endpointServiceId), " +
      "or remove the endpoints from Atlas, then run `pulumi destroy` again.",
    { cause: refusal },
  );
}
