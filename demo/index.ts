import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// One endpoint per cloud in one Atlas project. `npm run demo` sets this config from the simulator's seed;
// against real Atlas, set it yourself (see README, "Point the demo at real Atlas").
const config = new pulumi.Config();
const groupId = config.require("groupId");

const aws = new PrivateEndpoint("demo-aws", {
  groupId,
  cloudProvider: "AWS",
  endpointServiceId: config.require("awsEndpointServiceId"),
  endpointId: config.get("awsVpcEndpointId") ?? "vpce-0a1b2c3d4e5f60718",
});

const azure = new PrivateEndpoint("demo-azure", {
  groupId,
  cloudProvider: "AZURE",
  endpointServiceId: config.require("azureEndpointServiceId"),
  endpointId:
    config.get("azurePrivateEndpointId") ??
    "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/demo-rg/providers/Microsoft.Network/privateEndpoints/demo-pe",
  privateEndpointIPAddress: config.get("azurePrivateEndpointIP") ?? "10.0.0.4",
});

const gcp = new PrivateEndpoint("demo-gcp", {
  groupId,
  cloudProvider: "GCP",
  endpointServiceId: config.require("gcpEndpointServiceId"),
  gcpProjectId: config.get("gcpProjectId") ?? "p-0a1b2c3d4e5f6a7b8c9d0e1f",
  endpointGroupName: "demo-psc",
  endpoints: [
    { endpointName: "demo-psc-0", ipAddress: "10.142.0.10" },
    { endpointName: "demo-psc-1", ipAddress: "10.142.0.11" },
  ],
});

export const awsConnectionStatus = aws.connectionStatus;
export const awsInterfaceEndpointId = aws.interfaceEndpointId;
export const azureStatus = azure.status;
export const azurePrivateEndpointIPAddress = azure.privateEndpointIPAddress;
export const azurePrivateEndpointConnectionName = azure.privateEndpointConnectionName;
export const gcpStatus = gcp.status;
export const gcpEndpoints = gcp.endpoints;
// The seeded project's clusters in each endpoint's region, and how to reach them through it.
export const awsPrivateConnectionStrings = aws.privateConnectionStrings;
export const gcpPrivateConnectionStrings = gcp.privateConnectionStrings;
