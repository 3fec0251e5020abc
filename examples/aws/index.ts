import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointService, PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// The whole private link on AWS: the Atlas endpoint service of the region, the VPC interface
// endpoint that connects to it, the registration, and the clusters' private connection strings.
const config = new pulumi.Config();
const groupId = config.require("groupId"); // the Atlas project
const region = config.get("region") ?? "us-east-1"; // where the VPC is (also aws:region)

// Atlas's side. A second stack in the same project and region adopts this service instead of failing.
const service = new EndpointService("atlas-service", { groupId, cloudProvider: "AWS", region });

// AWS's side: an interface endpoint to the service Atlas created, in your VPC's subnets.
const vpce = new aws.ec2.VpcEndpoint("atlas-vpce", {
  vpcId: config.require("vpcId"),
  subnetIds: config.requireObject<string[]>("subnetIds"),
  securityGroupIds: config.requireObject<string[]>("securityGroupIds"), // allow TCP 1024-65535 from your apps
  vpcEndpointType: "Interface",
  serviceName: service.endpointServiceName,
});

// The registration: Atlas accepts the endpoint, then the project's clusters apply it.
const endpoint = new PrivateEndpoint("orders-db", {
  groupId,
  cloudProvider: "AWS",
  endpointServiceId: service.endpointServiceId,
  endpointId: vpce.id,
});

export const endpointServiceId = service.endpointServiceId;
export const vpcEndpointId = vpce.id;
export const connectionStatus = endpoint.connectionStatus;
// How apps reach each cluster through this endpoint (no password in them).
export const privateConnectionStrings = endpoint.privateConnectionStrings;
