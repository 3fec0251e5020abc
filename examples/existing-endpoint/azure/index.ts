import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// Azure side: the private endpoint you created in your VNet (azure-native network.PrivateEndpoint's id) and the
// IP address of its network interface.
const config = new pulumi.Config();
// Optional: how long `pulumi up` waits for Atlas to report the endpoint AVAILABLE (default 1h); e.g. "45m".
const createTimeout = config.get("createTimeout");

const endpoint = new PrivateEndpoint("orders-db-azure", {
  groupId: config.require("groupId"),
  cloudProvider: "AZURE",
  endpointServiceId: config.require("endpointServiceId"),
  endpointId: config.require("privateEndpointResourceId"),
  privateEndpointIPAddress: config.require("privateEndpointIPAddress"),
  ...(createTimeout ? { timeouts: { create: createTimeout } } : {}),
});

export const pulumiId = endpoint.id;
export const status = endpoint.status;
export const privateEndpointConnectionName = endpoint.privateEndpointConnectionName;
export const privateEndpointIPAddress = endpoint.privateEndpointIPAddress;
export const privateEndpointResourceId = endpoint.privateEndpointResourceId;
// How apps reach each cluster through this endpoint (set once the clusters have applied it; no password in them).
export const privateConnectionStrings = endpoint.privateConnectionStrings;
