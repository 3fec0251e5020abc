import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// GCP side: the forwarding rules you created in your project, one per Atlas service attachment
// (a port-mapped endpoint service takes exactly one).
const config = new pulumi.Config();
const endpointGroupName = config.get("endpointGroupName") ?? "orders-db-psc";
const endpointCount = config.getNumber("endpointCount") ?? 2;

const endpoint = new PrivateEndpoint("orders-db-gcp", {
  groupId: config.require("groupId"),
  cloudProvider: "GCP",
  endpointServiceId: config.require("endpointServiceId"),
  gcpProjectId: config.require("gcpProjectId"),
  endpointGroupName,
  endpoints: Array.from({ length: endpointCount }, (_, i) => ({
    endpointName: `${endpointGroupName}-${i}`,
    ipAddress: `10.142.0.${10 + i}`,
  })),
});

export const pulumiId = endpoint.id;
export const status = endpoint.status;
export const endpoints = endpoint.endpoints;
export const portMappingEnabled = endpoint.portMappingEnabled;
// How apps reach each cluster through this endpoint (set once the clusters have applied it; no password in them).
export const privateConnectionStrings = endpoint.privateConnectionStrings;
