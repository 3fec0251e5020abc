import { dynamicProvider } from "../dynamic/provider-object";
import * as lifecycle from "../lifecycle";

/** PrivateEndpoint's dynamic provider: serialized into state, it requires the stable path ../lifecycle.ts. */
export const privateEndpointProvider = dynamicProvider(lifecycle);
