/** PrivateEndpoint's part of delete (the rest is operations/delete.ts): a refused DELETE may be one already under way. */
import { isAtlasNotFound, type AtlasClient, type AtlasEndpoint } from "../client";
import type { EndpointRef } from "../vocabulary/refs";
import type { Watched } from "../waiting/watched";
import { goneTwiceFor } from "../waiting/gone";
import { observe } from "./statuses";

/** Asks Atlas to delete the endpoint. */
export const remove = (client: AtlasClient, ref: EndpointRef): Promise<void> => client.deletePrivateEndpoint(ref);

/**
 * Atlas may refuse a second DELETE while one is under way: what matters is whether the endpoint is
 * going. Resolves when it is (deleting, delete requested, or gone), else throws the refusal.
 */
export async function refused(
  endpoint: Watched<EndpointRef, AtlasEndpoint>,
  client: AtlasClient,
  ref: EndpointRef,
  refusal: Error,
  deleteTimeoutMs: number,
): Promise<void> {
  let current: AtlasEndpoint;
  try {
    current = await client.getPrivateEndpoint(ref);
  } catch (readError) {
    if (!isAtlasNotFound(readError)) throw refusal;
    const look = await goneTwiceFor(endpoint, client, ref, readError, { timeoutMs: deleteTimeoutMs });
    if (look.kind === "gone") return;
    current = look.value;
  }
  if (observe(current).phase !== "deleting" && current.deleteRequested !== true) throw refusal;
}
