/**
 * DataFederationEndpoint's part of delete (the rest is operations/delete.ts, which waits until Atlas forgets the
 * entry). The spec lists no refusal of a DELETE but Atlas's common ones (401, 403, 429, 500): any stands.
 */
import type { AtlasClient } from "../client";
import type { DataFederationRef } from "./ids";

/** Asks Atlas to remove the entry from the project's list. */
export const remove = (client: AtlasClient, ref: DataFederationRef): Promise<void> => client.deleteDataFederationEndpoint(ref);

/** A refused DELETE (not a 404) is Atlas's answer as it is: operations/delete.ts says the stack keeps it. */
export async function refused(_entry: unknown, _client: AtlasClient, _ref: DataFederationRef, refusal: Error): Promise<void> {
  throw refusal;
}
