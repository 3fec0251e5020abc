import * as pulumi from "@pulumi/pulumi";
// EndpointService (issue 19): the lane skips this program while the package does not export it.
import * as atlas from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
// biome-ignore lint/suspicious/noExplicitAny: typed once EndpointService is exported; until then the lane skips this program
const EndpointService = (atlas as any).EndpointService;

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
