/**
 * EndpointService's part of refresh, import and every later operation (the rest is
 * operations/read.ts): the service a record names, the inputs it declared or, imported, what Atlas
 * says they were, and the inputs as Atlas has them now.
 */
import type { AtlasApiError, AtlasClient, EndpointService } from "../client";
import type { ServiceRef } from "../vocabulary/refs";
import { confirmGoneInProject } from "../waiting/gone";
import { reportProgress } from "../host/stderr";
import { inSlot } from "./adoption";
import type { PlacedServiceRef } from "./create";
import { describeService, parseServiceId, parseUnconfirmedServiceId } from "./ids";
import { SERVICE_INPUT_DEFAULTS, SERVICE_INPUT_KEYS, type ResolvedServiceInputs } from "./inputs";
import type { EndpointServiceOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** One GET of the service. */
export const get = (client: AtlasClient, ref: ServiceRef): Promise<EndpointService> => client.getEndpointService(ref);

/** Only Atlas's own 404 for the service (not GROUP_NOT_FOUND, not a proxy's 404) says it is gone. */
export async function confirmGone(client: AtlasClient, ref: PlacedServiceRef, notFound: AtlasApiError): Promise<void> {
  confirmGoneInProject(client, notFound, describeService(ref), ref.groupId);
}

/**
 * The service a record names. A record of a create Atlas never confirmed names its slot instead:
 * the service Atlas lists in that slot (region and, on GCP, the record's port-mapping kind) is that
 * create's; undefined when it lists none.
 */
export async function locate(client: AtlasClient, id: string, props: Props): Promise<PlacedServiceRef | undefined> {
  const identity = parseUnconfirmedServiceId(id, props.portMappingEnabled === true);
  if (!identity) return parseServiceId(id);
  const services = await client.listEndpointServices({ groupId: identity.groupId, cloudProvider: identity.cloudProvider });
  const found = services.find((service) => inSlot(service, identity));
  if (!found?.id) return undefined;
  const ref = {
    groupId: identity.groupId,
    cloudProvider: identity.cloudProvider,
    endpointServiceId: found.id,
    regionName: identity.regionName,
  };
  reportProgress(`${describeService(ref)}: found in ${identity.regionName}, where an earlier create was unconfirmed`);
  return ref;
}

/** The inputs of a record that declares none (an import): what the ref and Atlas say they are, and the options in `props`. */
export function inAtlas(ref: PlacedServiceRef, props: Props, service: EndpointService): ResolvedServiceInputs {
  const region = service.regionName ?? "";
  return {
    groupId: ref.groupId,
    cloudProvider: ref.cloudProvider,
    region,
    declaredRegion: region,
    portMappingEnabled: service.cloudProvider === "GCP" ? (service.portMappingEnabled ?? false) : undefined,
    supportedRemoteRegions: service.cloudProvider === "AWS" ? (service.supportedRemoteRegions ?? undefined) : undefined,
    adoptExisting: props.adoptExisting === false ? false : SERVICE_INPUT_DEFAULTS.adoptExisting,
    deleteAdoptedOnDestroy: props.deleteAdoptedOnDestroy === true,
  };
}

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
export function refreshedInputs(outputs: EndpointServiceOutputs, service: EndpointService): Props {
  const keys = SERVICE_INPUT_KEYS[outputs.cloudProvider];
  const inputs: Props = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  // What Atlas holds wins over what was declared; options stay as declared.
  if (service.cloudProvider === "AWS" && outputs.supportedRemoteRegions !== undefined) {
    inputs.supportedRemoteRegions = service.supportedRemoteRegions ?? [];
  }
  return inputs;
}
