/**
 * Valid StreamPrivateLink inputs for every provider/vendor combination Atlas offers, each to a target
 * no other call names (Atlas refuses a second live connection to one target): the rows the vendor
 * tests and the bad-input table start from.
 */
import { randomBytes, randomUUID } from "node:crypto";

const hex = (length: number) => randomBytes(length).toString("hex").slice(0, length);

const subscription = () => `/subscriptions/${randomUUID()}/resourceGroups/rg-streams`;

/** Regions by cloud; the vendors whose target is their region take one each, in turn. */
const REGIONS = {
  AWS: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-south-1", "ap-northeast-1"],
  AZURE: ["eastus", "eastus2", "westus2", "westeurope", "northeurope"],
  GCP: ["us-central1", "us-east4", "us-west1", "europe-west1", "europe-west3", "asia-east1"],
} as const;
let turn = 0;
const region = (cloud: keyof typeof REGIONS) => REGIONS[cloud][turn++ % REGIONS[cloud].length]!;

/** The fields each combination needs, with values Atlas's own docs and Terraform's examples use. */
const FIELDS: Record<string, Record<string, () => Record<string, unknown>>> = {
  AWS: {
    MSK: () => ({ arn: `arn:aws:kafka:us-east-1:123456789012:cluster/streams-${hex(6)}/${randomUUID()}-1` }),
    CONFLUENT: () => {
      const domain = `${hex(6)}.us-east-1.aws.confluent.cloud`;
      return {
        region: "us-east-1",
        serviceEndpointId: `com.amazonaws.vpce.us-east-1.vpce-svc-${hex(17)}`,
        dnsDomain: domain,
        dnsSubDomain: [`use1-az1.${domain}`, `use1-az2.${domain}`],
      };
    },
    KINESIS: () => ({ region: region("AWS") }),
    S3: () => ({ region: "us-east-1", serviceEndpointId: `com.amazonaws.us-east-1.s3-${hex(6)}` }),
    LAMBDA: () => ({ region: region("AWS") }),
    GENERIC: () => ({ region: "us-east-2", serviceEndpointId: `com.amazonaws.vpce.us-east-2.vpce-svc-${hex(17)}` }),
  },
  AZURE: {
    EVENTHUB: () => {
      const namespace = `ns-${hex(8)}`;
      return {
        region: "eastus",
        serviceEndpointId: `${subscription()}/providers/Microsoft.EventHub/namespaces/${namespace}`,
        dnsDomain: `${namespace}.servicebus.windows.net`,
      };
    },
    CONFLUENT: () => ({
      region: region("AZURE"),
      dnsDomain: `${hex(6)}.eastus2.azure.confluent.cloud`,
      azureResourceIds: [1, 2, 3].map((zone) => `${subscription()}/providers/Microsoft.Network/privateLinkServices/pls-${zone}`),
    }),
    AZURE_BLOB_STORAGE: () => {
      const account = `st${hex(10)}`;
      return {
        region: "westeurope",
        serviceEndpointId: `${subscription()}/providers/Microsoft.Storage/storageAccounts/${account}`,
        dnsDomain: `${account}.blob.core.windows.net`,
      };
    },
    GENERIC: () => ({
      region: "westus2",
      serviceEndpointId: `${subscription()}/providers/Microsoft.Network/privateLinkServices/pls-${hex(6)}`,
    }),
  },
  GCP: {
    CONFLUENT: () => ({
      region: "us-west1",
      dnsDomain: `${hex(6)}.us-west1.gcp.confluent.cloud`,
      gcpServiceAttachmentUris: [1, 2].map((zone) => `projects/confluent-${hex(6)}/regions/us-west1/serviceAttachments/s-${zone}`),
    }),
    PUBSUB: () => ({ region: region("GCP") }),
    GENERIC: () => ({ region: "us-east4", serviceEndpointId: `projects/p-${hex(6)}/regions/us-east4/serviceAttachments/generic` }),
  },
};

/** Every combination, as [cloud, vendor]. */
export const STREAM_LINK_COMBINATIONS: [string, string][] = Object.entries(FIELDS).flatMap(([cloud, vendors]) =>
  Object.keys(vendors).map((vendor) => [cloud, vendor] as [string, string]),
);

/** Valid inputs of `cloud` and `vendor` in project `groupId`, to a fresh target. */
export function streamLinkArgs(
  groupId: string,
  cloud: string,
  vendor: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> & { groupId: string; cloudProvider: string; vendor: string } {
  const fields = FIELDS[cloud]?.[vendor];
  if (!fields) throw new Error(`stream-private-links: no valid inputs for ${cloud} ${vendor}; add them`);
  return { groupId, cloudProvider: cloud, vendor, ...fields(), ...overrides };
}
