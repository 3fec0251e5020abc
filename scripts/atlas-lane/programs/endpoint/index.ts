import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpoint } from "pulumi-atlas-private-endpoint";

// One AWS registration, every knob from stack config, as a user's program would write it.
const config = new pulumi.Config();
const createTimeout = config.get("createTimeout");

const endpoint = new PrivateEndpoint("lane-endpoint", {
  groupId: config.require("groupId"),
  cloudProvider: "AWS",
  endpointServiceId: config.require("endpointServiceId"),
  endpointId: config.require("endpointId"),
  waitForClusters: false,
  deleteOnCreateTimeout: config.getBoolean("deleteOnCreateTimeout") ?? false,
  ...(createTimeout ? { timeouts: { create: createTimeout } } : {}),
});

export const pulumiId = endpoint.id;
export const connectionStatus = endpoint.connectionStatus;
export const adopted = endpoint.adopted;
