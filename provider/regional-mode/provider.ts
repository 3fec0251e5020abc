import { dynamicProvider } from "../dynamic/provider-object";
import * as lifecycle from "../regional-mode-lifecycle";

/** RegionalMode's dynamic provider: serialized into state, it requires the stable path ../regional-mode-lifecycle.ts. */
export const regionalModeProvider = dynamicProvider(lifecycle);
