/**
 * Every property of each resource as data: its type, whether it is an input, its description. The
 * provider plugin's schema (and so every generated SDK) is built from these tables; the compiler holds
 * each to its outputs type (`PrivateEndpointOutputs`, `EndpointServiceOutputs`: every output key, no
 * other) and test/provider/plugin/schema.test.ts holds their inputs to INPUT_KEYS / SERVICE_INPUT_KEYS,
 * so the schema cannot drift from what check and the output converters do.
 */
import type { PrivateEndpointOutputs } from "./outputs";
import type { EndpointServiceOutputs } from "./service-outputs";

/** A property type, in the words of a Pulumi package schema (a `$ref` names an entry of OBJECT_TYPES). */
export type PropertyType =
  | { type: "string" | "boolean" | "integer" | "number" }
  | { type: "array"; items: PropertyType }
  | { $ref: ObjectTypeName }
  | { oneOf: PropertyType[] };

export interface PropertySpec {
  description: string;
  /** The output's type (every property is an output: outputs carry the inputs). */
  type: PropertyType;
  /** An input too; "required" where every cloud requires it. */
  input?: "required" | "optional";
  /** The input's type where it differs from the output's (outputs add statuses). */
  inputType?: PropertyType;
  /** Always present in the outputs. */
  alwaysOutput?: boolean;
  /** Marked secret in state and SDKs. */
  secret?: boolean;
}

export interface ObjectTypeSpec {
  description: string;
  properties: Record<string, { description: string; type: PropertyType }>;
  required: string[];
}

const string = { type: "string" } as const;
const boolean = { type: "boolean" } as const;

export const OBJECT_TYPES = {
  Timeouts: {
    description: "How long to wait before giving up. Not a change to the Atlas endpoint.",
    properties: {
      create: { description: 'Wait for AVAILABLE after a create, e.g. "45m", "1h30m", "90s". Default "60m".', type: string },
      delete: { description: 'Wait for Atlas to forget the endpoint after a delete. Default "30m".', type: string },
    },
    required: [],
  },
  ForwardingRule: {
    description: "One GCP forwarding rule that belongs to the endpoint group.",
    properties: {
      endpointName: { description: "Name of the Google Cloud forwarding rule.", type: string },
      ipAddress: { description: "Private IPv4 address the forwarding rule resolves to.", type: string },
    },
    required: ["endpointName", "ipAddress"],
  },
  ForwardingRuleStatus: {
    description: "A GCP forwarding rule as Atlas reports it.",
    properties: {
      endpointName: { description: "Name of the Google Cloud forwarding rule.", type: string },
      ipAddress: { description: "Private IPv4 address the forwarding rule resolves to.", type: string },
      status: { description: "INITIATING, AVAILABLE, FAILED or DELETING; absent until Atlas reports one.", type: string },
    },
    required: ["endpointName", "ipAddress"],
  },
  PrivateConnectionString: {
    description: "How to reach one cluster through this endpoint, as Atlas lists it (no credentials in it).",
    properties: {
      clusterName: { description: "The Atlas cluster's name.", type: string },
      type: { description: "MONGOD (replica set) or MONGOS (sharded).", type: string },
      connectionString: { description: "mongodb:// connection string through the private endpoint.", type: string },
      srvConnectionString: { description: "mongodb+srv:// connection string through the private endpoint.", type: string },
      srvShardOptimizedConnectionString: { description: "Sharded clusters, where Atlas gives one.", type: string },
    },
    required: ["clusterName"],
  },
} as const satisfies Record<string, ObjectTypeSpec>;

export type ObjectTypeName = "Timeouts" | "ForwardingRule" | "ForwardingRuleStatus" | "PrivateConnectionString";

export const PRIVATE_ENDPOINT_DESCRIPTION =
  "Registers a cloud-side endpoint (AWS VPC interface endpoint, Azure private endpoint, GCP forwarding-rule group) with a " +
  "MongoDB Atlas private endpoint service and waits until Atlas reports it AVAILABLE (and, by default, until the project's " +
  "clusters list their private connection strings). The id is `<groupId>:<cloudProvider>:<endpointServiceId>:<endpointId>` " +
  "(for GCP the endpoint group name); `pulumi import` takes that id.";

