import { dynamicProvider } from "../dynamic/provider-object";
import * as lifecycle from "../endpoint-service-lifecycle";

/** EndpointService's dynamic provider: serialized into state, it requires the stable path ../endpoint-service-lifecycle.ts. */
export const endpointServiceProvider = dynamicProvider(lifecycle);
