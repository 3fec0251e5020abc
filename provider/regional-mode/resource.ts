import type { ArgsOf } from "../dynamic/args";
import { resourceClass } from "../dynamic/resource-class";
import type { RegionalModeInputs } from "./inputs";
import type { RegionalModeOutputs as Outputs } from "./outputs";
import { REGIONAL_MODE_PROPERTIES as PROPERTIES } from "./properties";
import { regionalModeProvider as provider } from "./provider";

/** Arguments of a RegionalMode, derived from the plain inputs. */
export type RegionalModeArgs = ArgsOf<RegionalModeInputs>;

/**
 * The project's regionalized private endpoint setting (Atlas's privateEndpoint/regionalMode), needed to
 * connect to multi-region and global sharded clusters over private endpoints. Enabling it changes the
 * private connection strings of the project's existing multi-region and global sharded clusters and
 * may cause downtime: `pulumi preview` warns. `pulumi up` waits until the clusters have applied it and
 * outputs their private connection strings; destroy puts back what Atlas had before (restoreOnDestroy).
 * The Pulumi id is the project id.
 */
export const RegionalMode = resourceClass<RegionalModeArgs, Outputs>("RegionalMode", provider, PROPERTIES);
/** An instance of RegionalMode: its outputs are declared once, in outputs.ts (RegionalModeOutputs). */
export type RegionalMode = InstanceType<typeof RegionalMode>;
/** What previews, state and policy packs call a RegionalMode. */
export const REGIONAL_MODE_TYPE = RegionalMode.typeToken;
