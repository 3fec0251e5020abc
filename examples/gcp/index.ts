import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { EndpointService, PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// The whole private link on Google Cloud with Private Service Connect: a port-mapped Atlas
// endpoint service (one service attachment), an internal address and a forwarding rule to it,
// the registration, the connection strings.
const config = new pulumi.Config();
const groupId = config.require("groupId"); // the Atlas project
const region = config.get("region") ?? "us-central1"; // Google's spelling; Atlas's (CENTRAL_US) works too
const gcpProjectId = config.require("gcpProjectId");
const groupName = config.get("endpointGroupName") ?? "atlas-psc";

const service = new EndpointService("atlas-service", { groupId, cloudProvider: "GCP", region, portMappingEnabled: true });

const address = new gcp.compute.Address("atlas-psc-address", {
  project: gcpProjectId,
  region,
  subnetwork: config.require("subnetwork"),
  addressType: "INTERNAL",
});

const rule = new gcp.compute.ForwardingRule("atlas-psc-rule", {
  name: groupName,
  project: gcpProjectId,
  region,
  network: config.require("network"),
  ipAddress: address.id,
  loadBalancingScheme: "", // Private Service Connect
  target: service.serviceAttachmentNames.apply((names) => {
    const [attachment] = names;
    if (!attachment) throw new Error("the Atlas endpoint service has no service attachment yet");
    return attachment;
  }),
});

const endpoint = new PrivateEndpoint("orders-db", {
  groupId,
  cloudProvider: "GCP",
  endpointServiceId: service.endpointServiceId,
  gcpProjectId,
  endpointGroupName: groupName,
  endpoints: [{ endpointName: rule.name, ipAddress: address.address }],
});

export const endpointServiceId = service.endpointServiceId;
export const forwardingRule = rule.name;
export const status = endpoint.status;
export const privateConnectionStrings = endpoint.privateConnectionStrings;
