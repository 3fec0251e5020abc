import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf, type OutputProperties } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { RegionalModeInputs } from "./inputs";
import type { RegionalModeOutputs } from "./outputs";
import { REGIONAL_MODE_PROPERTIES } from "./properties";
import { regionalModeProvider } from "./provider";

// Before any RegionalMode is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a RegionalMode, derived from the plain inputs. */
export type RegionalModeArgs = ArgsOf<RegionalModeInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(REGIONAL_MODE_PROPERTIES);

export const REGIONAL_MODE_TYPE_NAME = "RegionalMode";
export const REGIONAL_MODE_TYPE = dynamicTypeToken(REGIONAL_MODE_TYPE_NAME);

/** The outputs, declared once in outputs.ts (RegionalModeOutputs): the engine sets each on the instance. */
export interface RegionalMode extends OutputProperties<RegionalModeOutputs> {}

/**
 * The project's regionalized private endpoint setting (Atlas's privateEndpoint/regionalMode), needed to
 * connect to multi-region and global sharded clusters over private endpoints. Enabling it changes the
 * private connection strings of the project's existing multi-region and global sharded clusters and
 * may cause downtime: `pulumi preview` warns. `pulumi up` waits until the clusters have applied it and
 * outputs their private connection strings; destroy puts back what Atlas had before (restoreOnDestroy).
 * The Pulumi id is the project id.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above only types the outputs the engine sets on the instance
export class RegionalMode extends pulumi.dynamic.Resource {
  constructor(name: string, args: RegionalModeArgs, opts?: pulumi.CustomResourceOptions) {
    super(regionalModeProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, REGIONAL_MODE_TYPE_NAME);
  }
}
