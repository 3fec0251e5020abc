import * as pulumi from "@pulumi/pulumi";
import type { DataFederationCloud } from "../client/data-federation-endpoint-schemas";
import { unknownOutputs, type ArgsOf } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { Timeouts } from "../vocabulary/time";
import type { DataFederationEndpointInputs } from "./inputs";
import { DATA_FEDERATION_ENDPOINT_PROPERTIES } from "./properties";
import { dataFederationEndpointProvider } from "./provider";

// Before any DataFederationEndpoint is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a DataFederationEndpoint, derived from the plain inputs (one variant per cloud). */
export type DataFederationEndpointArgs = ArgsOf<DataFederationEndpointInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(DATA_FEDERATION_ENDPOINT_PROPERTIES);

export const DATA_FEDERATION_ENDPOINT_TYPE_NAME = "DataFederationEndpoint";
export const DATA_FEDERATION_ENDPOINT_TYPE = dynamicTypeToken(DATA_FEDERATION_ENDPOINT_TYPE_NAME);

/**
 * A private endpoint for Atlas Data Federation and Online Archive: an AWS VPC interface endpoint (to the Data
 * Federation service name of its region) or an Azure private endpoint, added to the project's list. Waits until
 * Atlas reports it OK, adopts the project's existing entry for the same endpoint id, changes the comment in
 * place. The Pulumi id is `<groupId>:<cloudProvider>:<endpointId>`.
 */
export class DataFederationEndpoint extends pulumi.dynamic.Resource {
  /** Atlas project id. */
  declare readonly groupId: pulumi.Output<string>;
  /** AWS or AZURE. */
  declare readonly cloudProvider: pulumi.Output<DataFederationCloud>;
  /** The cloud-side endpoint's id (AWS vpce-..., Azure resource id). */
  declare readonly endpointId: pulumi.Output<string>;
  /** Atlas's comment for the entry. */
  declare readonly comment: pulumi.Output<string | undefined>;
  /** The region of your endpoint, as declared. */
  declare readonly region: pulumi.Output<string | undefined>;
  /** Your endpoint's DNS name. */
  declare readonly customerEndpointDNSName: pulumi.Output<string | undefined>;
  /** Azure: the link id of the private endpoint connection. */
  declare readonly azureLinkId: pulumi.Output<string | undefined>;
  /** Azure: the private endpoint's IP address. */
  declare readonly customerEndpointIPAddress: pulumi.Output<string | undefined>;
  /** The timeouts this resource waits with. */
  declare readonly timeouts: pulumi.Output<Timeouts | undefined>;
  /** Whether the project's existing entry for this endpoint id is taken over. */
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** DATA_LAKE. */
  declare readonly type: pulumi.Output<string | undefined>;
  /** PENDING, OK, FAILED or DELETING. */
  declare readonly status: pulumi.Output<string | undefined>;
  /** Atlas's error message, when the entry failed. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** True when the project's list already had this endpoint and this resource took the entry over. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: DataFederationEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(dataFederationEndpointProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, DATA_FEDERATION_ENDPOINT_TYPE_NAME);
  }
}
