/** PrivateEndpoint's properties as data: what the plugin's schema and every generated SDK say of it. */
import { boolean, PROJECT_AND_CLOUD, type PropertySpec, shared, string } from "../vocabulary/properties";
import type { PrivateEndpointOutputs } from "./outputs";

export const PRIVATE_ENDPOINT_DESCRIPTION =
  "Registers a cloud-side endpoint (AWS VPC interface endpoint, Azure private endpoint, GCP forwarding-rule group) with a " +
  "MongoDB Atlas private endpoint service and waits until Atlas reports it AVAILABLE (and, by default, until the project's " +
  "clusters list their private connection strings). The id is `<groupId>:<cloudProvider>:<endpointServiceId>:<endpointId>` " +
  "(for GCP the endpoint group name); `pulumi import` takes that id.";

export const PRIVATE_ENDPOINT_PROPERTIES = {
  ...PROJECT_AND_CLOUD,
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
  timeouts: shared.timeouts("How long to wait before giving up. Changes nothing in Atlas."),
  deleteOnCreateTimeout: {
    description: "On the create deadline, delete the endpoint (unless it was adopted) and fail. Default false.",
    type: boolean,
    input: "optional",
    alwaysOutput: true,
  },
  adoptExisting: shared.adoptExisting("When Atlas answers 409 (the endpoint is already registered), adopt it if it matches the inputs."),
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
  portMappingEnabled: shared.portMappingEnabled,
  errorMessage: shared.errorMessage("endpoint"),
  deleteRequested: shared.deleteRequested,
  adopted: shared.adopted("True when the endpoint already existed (409) and this resource adopted it."),
} as const satisfies { [K in keyof Required<PrivateEndpointOutputs>]: PropertySpec };
