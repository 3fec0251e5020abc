import * as pulumi from "@pulumi/pulumi";
import { unknownOutputs, type ArgsOf } from "../dynamic/args";
import { preloadSchemeOnlyBuiltins } from "../dynamic/quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "../dynamic/type-token";
import type { CloudProvider } from "../vocabulary/clouds";
import type { Timeouts } from "../vocabulary/time";
import type { AuthenticationScheme, StreamPrivateLinkInputs } from "./inputs";
import { STREAM_PRIVATE_LINK_PROPERTIES } from "./properties";
import { streamPrivateLinkProvider } from "./provider";

// Before any StreamPrivateLink is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/** Arguments of a StreamPrivateLink, derived from the plain inputs. */
export type StreamPrivateLinkArgs = ArgsOf<StreamPrivateLinkInputs>;

/** Every output the properties table declares (the compiler holds it to the outputs type), seeded as undefined. */
const UNKNOWN_OUTPUTS = unknownOutputs(STREAM_PRIVATE_LINK_PROPERTIES);

export const STREAM_PRIVATE_LINK_TYPE_NAME = "StreamPrivateLink";
export const STREAM_PRIVATE_LINK_TYPE = dynamicTypeToken(STREAM_PRIVATE_LINK_TYPE_NAME);

/**
 * A private link from Atlas Stream Processing to a target in your cloud: an AWS MSK cluster, a
 * Confluent cluster on any cloud, Kinesis, S3, Lambda, Azure Event Hubs or Blob Storage, Google
 * Pub/Sub. Atlas makes the interface endpoint (AWS, Azure) or the Private Service Connect
 * connections (GCP); this waits until Atlas reports the connection DONE and outputs them. Each
 * vendor's required fields are checked at preview. The Pulumi id is `<groupId>:<connectionId>`;
 * `pulumi import` also takes Terraform's `<groupId>-<connectionId>`.
 */
export class StreamPrivateLink extends pulumi.dynamic.Resource {
  /** Atlas project id. */
  declare readonly groupId: pulumi.Output<string>;
  /** AWS, AZURE or GCP: where the target is. */
  declare readonly cloudProvider: pulumi.Output<CloudProvider>;
  /** Who runs the target (MSK, CONFLUENT, EVENTHUB, ...; GENERIC by default). */
  declare readonly vendor: pulumi.Output<string>;
  /** The target's region (an MSK connection's as Atlas read it from the arn). */
  declare readonly region: pulumi.Output<string | undefined>;
  /** AWS MSK: the cluster's ARN. */
  declare readonly arn: pulumi.Output<string | undefined>;
  /** The target's service endpoint. */
  declare readonly serviceEndpointId: pulumi.Output<string | undefined>;
  /** The target's domain. */
  declare readonly dnsDomain: pulumi.Output<string | undefined>;
  /** AWS CONFLUENT: the cluster's subdomains. */
  declare readonly dnsSubDomain: pulumi.Output<string[] | undefined>;
  /** AZURE CONFLUENT: the resource ids of each availability zone. */
  declare readonly azureResourceIds: pulumi.Output<string[] | undefined>;
  /** GCP CONFLUENT: the service attachment URIs. */
  declare readonly gcpServiceAttachmentUris: pulumi.Output<string[] | undefined>;
  /** TLS, SASL_SCRAM or IAM. */
  declare readonly authenticationScheme: pulumi.Output<AuthenticationScheme | undefined>;
  /** The timeouts this resource waits with. */
  declare readonly timeouts: pulumi.Output<Timeouts | undefined>;
  /** Whether a live connection to the same target (409) is taken over. */
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** Atlas's id of the connection. */
  declare readonly connectionId: pulumi.Output<string>;
  /** IDLE, WORKING, DONE, FAILED, DELETE_REQUESTED or DELETING. */
  declare readonly state: pulumi.Output<string | undefined>;
  /** Atlas's error message, when the connection failed. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** AWS and Azure: the interface endpoint Atlas made (AWS `vpce-...`, an Azure private endpoint's resource id), once DONE. */
  declare readonly interfaceEndpointId: pulumi.Output<string | undefined>;
  /** AWS and Azure: the interface endpoint's name, once DONE. */
  declare readonly interfaceEndpointName: pulumi.Output<string | undefined>;
  /** GCP: the Private Service Connect connection ids Atlas made, once DONE. */
  declare readonly gcpConnectionIds: pulumi.Output<string[] | undefined>;
  /** The cloud account Atlas's stream processing connects from (for the target's allow list). */
  declare readonly providerAccountId: pulumi.Output<string | undefined>;
  /** True when Atlas already had this connection (409) and this resource took it over. */
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: StreamPrivateLinkArgs, opts?: pulumi.CustomResourceOptions) {
    super(streamPrivateLinkProvider, name, { ...UNKNOWN_OUTPUTS, ...args }, opts, DYNAMIC_MODULE, STREAM_PRIVATE_LINK_TYPE_NAME);
  }
}
