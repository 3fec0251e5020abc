/**
 * How a resource's properties are written down as data (its type, whether it is an input, its
 * description), and the object types resources share. Each resource's properties.ts is such a table;
 * the provider plugin's schema (and so every generated SDK) is built from them. The compiler holds
 * each table to its outputs type (every output key, no other) and test/provider/plugin/schema.test.ts
 * holds their inputs to the resources' input keys, so the schema cannot drift from what check and
 * the output converters do.
 */

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

export const string = { type: "string" } as const;
export const boolean = { type: "boolean" } as const;

const FORWARDING_RULE_FIELDS = {
  endpointName: { description: "Name of the Google Cloud forwarding rule.", type: string },
  ipAddress: { description: "Private IPv4 address the forwarding rule resolves to.", type: string },
} as const;

/** Where every resource is: the project, and the cloud (an Atlas path segment). */
export const PROJECT_AND_CLOUD = {
  groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required", alwaysOutput: true },
  cloudProvider: { description: "AWS (the default), AZURE or GCP.", type: string, input: "optional", alwaysOutput: true },
} as const satisfies Record<string, PropertySpec>;

/** Properties most resources have, each worded for its resource: the same shape, written once. */
export const shared = {
  timeouts: (description: string) => ({ description, type: { $ref: "Timeouts" }, input: "optional" }) as const,
  adoptExisting: (when: string) =>
    ({ description: `${when} Default true.`, type: boolean, input: "optional", alwaysOutput: true }) as const,
  adopted: (description: string) => ({ description, type: boolean, alwaysOutput: true }) as const,
  errorMessage: (what: string) => ({ description: `Atlas's error message, when the ${what} failed.`, type: string }) as const,
  deleteRequested: { description: "Whether Atlas has been asked to delete the endpoint.", type: boolean },
  portMappingEnabled: { description: "GCP: whether the endpoint service uses port mapping (one forwarding rule).", type: boolean },
} as const;

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
    properties: FORWARDING_RULE_FIELDS,
    required: ["endpointName", "ipAddress"],
  },
  ForwardingRuleStatus: {
    description: "A GCP forwarding rule as Atlas reports it.",
    properties: {
      ...FORWARDING_RULE_FIELDS,
      status: { description: "INITIATING, AVAILABLE, FAILED or DELETING; absent until Atlas reports one.", type: string },
    },
    required: ["endpointName", "ipAddress"],
  },
  RegisteredEndpoint: {
    description: "An endpoint registered with an endpoint service, as Atlas reports it (getPrivateEndpoints).",
    properties: {
      endpointId: {
        description: "AWS: the vpce id; Azure: the private endpoint's resource id; GCP: the endpoint group name.",
        type: string,
      },
      status: { description: "The endpoint's status (AWS's connectionStatus, the others' status).", type: string },
      errorMessage: shared.errorMessage("endpoint"),
      deleteRequested: shared.deleteRequested,
      privateEndpointIPAddress: { description: "Azure: the private endpoint's IP address.", type: string },
      gcpProjectId: { description: "GCP: the project that holds the forwarding rules.", type: string },
      portMappingEnabled: shared.portMappingEnabled,
    },
    required: ["endpointId"],
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
  DataFederationEndpointEntry: {
    description: "One entry of a project's Data Federation and Online Archive private endpoints, as Atlas lists it.",
    properties: {
      endpointId: { description: "AWS: the VPC endpoint id (vpce-...). Azure: the private endpoint's resource id.", type: string },
      cloudProvider: { description: "AWS or AZURE (Atlas's provider).", type: string },
      type: { description: "DATA_LAKE.", type: string },
      comment: { description: "The entry's comment.", type: string },
      region: { description: "The region of the endpoint, as Atlas writes it (US_EAST_1).", type: string },
      customerEndpointDNSName: { description: "The endpoint's DNS name.", type: string },
      azureLinkId: { description: "Azure: the link id of the private endpoint connection.", type: string },
      customerEndpointIPAddress: { description: "Azure: the private endpoint's IP address.", type: string },
      status: { description: "PENDING, OK, FAILED or DELETING.", type: string },
      errorMessage: shared.errorMessage("entry"),
    },
    required: ["endpointId", "cloudProvider"],
  },
  StreamPrivateLinkConnection: {
    description: "A stream processing private link connection as Atlas lists it.",
    properties: {
      connectionId: { description: "Atlas's id of the connection.", type: string },
      cloudProvider: { description: "AWS, AZURE or GCP: where the target is.", type: string },
      vendor: { description: "Who runs the target (MSK, CONFLUENT, EVENTHUB, ...; GENERIC).", type: string },
      region: { description: "The target's region.", type: string },
      arn: { description: "AWS MSK: the cluster's ARN.", type: string },
      serviceEndpointId: { description: "The target's service endpoint.", type: string },
      dnsDomain: { description: "The target's domain.", type: string },
      dnsSubDomain: { description: "The target's subdomains.", type: { type: "array", items: string } },
      azureResourceIds: {
        description: "AZURE CONFLUENT: the resource ids of each availability zone.",
        type: { type: "array", items: string },
      },
      gcpServiceAttachmentUris: { description: "GCP CONFLUENT: the service attachment URIs.", type: { type: "array", items: string } },
      authenticationScheme: { description: "TLS, SASL_SCRAM or IAM.", type: string },
      state: { description: "IDLE, WORKING, DONE, FAILED, DELETE_REQUESTED or DELETING.", type: string },
      errorMessage: shared.errorMessage("connection"),
      interfaceEndpointId: { description: "AWS and Azure: the interface endpoint Atlas made.", type: string },
      interfaceEndpointName: { description: "AWS and Azure: the interface endpoint's name.", type: string },
      gcpConnectionIds: { description: "GCP: the Private Service Connect connection ids.", type: { type: "array", items: string } },
      providerAccountId: { description: "The cloud account Atlas's stream processing connects from.", type: string },
    },
    required: ["connectionId", "cloudProvider", "vendor"],
  },
  ConnectionStringEndpoint: {
    description: "One private endpoint a connection string goes through, as the cluster lists it.",
    properties: {
      endpointId: { description: "The endpoint's id (AWS vpce-..., Azure resource id, GCP endpoint group name).", type: string },
      providerName: { description: "AWS, AZURE or GCP.", type: string },
      region: { description: "Atlas's name of the endpoint's region, e.g. US_EAST_1.", type: string },
    },
    required: [],
  },
  RegionalConnectionString: {
    description:
      "How to reach one cluster through private endpoints (no credentials in it), with the endpoints it goes through: with " +
      "regional mode on, a multi-region or global sharded cluster lists one string per region.",
    properties: {
      clusterName: { description: "The Atlas cluster's name.", type: string },
      type: { description: "MONGOD (replica set) or MONGOS (sharded).", type: string },
      connectionString: { description: "mongodb:// connection string through the private endpoints.", type: string },
      srvConnectionString: { description: "mongodb+srv:// connection string through the private endpoints.", type: string },
      srvShardOptimizedConnectionString: { description: "Sharded clusters, where Atlas gives one.", type: string },
      endpoints: {
        description: "The endpoints (and so the regions) the string goes through.",
        type: { type: "array", items: { $ref: "ConnectionStringEndpoint" } },
      },
    },
    required: ["clusterName"],
  },
} as const satisfies Record<string, ObjectTypeSpec>;

export type ObjectTypeName =
  | "Timeouts"
  | "ForwardingRule"
  | "ForwardingRuleStatus"
  | "PrivateConnectionString"
  | "RegisteredEndpoint"
  | "DataFederationEndpointEntry"
  | "StreamPrivateLinkConnection"
  | "ConnectionStringEndpoint"
  | "RegionalConnectionString";
