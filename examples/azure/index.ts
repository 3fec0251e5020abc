import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { EndpointService, PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// The whole private link on Azure: the Atlas endpoint service (a Private Link Service in Atlas's
// subscription), your private endpoint connected to it, the registration, the connection strings.
const config = new pulumi.Config();
const groupId = config.require("groupId"); // the Atlas project
const location = config.get("location") ?? "eastus2"; // Azure's spelling; Atlas's (US_EAST_2) works too
const resourceGroupName = config.require("resourceGroupName");

const service = new EndpointService("atlas-service", { groupId, cloudProvider: "AZURE", region: location });

// Atlas approves the connection itself, so it is a manual connection to Atlas's Private Link Service.
const privateEndpoint = new network.PrivateEndpoint("atlas-pe", {
  resourceGroupName,
  location,
  subnet: { id: config.require("subnetId") },
  manualPrivateLinkServiceConnections: [
    { name: "atlas", privateLinkServiceId: service.privateLinkServiceResourceId, requestMessage: "MongoDB Atlas" },
  ],
});

// Atlas needs the endpoint's private IP: the address of the network interface Azure created for it.
const nicName = privateEndpoint.networkInterfaces.apply((nics) => {
  const id = nics[0]?.id;
  if (!id) throw new Error("the private endpoint has no network interface yet");
  return id.split("/").pop() as string;
});
const nic = network.getNetworkInterfaceOutput({ resourceGroupName, networkInterfaceName: nicName });
const privateIp = nic.apply((found) => {
  const ip = found.ipConfigurations?.[0]?.privateIPAddress;
  if (!ip) throw new Error("the private endpoint's network interface has no private IP address");
  return ip;
});

const endpoint = new PrivateEndpoint("orders-db", {
  groupId,
  cloudProvider: "AZURE",
  endpointServiceId: service.endpointServiceId,
  endpointId: privateEndpoint.id, // the resource id, unencoded
  privateEndpointIPAddress: privateIp,
});

export const endpointServiceId = service.endpointServiceId;
export const privateEndpointId = privateEndpoint.id;
export const status = endpoint.status;
export const privateConnectionStrings = endpoint.privateConnectionStrings;
