import { lifecycle } from "../../../provider/private-endpoint/lifecycle";
import { formatResourceId } from "../../../provider/private-endpoint/ids";
import { UNKNOWN } from "../../../provider/vocabulary/validation";

const diffInputs = lifecycle.diff;

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const serviceId = "6a1b2c3d4e5f6a7b8c9d0e1f";
const otherServiceId = "7b1b2c3d4e5f6a7b8c9d0e1f";
const azureId = "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/pe-1";
const defaults = { deleteOnCreateTimeout: false, adoptExisting: true };

const awsInputs = { groupId, cloudProvider: "AWS", endpointServiceId: serviceId, endpointId: "vpce-0123456789abcdef0", ...defaults };
const awsOutputs = {
  ...awsInputs,
  connectionStatus: "AVAILABLE",
  interfaceEndpointId: "64f0a1b2c3d4e5f6a7b8c9d0",
  adopted: false,
  __provider: "p",
};
const awsId = formatResourceId({ groupId, cloudProvider: "AWS", endpointServiceId: serviceId, endpointId: awsInputs.endpointId });

const azureInputs = {
  groupId,
  cloudProvider: "AZURE",
  endpointServiceId: serviceId,
  endpointId: azureId,
  privateEndpointIPAddress: "10.0.0.5",
  ...defaults,
};
const azureOutputs = { ...azureInputs, status: "AVAILABLE", adopted: false };
const azureResourceId = formatResourceId({ groupId, cloudProvider: "AZURE", endpointServiceId: serviceId, endpointId: azureId });

const rules = [
  { endpointName: "orders-psc-0", ipAddress: "10.142.0.10" },
  { endpointName: "orders-psc-1", ipAddress: "10.142.0.11" },
];
const gcpInputs = {
  groupId,
  cloudProvider: "GCP",
  endpointServiceId: serviceId,
  gcpProjectId: "p-abcdefghijklmnopqrstuvwx",
  endpointGroupName: "orders-psc",
  endpoints: rules,
  ...defaults,
};
const gcpOutputs = {
  ...gcpInputs,
  endpoints: rules.map((r) => ({ ...r, status: "AVAILABLE" })),
  status: "AVAILABLE",
  portMappingEnabled: false,
  adopted: false,
};
const gcpId = formatResourceId({ groupId, cloudProvider: "GCP", endpointServiceId: serviceId, endpointId: "orders-psc" });

type Row = [
  string,
  string,
  Record<string, unknown>,
  Record<string, unknown>,
  { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean },
];

