import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { CloudProvider } from "../vocabulary/clouds";
import type { Timeouts } from "../vocabulary/time";
import type { PrivateEndpointInputs } from "./inputs";
import type { ForwardingRuleOutput, PrivateConnectionString } from "./outputs";
import { PRIVATE_ENDPOINT_PROPERTIES } from "./properties";
import { privateEndpointProvider } from "./provider";

// Before any PrivateEndpoint is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a PrivateEndpoint, derived from the plain inputs (one variant per cloud). */
export type PrivateEndpointArgs = ArgsOf<PrivateEndpointInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(PRIVATE_ENDPOINT_PROPERTIES);

export const PRIVATE_ENDPOINT_TYPE_NAME = "PrivateEndpoint";
export const PRIVATE_ENDPOINT_TYPE = dynamicTypeToken(PRIVATE_ENDPOINT_TYPE_NAME);
/** The type every release up to 0.1.0 registered; the alias lets stacks created then upgrade in place. */
export const LEGACY_PRIVATE_ENDPOINT_TYPE = "pulumi-nodejs:dynamic:Resource";

/**
 * Registers a cloud-side endpoint (AWS VPC interface endpoint, Azure private endpoint, GCP
 * forwarding-rule group) with a MongoDB Atlas private endpoint service and waits until Atlas
 * reports it AVAILABLE. The Pulumi id is `<groupId>:<cloudProvider>:<endpointServiceId>:<endpointId>`
 * (for GCP the endpoint group name).
 */
export class PrivateEndpoint extends pulumi.dynamic.Resource {
  /** Atlas project id. */
  declare readonly groupId: pulumi.Output<string>;
  /** AWS, AZURE or GCP. */
  declare readonly cloudProvider: pulumi.Output<CloudProvider>;
  /** Atlas private endpoint service id. */
  declare readonly endpointServiceId: pulumi.Output<string>;
  /** The cloud-side endpoint id (AWS vpce-..., Azure resource id); absent for GCP. */
  declare readonly endpointId: pulumi.Output<string | undefined>;
  /** Azure: the private endpoint's IP address as Atlas has it. */
  declare readonly privateEndpointIPAddress: pulumi.Output<string | undefined>;
  /** GCP: the project that holds the forwarding rules. */
  declare readonly gcpProjectId: pulumi.Output<string | undefined>;
  /** GCP: the endpoint group name as Atlas has it. */
  declare readonly endpointGroupName: pulumi.Output<string | undefined>;
  /** GCP: each forwarding rule with its own status. */
  declare readonly endpoints: pulumi.Output<ForwardingRuleOutput[] | undefined>;
  /** The timeouts this resource waits with. */
  declare readonly timeouts: pulumi.Output<Timeouts | undefined>;
  /** Whether a create that times out deletes the endpoint. */
  declare readonly deleteOnCreateTimeout: pulumi.Output<boolean>;
  /** Whether a 409 adopts a matching existing endpoint. */
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** Which clusters a create waits for: true (all), a list of names, or false. */
  declare readonly waitForClusters: pulumi.Output<boolean | string[] | undefined>;
  /**
   * One entry per cluster reached through this endpoint (clusterName, type, connectionString,
   * srvConnectionString, srvShardOptimizedConnectionString where Atlas gives one), set once the
   * clusters have applied the endpoint; absent with waitForClusters: false. No credentials in them.
   */
  declare readonly privateConnectionStrings: pulumi.Output<PrivateConnectionString[] | undefined>;
  /** AWS: PENDING_ACCEPTANCE, PENDING, AVAILABLE, REJECTED or DELETING. */
  declare readonly connectionStatus: pulumi.Output<string | undefined>;
  /** Azure and GCP: INITIATING, (GCP) VERIFIED, AVAILABLE, FAILED or DELETING. */
  declare readonly status: pulumi.Output<string | undefined>;
  /** AWS: the interface endpoint's id as Atlas reports it: the AWS `vpce-...` id (the same value as `endpointId`). */
  declare readonly interfaceEndpointId: pulumi.Output<string | undefined>;
  /** Azure: the connection name Atlas generates. */
  declare readonly privateEndpointConnectionName: pulumi.Output<string | undefined>;
  /** Azure: the private endpoint's resource id as Atlas reports it. */
  declare readonly privateEndpointResourceId: pulumi.Output<string | undefined>;
  /** GCP: whether the endpoint service uses port mapping (one forwarding rule). */
  declare readonly portMappingEnabled: pulumi.Output<boolean | undefined>;
  /** Atlas's error message, when the endpoint failed. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** Whether Atlas has been asked to delete the endpoint. */
  declare readonly deleteRequested: pulumi.Output<boolean | undefined>;
  /** True when the endpoint already existed (409) and this resource adopted it. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: PrivateEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const aliases = [{ type: LEGACY_PRIVATE_ENDPOINT_TYPE }, ...(opts?.aliases ?? [])];
    super(privateEndpointProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, { ...opts, aliases }, DYNAMIC_MODULE, PRIVATE_ENDPOINT_TYPE_NAME);
  }
}
