/** RegionalMode's properties as data: what the plugin's schema and every generated SDK say of it. */
import { boolean, PROJECT_AND_CLOUD, type PropertySpec, shared } from "../vocabulary/properties";
import type { RegionalModeOutputs } from "./outputs";

export const REGIONAL_MODE_DESCRIPTION =
  "The project's regionalized private endpoint setting (Atlas's privateEndpoint/regionalMode), needed to connect to " +
  "multi-region and global sharded clusters over private endpoints. Enabling it changes the private connection strings of " +
  "the project's existing multi-region and global sharded clusters and may cause downtime (`pulumi preview` warns); `up` " +
  "waits until the clusters have applied it and outputs their private connection strings. Destroy puts back what Atlas had " +
  "before (restoreOnDestroy). The id is the project id `<groupId>`, as Terraform's mongodbatlas_private_endpoint_regional_mode " +
  "imports it; `pulumi import` takes it.";

export const REGIONAL_MODE_PROPERTIES = {
  groupId: PROJECT_AND_CLOUD.groupId,
  enabled: {
    description:
      "Regionalized private endpoints on (true) or off (false) for the whole project. Outputs: the setting as Atlas last answered it.",
    type: boolean,
    input: "required",
    alwaysOutput: true,
  },
  restoreOnDestroy: {
    description:
      "On destroy, put the setting back as Atlas had it before this resource first changed it; false leaves it as it is. Default true.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  timeouts: shared.timeouts(
    'How long to wait for the project\'s clusters to apply a change: create and update (default "60m"), destroy\'s restore (default "30m"). Changes nothing in Atlas.',
  ),
  previous: {
    description: "The setting as Atlas had it before this resource first changed it: what destroy puts back.",
    type: boolean,
    alwaysOutput: true,
  },
  privateConnectionStrings: {
    description:
      "Every private connection string of the project's clusters, once they have applied the setting (with regional mode on, one " +
      "per region for multi-region and global sharded clusters). No credentials in them.",
    type: { type: "array", items: { $ref: "RegionalConnectionString" } },
  },
  adopted: shared.adopted("True when Atlas already had the declared setting at create, so the create changed nothing."),
} as const satisfies { [K in keyof Required<RegionalModeOutputs>]: PropertySpec };