const table: Row[] = [
  ["no change at all is no change", awsId, awsOutputs, awsInputs, { changes: false, replaces: [], deleteBeforeReplace: false }],
  [
    "a new __provider alone is no change",
    awsId,
    awsOutputs,
    { ...awsInputs, __provider: "q" },
    { changes: false, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "a new AWS endpoint id replaces create-before-delete (a different Atlas endpoint)",
    awsId,
    awsOutputs,
    { ...awsInputs, endpointId: "vpce-0123456789abcdef1" },
    { changes: true, replaces: ["endpointId"], deleteBeforeReplace: false },
  ],
  [
    "a new endpoint service replaces create-before-delete",
    awsId,
    awsOutputs,
    { ...awsInputs, endpointServiceId: otherServiceId },
    { changes: true, replaces: ["endpointServiceId"], deleteBeforeReplace: false },
  ],
  [
    "a new Azure IP for the same endpoint replaces delete-before-replace",
    azureResourceId,
    azureOutputs,
    { ...azureInputs, privateEndpointIPAddress: "10.0.0.6" },
    { changes: true, replaces: ["privateEndpointIPAddress"], deleteBeforeReplace: true },
  ],
  [
    "an Azure id differing only in letter case is the same endpoint",
    azureResourceId,
    azureOutputs,
    { ...azureInputs, endpointId: azureId.replace("resourceGroups", "resourcegroups") },
    { changes: false, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "an Azure IP change together with a new Azure id replaces create-before-delete",
    azureResourceId,
    azureOutputs,
    { ...azureInputs, endpointId: azureId.replace("pe-1", "pe-2"), privateEndpointIPAddress: "10.0.0.6" },
    { changes: true, replaces: ["endpointId", "privateEndpointIPAddress"], deleteBeforeReplace: false },
  ],
  [
    "new GCP forwarding rules in the same group replace delete-before-replace",
    gcpId,
    gcpOutputs,
    { ...gcpInputs, endpoints: [rules[0]] },
    { changes: true, replaces: ["endpoints"], deleteBeforeReplace: true },
  ],
  [
    "reordered GCP forwarding rules are no change",
    gcpId,
    gcpOutputs,
    { ...gcpInputs, endpoints: [rules[1], rules[0]] },
    { changes: false, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "a new GCP project in the same group replaces delete-before-replace",
    gcpId,
    gcpOutputs,
    { ...gcpInputs, gcpProjectId: "p-bbcdefghijklmnopqrstuvwx" },
    { changes: true, replaces: ["gcpProjectId"], deleteBeforeReplace: true },
  ],
  [
    "a new GCP group name replaces create-before-delete",
    gcpId,
    gcpOutputs,
    { ...gcpInputs, endpointGroupName: "billing-psc" },
    { changes: true, replaces: ["endpointGroupName"], deleteBeforeReplace: false },
  ],
  [
    "on a port-mapped service a new group name alone is no change (Atlas ignores it)",
    gcpId,
    { ...gcpOutputs, portMappingEnabled: true },
    { ...gcpInputs, endpointGroupName: "billing-psc" },
    { changes: false, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "on a port-mapped service a new IP for the same rule replaces delete-before-replace even under a new group name",
    gcpId,
    { ...gcpOutputs, portMappingEnabled: true, endpoints: [{ ...rules[0], status: "AVAILABLE" }] },
    { ...gcpInputs, endpointGroupName: "billing-psc", endpoints: [{ endpointName: "orders-psc-0", ipAddress: "10.142.0.99" }] },
    { changes: true, replaces: ["endpoints"], deleteBeforeReplace: true },
  ],
  [
    "a move to another cloud replaces create-before-delete",
    awsId,
    awsOutputs,
    azureInputs,
    { changes: true, replaces: ["cloudProvider", "endpointId", "privateEndpointIPAddress"], deleteBeforeReplace: false },
  ],
  [
    "an unknown endpoint id counts as a change and may name the same endpoint, so deletes first",
    awsId,
    awsOutputs,
    { ...awsInputs, endpointId: UNKNOWN },
    { changes: true, replaces: ["endpointId"], deleteBeforeReplace: true },
  ],
  [
    "an unknown GCP rule list counts as a change",
    gcpId,
    gcpOutputs,
    { ...gcpInputs, endpoints: UNKNOWN },
    { changes: true, replaces: ["endpoints"], deleteBeforeReplace: true },
  ],
  [
    "an unknown service id with a new endpoint id cannot be the same endpoint",
    awsId,
    awsOutputs,
    { ...awsInputs, endpointServiceId: UNKNOWN, endpointId: "vpce-0123456789abcdef1" },
    { changes: true, replaces: ["endpointServiceId", "endpointId"], deleteBeforeReplace: false },
  ],
  [
    "a new create timeout is an update, not a replacement",
    awsId,
    awsOutputs,
    { ...awsInputs, timeouts: { create: "90m" } },
    { changes: true, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "the same timeout written differently is no change",
    awsId,
    { ...awsOutputs, timeouts: { create: "1h" } },
    { ...awsInputs, timeouts: { create: 3600 } },
    { changes: false, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "turning deleteOnCreateTimeout on is an update",
    awsId,
    awsOutputs,
    { ...awsInputs, deleteOnCreateTimeout: true },
    { changes: true, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "turning adoptExisting off is an update",
    awsId,
    awsOutputs,
    { ...awsInputs, adoptExisting: false },
    { changes: true, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "an unknown option is an update",
    awsId,
    awsOutputs,
    { ...awsInputs, timeouts: UNKNOWN },
    { changes: true, replaces: [], deleteBeforeReplace: false },
  ],
  [
    "an option change together with an identity change replaces",
    awsId,
    awsOutputs,
    { ...awsInputs, adoptExisting: false, endpointId: "vpce-0123456789abcdef1" },
    { changes: true, replaces: ["endpointId"], deleteBeforeReplace: false },
  ],
];

describe("diffInputs", () => {
  test.each(table)("%s", (_name, id, olds, news, expected) => {
    expect(diffInputs(id, olds, news)).toEqual(expected);
  });

  test("falls back to the stored outputs when the id cannot be parsed", () => {
    expect(diffInputs("legacy-id", azureOutputs, { ...azureInputs, privateEndpointIPAddress: "10.0.0.6" }).deleteBeforeReplace).toBe(true);
  });
});
