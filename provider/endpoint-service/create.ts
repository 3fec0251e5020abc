/**
 * EndpointService's create: find or create the region's service. Atlas allows one per slot (cloud, region and, on
 * GCP, port-mapping kind) and gives its id; what that means after a lost answer, and with another stack in the
 * same region, is operations/create.ts's placeNamedByAtlas (docs/usage.md, "Two stacks, one region").
 */
import type { AtlasClient, CreateEndpointServiceRequest, EndpointService } from "../client";
import { reportProgress } from "../host/stderr";
import { placeNamedByAtlas, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import type { ServiceRef } from "../vocabulary/refs";
import { sameRegion } from "../vocabulary/regions";
import { chooseAdoptable, inSlot } from "./adoption";
import { describeService, identityOf } from "./ids";
import type { ResolvedServiceInputs } from "./inputs";

export const REGION_CONFLICT = "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION";

/** A service as progress lines name it: its id and region. */
export type PlacedServiceRef = ServiceRef & { regionName?: string };

type PlacedService = Placed<PlacedServiceRef, EndpointService>;

function regionText(inputs: ResolvedServiceInputs): string {
  return `${inputs.cloudProvider} region ${inputs.region} of project groupId="${inputs.groupId}"`;
}

export function refOf(inputs: ResolvedServiceInputs, endpointServiceId: string): PlacedServiceRef {
  return { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId, regionName: inputs.region };
}

export function wordsFor(inputs: ResolvedServiceInputs): UnconfirmedWords {
  const where = regionText(inputs);
  return {
    act: "create",
    subject: `the endpoint service for ${where}`,
    attempt: `create the endpoint service for ${where}`,
    groupId: inputs.groupId,
    notFound: (message) => `Atlas has no project groupId="${inputs.groupId}" these credentials can see (${message}). Check groupId.`,
    done: "created",
    recordedAs: "unconfirmed",
    nextUp: "it takes the region's service if Atlas has it, or creates it",
  };
}

/** The project's services of the inputs' cloud and region, of either GCP port-mapping kind. */
async function servicesInRegion(client: AtlasClient, inputs: ResolvedServiceInputs): Promise<EndpointService[]> {
  const listed = await client.listEndpointServices({ groupId: inputs.groupId, cloudProvider: inputs.cloudProvider });
  return listed.filter(
    (service) => service.regionName !== undefined && sameRegion(inputs.cloudProvider, service.regionName, inputs.region),
  );
}

/** Takes over the slot's existing service when adoptExisting allows and it matches; says why not otherwise. */
function adopt(inputs: ResolvedServiceInputs, candidates: EndpointService[], how: string): PlacedService {
  const where = regionText(inputs);
  if (!inputs.adoptExisting) {
    throw new Error(
      `Atlas already has an endpoint service for ${where} (${candidates.map((service) => service.id).join(", ")}; ${how}), and it allows one per cloud and region. ` +
        "adoptExisting is false, so it is not taken over: set adoptExisting: true to share it with this stack, or remove it from Atlas.",
    );
  }
  const choice = chooseAdoptable(inputs, candidates);
  if ("differences" in choice) {
    throw new Error(
      `Atlas already has an endpoint service for ${where} (${how}), but it differs from the inputs, so it is not adopted: ${choice.differences.join(" | ")}. ` +
        "Change the inputs to match, or manage that service from the stack that created it.",
    );
  }
  const ref = refOf(inputs, choice.service.id ?? "?");
  reportProgress(
    `${describeService(ref)}: the project already has it (${how}); adopting it because adoptExisting is true. ` +
      "Destroying this resource leaves it in Atlas unless deleteAdoptedOnDestroy is true.",
  );
  return { ref, answer: choice.service, adopted: true };
}

/** What a resumed update says when Atlas no longer has the service. */
export const again = "creating it again";

/** The POST body, in the API's names (`providerName`, `region` in Atlas's spelling). */
function createRequestOf(inputs: ResolvedServiceInputs): CreateEndpointServiceRequest {
  return {
    providerName: inputs.cloudProvider,
    region: inputs.region,
    ...(inputs.cloudProvider === "GCP" && inputs.portMappingEnabled !== undefined ? { portMappingEnabled: inputs.portMappingEnabled } : {}),
    ...(inputs.cloudProvider === "AWS" && inputs.supportedRemoteRegions !== undefined
      ? { supportedRemoteRegions: inputs.supportedRemoteRegions }
      : {}),
  };
}

/**
 * Finds or creates the region's service (operations/create.ts's placeNamedByAtlas): the region's services are
 * listed first; one of this slot is adopted without provoking a 409. GCP keeps a legacy and a port-mapped service
 * side by side in one region (the migration path): one of the other kind is no reason not to create, and Atlas
 * answers 409 if it disagrees (then every service of the region is what the 409 met).
 */
export function place(client: AtlasClient, inputs: ResolvedServiceInputs): Promise<PlacedService> {
  const identity = identityOf(inputs);
  return placeNamedByAtlas<ResolvedServiceInputs, PlacedServiceRef, EndpointService>(
    {
      words: wordsFor(inputs),
      list: servicesInRegion,
      idOf: (service) => service.id,
      inSlot: (_inputs, service) => inSlot(service, identity),
      adoptsListed: true,
      post: () => client.createEndpointService({ groupId: inputs.groupId }, createRequestOf(inputs)),
      refOf: (_inputs, service) => refOf(inputs, service.id ?? "?"),
      created: (ref) => `${describeService(ref)}: created`,
      describe: describeService,
      adopt,
      conflictsWith: (_inputs, listed) => listed,
      otherConflict: (conflict) => conflict.errorCode !== REGION_CONFLICT && conflict.errorCode !== undefined,
      noneListed: (conflict) =>
        new Error(
          `Atlas answered 409 (${conflict.errorCode ?? "conflict"}) for a new endpoint service in ${regionText(inputs)} but lists none there; it is probably being deleted. Run \`pulumi up\` again in a minute.`,
          { cause: conflict },
        ),
    },
    client,
    inputs,
  );
}
