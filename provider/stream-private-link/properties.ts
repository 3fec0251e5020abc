/** StreamPrivateLink's properties as data: what the plugin's schema and every generated SDK say of it. */
import { PROJECT_AND_CLOUD, type PropertySpec, shared, string } from "../vocabulary/properties";
import { ID_FORMAT, TERRAFORM_ID_FORMAT } from "./ids";
import type { StreamPrivateLinkOutputs } from "./outputs";

export const STREAM_PRIVATE_LINK_DESCRIPTION =
  "A private link from Atlas Stream Processing to a target in your cloud (AWS MSK, Confluent, Kinesis, S3, Lambda; Azure " +
  "Event Hubs, Confluent, Blob Storage; GCP Confluent, Pub/Sub). Creates it and waits until Atlas reports it DONE, outputs " +
  "the interface endpoint Atlas made, or adopts the project's live connection to the same target. The id is " +
  `\`${ID_FORMAT}\`; \`pulumi import\` takes that id or Terraform's \`${TERRAFORM_ID_FORMAT}\`.`;

const strings = { type: "array", items: string } as const;

export const STREAM_PRIVATE_LINK_PROPERTIES = {
  ...PROJECT_AND_CLOUD,
  vendor: {
    description:
      "Who runs the target: AWS MSK, CONFLUENT, KINESIS, S3 or LAMBDA; AZURE EVENTHUB, CONFLUENT or AZURE_BLOB_STORAGE; GCP CONFLUENT or PUBSUB. Default GENERIC.",
    type: string,
    input: "optional",
    alwaysOutput: true,
  },
  region: {
    description: "The target's region. Required by every vendor but MSK, whose region Atlas reads from the arn (and outputs here).",
    type: string,
    input: "optional",
  },
  arn: { description: "AWS MSK: the cluster's ARN (arn:aws:kafka:...).", type: string, input: "optional" },
  serviceEndpointId: {
    description:
      "The target's service endpoint: AWS CONFLUENT the VPC endpoint service name, AWS S3 com.amazonaws.<region>.s3, AZURE EVENTHUB the namespace's resource id, AZURE_BLOB_STORAGE the storage account's resource id.",
    type: string,
    input: "optional",
  },
  dnsDomain: {
    description:
      "The target's domain (AWS CONFLUENT; AZURE EVENTHUB, CONFLUENT, AZURE_BLOB_STORAGE; GCP CONFLUENT). Atlas computes PUBSUB's.",
    type: string,
    input: "optional",
  },
  dnsSubDomain: {
    description: "AWS CONFLUENT: the cluster's subdomains (its availability zones); [] when it uses none.",
    type: strings,
    input: "optional",
  },
  azureResourceIds: { description: "AZURE CONFLUENT: the resource ids of each availability zone.", type: strings, input: "optional" },
  gcpServiceAttachmentUris: {
    description: "GCP CONFLUENT: the service attachment URIs of each availability zone (1 to 3).",
    type: strings,
    input: "optional",
  },
  authenticationScheme: { description: "TLS, SASL_SCRAM or IAM.", type: string, input: "optional" },
  timeouts: shared.timeouts('How long to wait: create until DONE (default "60m"), delete until Atlas forgets it (default "30m").'),
  adoptExisting: shared.adoptExisting(
    "When Atlas already has a live connection to the same target (409), take it over if it matches the inputs.",
  ),
  connectionId: { description: "Atlas's id of the connection.", type: string, alwaysOutput: true },
  state: { description: "IDLE, WORKING, DONE, FAILED, DELETE_REQUESTED or DELETING.", type: string },
  errorMessage: shared.errorMessage("connection"),
  interfaceEndpointId: {
    description:
      "AWS and Azure: the interface endpoint Atlas made (an AWS vpce- id, an Azure private endpoint's resource id). Set once DONE.",
    type: string,
  },
  interfaceEndpointName: { description: "AWS and Azure: the interface endpoint's name. Set once DONE.", type: string },
  gcpConnectionIds: { description: "GCP: the Private Service Connect connection ids Atlas made, one per attachment.", type: strings },
  providerAccountId: { description: "The cloud account Atlas's stream processing connects from.", type: string },
  adopted: shared.adopted("True when Atlas already had this connection (409) and this resource took it over."),
} as const satisfies { [K in keyof Required<StreamPrivateLinkOutputs>]: PropertySpec };
