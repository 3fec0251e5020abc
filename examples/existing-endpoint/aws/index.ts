import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// Atlas side: the project and its AWS endpoint service (e.g. mongodbatlas.PrivateLinkEndpoint's privateLinkId).
// AWS side: the interface endpoint you created in your VPC, typically `new aws.ec2.VpcEndpoint(...).id`.
const config = new pulumi.Config();

const endpoint = new PrivateEndpoint("orders-db-aws", {
  groupId: config.require("groupId"),
  cloudProvider: "AWS",
  endpointServiceId: config.require("endpointServiceId"),
  endpointId: config.require("vpcEndpointId"),
});

export const pulumiId = endpoint.id;
export const connectionStatus = endpoint.connectionStatus;
export const interfaceEndpointId = endpoint.interfaceEndpointId;
export const adopted = endpoint.adopted;
// How apps reach each cluster through this endpoint (set once the clusters have applied it; no password in them).
export const privateConnectionStrings = endpoint.privateConnectionStrings;
