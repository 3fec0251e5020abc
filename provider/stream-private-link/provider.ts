import { dynamicProvider } from "../dynamic/provider-object";
import * as lifecycle from "../stream-private-link-lifecycle";

/** StreamPrivateLink's dynamic provider: serialized into state, it requires the stable path ../stream-private-link-lifecycle.ts. */
export const streamPrivateLinkProvider = dynamicProvider(lifecycle);
