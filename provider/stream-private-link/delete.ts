/**
 * StreamPrivateLink's part of delete (the rest is operations/delete.ts): Atlas answers 202 and the
 * connection goes DELETE_REQUESTED, DELETING, then 404. A refused DELETE is fine when it is going anyway.
 */
import type { AtlasClient } from "../client";
import { goingAnyway } from "../operations/delete";
import type { StreamPrivateLinkRef } from "../vocabulary/refs";

/** Asks Atlas to delete the connection. */
export const remove = (client: AtlasClient, ref: StreamPrivateLinkRef): Promise<void> => client.deleteStreamPrivateLink(ref);

/** Atlas may refuse a second DELETE while one is under way: resolves when the connection is going, else throws the refusal. */
export const refused = goingAnyway;
