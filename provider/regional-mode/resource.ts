import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { Timeouts } from "../vocabulary/time";
import type { RegionalModeInputs } from "./inputs";
import type { RegionalConnectionString } from "./outputs";
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

/**
 * The project's regionalized private endpoint setting (Atlas's privateEndpoint/regionalMode), needed to
 * connect to multi-region and global sharded clusters over private endpoints. Enabling it changes the
 * private connection strings of the project's existing multi-region and global sharded clusters and
 * may cause downtime: `pulumi preview` warns. `pulumi up` waits until the clusters have applied it and
 * outputs their private connection strings; destroy puts back what Atlas had before (restoreOnDestroy).
 * The Pulumi id is the project id.
 */
export class RegionalMode extends pulumi.dynamic.Resource {
  /** Atlas project id. */
  declare readonly groupId: pulumi.Output<string>;
  /** The setting as Atlas last answered it. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Whether destroy puts back what Atlas had before. */
  declare readonly restoreOnDestroy: pulumi.Output<boolean>;
  /** The timeouts this resource waits with. */
  declare readonly timeouts: pulumi.Output<Timeouts | undefined>;
  /** The setting before this resource first changed it: what destroy puts back. */
  declare readonly previous: pulumi.Output<boolean>;
  /**
   * Every private connection string of the project's clusters (clusterName, type, connectionString,
   * srvConnectionString, srvShardOptimizedConnectionString, the endpoints it goes through), once they
   * have applied the setting. No credentials in them.
   */
  declare readonly privateConnectionStrings: pulumi.Output<RegionalConnectionString[] | undefined>;
  /** True when Atlas already had the declared setting at create, so the create changed nothing. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: RegionalModeArgs, opts?: pulumi.CustomResourceOptions) {
    super(regionalModeProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, REGIONAL_MODE_TYPE_NAME);
  }
}
