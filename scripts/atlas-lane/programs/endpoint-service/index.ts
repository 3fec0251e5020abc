import * as pulumi from "@pulumi/pulumi";
import { EndpointService } from "pulumi-atlas-private-endpoint";

// One AWS endpoint service in a region the project does not use; a second stack of the same program adopts it.
const config = new pulumi.Config();

const service = new EndpointService("lane-service", {
  groupId: config.require("groupId"),
  cloudProvider: "AWS",
  region: config.require("region"),
  deleteAdoptedOnDestroy: false,
});

export const endpointServiceId = service.endpointServiceId;
export const status = service.status;
export const adopted = service.adopted;
export const regionName = service.regionName;
