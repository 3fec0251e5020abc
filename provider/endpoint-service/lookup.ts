/**
 * getEndpointService: the project's endpoint service for a cloud and region (on GCP, of one port-mapping kind), for
 * a stack that uses a region's service another stack (or the console, or Terraform) made, instead of declaring it
 * and adopting it.
 */
import { z } from "zod";
import type { AtlasClient, EndpointService } from "../client";
import { lookup } from "../operations/lookup";
import { cloudProvider, flag, HEX24, shown, text } from "../vocabulary/validation";
import { regionHelp, sameRegion } from "../vocabulary/regions";
import { plainJson } from "../vocabulary/state";
import { atlasRegionName } from "../vocabulary/regions";
import type { CloudProvider } from "../vocabulary/clouds";
import { inSlot } from "./adoption";
import { reportedFields, type EndpointServiceOutputs, type ReportedServiceFields } from "./outputs";
import { ENDPOINT_SERVICE_PROPERTIES as P } from "./properties";

/** The service a look-up found: what Atlas reports of it, in EndpointService's output names. */
export type EndpointServiceLookup = Omit<ReportedServiceFields, "regionName"> &
  Pick<EndpointServiceOutputs, "endpointServiceId" | "portMappingEnabled"> & { cloudProvider: CloudProvider; regionName: string };

const args = z
  .object({
    groupId: text(HEX24, "24 hexadecimal characters (the Atlas project id)"),
    cloudProvider,
    region: z.string({ error: "is required (the region, in the cloud's spelling or Atlas's)" }),
    portMappingEnabled: flag,
  })
  .strict()
  .superRefine((value, ctx) => {
    const cloud = value.cloudProvider ?? "AWS";
    if (atlasRegionName(cloud, value.region) === undefined) {
      ctx.addIssue({ code: "custom", path: ["region"], message: `must be ${regionHelp(cloud)}, got ${shown(value.region)}` });
    }
  });

async function read(client: AtlasClient, given: z.output<typeof args>): Promise<EndpointServiceLookup> {
  const cloud = given.cloudProvider ?? "AWS";
  const regionName = atlasRegionName(cloud, given.region) ?? given.region;
  const listed = await client.listEndpointServices({ groupId: given.groupId, cloudProvider: cloud });
  const inRegion = listed.filter((service) => service.regionName !== undefined && sameRegion(cloud, service.regionName, regionName));
  // On GCP a region may hold a legacy and a port-mapped service: the kind asked for, or the one there is.
  const kinds =
    given.portMappingEnabled === undefined
      ? inRegion
      : inRegion.filter((service) =>
          inSlot(service, { groupId: given.groupId, cloudProvider: cloud, regionName, portMapped: given.portMappingEnabled === true }),
        );
  const where = `${cloud} region ${regionName} of project groupId="${given.groupId}"`;
  if (kinds.length === 0) {
    const elsewhere = listed.map((service) => service.regionName).filter((name): name is string => name !== undefined);
    throw new Error(
      `getEndpointService: Atlas has no endpoint service${given.portMappingEnabled === undefined ? "" : given.portMappingEnabled ? " with port mapping" : " without port mapping"} for ${where}` +
        `${elsewhere.length > 0 ? ` (it has ${cloud} services in ${[...new Set(elsewhere)].join(", ")})` : ""}. Create it with an EndpointService resource.`,
    );
  }
  if (kinds.length > 1) {
    throw new Error(
      `getEndpointService: ${where} holds a port-mapped and a legacy service (${kinds.map((service) => service.id).join(", ")}); say which with portMappingEnabled: true or false.`,
    );
  }
  return resultOf(kinds[0]!, regionName);
}

function resultOf(service: EndpointService, regionName: string): EndpointServiceLookup {
  return plainJson({
    endpointServiceId: service.id ?? "",
    cloudProvider: service.cloudProvider,
    ...reportedFields(service.cloudProvider, service),
    regionName: service.regionName ?? regionName,
    portMappingEnabled: service.cloudProvider === "GCP" ? (service.portMappingEnabled ?? false) : undefined,
  });
}

export const getEndpointService = lookup({
  name: "getEndpointService",
  description:
    "The project's Atlas private endpoint service for a cloud and region (on GCP, of one port-mapping kind): its id for " +
    "PrivateEndpoint's endpointServiceId and the names a cloud-side endpoint connects to. Fails, naming the regions it has, " +
    "when Atlas has none there. Reads Atlas, so it needs credentials at preview too.",
  inputs: {
    groupId: P.groupId,
    cloudProvider: P.cloudProvider,
    region: P.region,
    portMappingEnabled: {
      ...P.portMappingEnabled,
      description: "GCP: which kind, where a region holds a legacy and a port-mapped service.",
    },
  },
  outputs: {
    endpointServiceId: P.endpointServiceId,
    cloudProvider: { ...P.cloudProvider, input: undefined },
    regionName: { ...P.regionName, alwaysOutput: true },
    status: P.status,
    portMappingEnabled: { ...P.portMappingEnabled, input: undefined },
    endpointServiceName: P.endpointServiceName,
    privateLinkServiceName: P.privateLinkServiceName,
    privateLinkServiceResourceId: P.privateLinkServiceResourceId,
    serviceAttachmentNames: P.serviceAttachmentNames,
    endpointIds: P.endpointIds,
    errorMessage: P.errorMessage,
  },
  args,
  read,
});

export const lookups = [getEndpointService];
