import * as pulumi from "@pulumi/pulumi";
import { EndpointService, PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// One endpoint service and one endpoint per cloud in one Atlas project. `npm run demo` sets the project from the
// simulator's seed; against real Atlas, set it yourself (see README, "Point the demo at real Atlas").
const config = new pulumi.Config();
const groupId = config.require("groupId");

// The Atlas side of each private link. In the simulator's project AWS eu-west-1 and Azure westeurope have no
// service yet (they are created; the "archive" cluster is in eu-west-1), while GCP us-central1 has one: it is
// adopted, as a second stack adopts a shared service, and left in Atlas on destroy.
const awsService = new EndpointService("demo-aws-service", {
  groupId,
  cloudProvider: "AWS",
  region: config.get("awsRegion") ?? "eu-west-1",
});
const azureService = new EndpointService("demo-azure-service", {
  groupId,
  cloudProvider: "AZURE",
  region: config.get("azureRegion") ?? "westeurope",
});
const gcpService = new EndpointService("demo-gcp-service", {
  groupId,
  cloudProvider: "GCP",
  region: config.get("gcpRegion") ?? "us-central1",
});

const aws = new PrivateEndpoint("demo-aws", {
  groupId,
  cloudProvider: "AWS",
  endpointServiceId: awsService.endpointServiceId,
  endpointId: config.get("awsVpcEndpointId") ?? "vpce-0a1b2c3d4e5f60718",
});

const azure = new PrivateEndpoint("demo-azure", {
  groupId,
  cloudProvider: "AZURE",
  endpointServiceId: azureService.endpointServiceId,
  endpointId:
    config.get("azurePrivateEndpointId") ??
    "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/demo-rg/providers/Microsoft.Network/privateEndpoints/demo-pe",
  privateEndpointIPAddress: config.get("azurePrivateEndpointIP") ?? "10.0.0.4",
});

const gcp = new PrivateEndpoint("demo-gcp", {
  groupId,
  cloudProvider: "GCP",
  endpointServiceId: gcpService.endpointServiceId,
  gcpProjectId: config.get("gcpProjectId") ?? "p-0a1b2c3d4e5f6a7b8c9d0e1f",
  endpointGroupName: "demo-psc",
  endpoints: [
    { endpointName: "demo-psc-0", ipAddress: "10.142.0.10" },
    { endpointName: "demo-psc-1", ipAddress: "10.142.0.11" },
  ],
});

export const awsEndpointServiceName = awsService.endpointServiceName;
export const azurePrivateLinkServiceResourceId = azureService.privateLinkServiceResourceId;
export const gcpServiceAttachmentNames = gcpService.serviceAttachmentNames;
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
