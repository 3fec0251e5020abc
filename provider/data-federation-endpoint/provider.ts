import { dynamicProvider } from "../dynamic/provider-object";
import * as lifecycle from "../data-federation-endpoint-lifecycle";

/** DataFederationEndpoint's dynamic provider: serialized into state, it requires the stable path ../data-federation-endpoint-lifecycle.ts. */
export const dataFederationEndpointProvider = dynamicProvider(lifecycle);
