/** DataFederationEndpoint's properties as data: what the plugin's schema and every generated SDK say of it. */
import { PROJECT_AND_CLOUD, type PropertySpec, shared, string } from "../vocabulary/properties";
import type { DataFederationEndpointOutputs } from "./outputs";

export const DATA_FEDERATION_ENDPOINT_DESCRIPTION =
  "A private endpoint for Atlas Data Federation and Online Archive: an AWS VPC interface endpoint or an Azure private " +
  "endpoint, added to the project's list of Data Federation private endpoints (type DATA_LAKE). Waits until Atlas reports " +
  "it OK (FAILED fails with Atlas's errorMessage), adopts the project's existing entry for the same endpoint id, changes " +
  "the comment in place, and waits on destroy until Atlas forgets it. The id is `<groupId>:<cloudProvider>:<endpointId>`; " +
  "`pulumi import` takes that id or Terraform's `<groupId>--<endpointId>`.";

export const DATA_FEDERATION_ENDPOINT_PROPERTIES = {
  groupId: PROJECT_AND_CLOUD.groupId,
  cloudProvider: { description: "AWS (the default) or AZURE.", type: string, input: "optional", alwaysOutput: true },
  endpointId: {
    description:
      'AWS: the VPC interface endpoint id, "vpce-" followed by 17 hex characters. Azure: the private endpoint\'s resource id ' +
      "(/subscriptions/.../privateEndpoints/<name>).",
    type: string,
    input: "required",
    alwaysOutput: true,
  },
  comment: {
    description: "A note Atlas keeps with the entry; a change is made in place. Left out: whatever Atlas has; an empty string clears it.",
    type: string,
    input: "optional",
  },
  region: {
    description:
      'The region of your endpoint, in the cloud\'s or Atlas\'s spelling ("us-east-1" or "US_EAST_1"). AWS: only together with ' +
      "customerEndpointDNSName. A change replaces the entry.",
    type: string,
    input: "optional",
  },
  customerEndpointDNSName: {
    description: "Your endpoint's DNS name (AWS: the VPC endpoint's regional DNS name); needs region. A change replaces the entry.",
    type: string,
    input: "optional",
  },
  azureLinkId: {
    description: "Azure: the link id of the private endpoint connection. A change replaces the entry.",
    type: string,
    input: "optional",
  },
  customerEndpointIPAddress: {
    description: "Azure: the private endpoint's IP address. A change replaces the entry.",
    type: string,
    input: "optional",
  },
  timeouts: shared.timeouts('How long to wait: create until OK (default "60m"), delete until Atlas forgets it (default "30m").'),
  adoptExisting: shared.adoptExisting(
    "When the project's list already has this endpoint id (Atlas's add is an upsert), take the entry over if it matches the inputs.",
  ),
  type: { description: "DATA_LAKE, the one type Atlas lists.", type: string },
  status: { description: "PENDING, OK, FAILED or DELETING.", type: string },
  errorMessage: shared.errorMessage("entry"),
  adopted: shared.adopted("True when the project's list already had this endpoint and this resource took the entry over."),
} as const satisfies { [K in keyof Required<DataFederationEndpointOutputs>]: PropertySpec };