export const PRIVATE_ENDPOINT_PROPERTIES = {
  groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required", alwaysOutput: true },
  cloudProvider: { description: "AWS (the default), AZURE or GCP.", type: string, input: "optional", alwaysOutput: true },
  endpointServiceId: {
    description: "Atlas private endpoint service id (24 hexadecimal characters).",
    type: string,
    input: "required",
    alwaysOutput: true,
  },
  endpointId: {
    description:
      'AWS: the VPC interface endpoint id, "vpce-" followed by 17 hex characters. Azure: the private endpoint\'s resource id ' +
      "(/subscriptions/.../privateEndpoints/<name>). Required for AWS and AZURE; not used for GCP.",
    type: string,
    input: "optional",
  },
  privateEndpointIPAddress: { description: "Azure: the private endpoint's IPv4 address in your VNet.", type: string, input: "optional" },
  gcpProjectId: { description: "GCP: the Google Cloud project that holds the forwarding rules.", type: string, input: "optional" },
  endpointGroupName: {
    description: "GCP: name of the endpoint group (for a port-mapped service Atlas ignores it).",
    type: string,
    input: "optional",
  },
  endpoints: {
    description: "GCP: the forwarding rules; a port-mapped endpoint service takes exactly one. Outputs add each rule's status.",
    type: { type: "array", items: { $ref: "ForwardingRuleStatus" } },
    inputType: { type: "array", items: { $ref: "ForwardingRule" } },
    input: "optional",
  },
  timeouts: {
    description: "How long to wait before giving up. Changes nothing in Atlas.",
    type: { $ref: "Timeouts" },
    input: "optional",
  },
  deleteOnCreateTimeout: {
    description: "On the create deadline, delete the endpoint (unless it was adopted) and fail. Default false.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  adoptExisting: {
    description: "When Atlas answers 409 (the endpoint is already registered), adopt it if it matches the inputs. Default true.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  waitForClusters: {
    description:
      "After AVAILABLE, wait (within timeouts.create) until the project's clusters have applied the endpoint, and output " +
      "their private connection strings. true (default): every cluster of the project; a list of cluster names: only those; " +
      "false: return at AVAILABLE.",
    type: { oneOf: [boolean, { type: "array", items: string }] },
    input: "optional",
  },
  privateConnectionStrings: {
    description:
      "One entry per cluster reached through this endpoint, set once the clusters have applied it; absent with " +
      "waitForClusters: false. No credentials in them.",
    type: { type: "array", items: { $ref: "PrivateConnectionString" } },
  },
  connectionStatus: { description: "AWS: PENDING_ACCEPTANCE, PENDING, AVAILABLE, REJECTED or DELETING.", type: string },
  status: { description: "Azure and GCP: INITIATING, (GCP) VERIFIED, AVAILABLE, FAILED or DELETING.", type: string },
  interfaceEndpointId: {
    description: "AWS: the interface endpoint's id as Atlas reports it (the same value as endpointId).",
    type: string,
  },
  privateEndpointConnectionName: { description: "Azure: the connection name Atlas generates.", type: string },
  privateEndpointResourceId: { description: "Azure: the private endpoint's resource id as Atlas reports it.", type: string },
  portMappingEnabled: { description: "GCP: whether the endpoint service uses port mapping (one forwarding rule).", type: boolean },
  errorMessage: { description: "Atlas's error message, when the endpoint failed.", type: string },
  deleteRequested: { description: "Whether Atlas has been asked to delete the endpoint.", type: boolean },
  adopted: {
    description: "True when the endpoint already existed (409) and this resource adopted it.",
    type: boolean,
    alwaysOutput: true,
  },
} as const satisfies { [K in keyof Required<PrivateEndpointOutputs>]: PropertySpec };

export const ENDPOINT_SERVICE_DESCRIPTION =
  "An Atlas private endpoint service: the Atlas side of the private link in one cloud region (AWS PrivateLink, Azure " +
  "Private Link Service, GCP Private Service Connect). Creates it and waits until AVAILABLE, or adopts the project's existing " +
  "one for that region (Atlas allows one, so stacks share it). Its endpointServiceId feeds PrivateEndpoint. The id is " +
  "`<groupId>:<cloudProvider>:<endpointServiceId>`; `pulumi import` takes that id.";

export const ENDPOINT_SERVICE_PROPERTIES = {
  groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required", alwaysOutput: true },
  cloudProvider: { description: "AWS (the default), AZURE or GCP.", type: string, input: "optional", alwaysOutput: true },
  region: {
    description: 'The region, in the cloud\'s spelling ("us-east-1", "eastus2", "us-central1") or Atlas\'s ("US_EAST_1").',
    type: string,
    input: "required",
    alwaysOutput: true,
  },
  portMappingEnabled: {
    description: "GCP only: a port-mapped service (one forwarding rule per endpoint group). Default false.",
    type: boolean,
    input: "optional",
  },
  supportedRemoteRegions: {
    description: "AWS only: other AWS regions whose VPC endpoints may connect (cross-region PrivateLink). Changed in place.",
    type: { type: "array", items: string },
    input: "optional",
  },
  timeouts: {
    description: 'How long to wait: create until AVAILABLE (default "60m"), delete until Atlas forgets it (default "30m").',
    type: { $ref: "Timeouts" },
    input: "optional",
  },
  adoptExisting: {
    description:
      "When the project already has a service for this cloud and region (Atlas allows one), take it over instead of failing, if it matches. Default true.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  deleteAdoptedOnDestroy: {
    description:
      "Destroying an adopted service leaves it in Atlas (another stack may use it) unless this is true. A service this resource created is always deleted. Default false.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  endpointServiceId: {
    description: "The Atlas endpoint service id: PrivateEndpoint's endpointServiceId.",
    type: string,
    alwaysOutput: true,
  },
  status: { description: "INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING.", type: string },
  regionName: { description: "Atlas's name of the region, e.g. US_EAST_1.", type: string },
  endpointServiceName: {
    description: "AWS: the VPC endpoint service name a VPC interface endpoint connects to (its serviceName). Set once AVAILABLE.",
    type: string,
  },
  privateLinkServiceName: { description: "Azure: the Private Link Service's name.", type: string },
  privateLinkServiceResourceId: {
    description: "Azure: the Private Link Service's resource id, for the Azure private endpoint's privateLinkServiceId.",
    type: string,
  },
  serviceAttachmentNames: {
    description: "GCP: the service attachments, one forwarding rule to each (one in all when port-mapped).",
    type: { type: "array", items: string },
  },
  endpointIds: { description: "The endpoints registered with the service, as Atlas lists them.", type: { type: "array", items: string } },
  errorMessage: { description: "Atlas's error message, when the service failed.", type: string },
  adopted: {
    description: "True when the project already had this service and this resource took it over.",
    type: boolean,
    alwaysOutput: true,
  },
} as const satisfies { [K in keyof Required<EndpointServiceOutputs>]: PropertySpec };
