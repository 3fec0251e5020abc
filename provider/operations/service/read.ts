import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { AtlasClientError, isAtlasNotFound, type AtlasClient, type EndpointService, type ServiceRef } from "../../client";
import { connectToAtlas } from "../../host/connection";
import { reportProgress } from "../../host/stderr";
import { describeService, formatServiceId, parseServiceId, parseUnconfirmedServiceId } from "../../vocabulary/ids";
import { sameRegion } from "../../vocabulary/regions";
import {
  resolveServiceInputs,
  SERVICE_INPUT_DEFAULTS,
  SERVICE_INPUT_KEYS,
  type ResolvedServiceInputs,
} from "../../vocabulary/service-inputs";
import { toServiceOutputs, type EndpointServiceOutputs } from "../../vocabulary/service-outputs";
import { serviceGoneTwice } from "../../waiting/gone";

/**
 * The service a resource in state names. An id recorded while a create was unconfirmed names the
 * region instead: the region's service (if Atlas lists one) is that create's.
 */
export async function locateService(client: AtlasClient, id: string): Promise<ServiceRef | undefined> {
  const unconfirmed = parseUnconfirmedServiceId(id);
  if (!unconfirmed) return parseServiceId(id);
  const services = await client.listEndpointServices({ groupId: unconfirmed.groupId, cloudProvider: unconfirmed.cloudProvider });
  const found = services.find(
    (service) => service.regionName !== undefined && sameRegion(unconfirmed.cloudProvider, service.regionName, unconfirmed.regionName),
  );
  if (!found?.id) return undefined;
  reportProgress(
    `${describeService({ ...unconfirmed, endpointServiceId: found.id })}: found in ${unconfirmed.regionName}, where an earlier create was unconfirmed`,
  );
  return { groupId: unconfirmed.groupId, cloudProvider: unconfirmed.cloudProvider, endpointServiceId: found.id };
}

/** The declared inputs, or (import: no state) what the id and Atlas say they are. */
export function declaredServiceInputs(ref: ServiceRef, props: Record<string, unknown>, service: EndpointService): ResolvedServiceInputs {
  try {
    return resolveServiceInputs(props);
  } catch {
    return {
      groupId: ref.groupId,
      cloudProvider: ref.cloudProvider,
      region: service.regionName ?? "",
      portMappingEnabled: service.cloudProvider === "GCP" ? (service.portMappingEnabled ?? false) : undefined,
      supportedRemoteRegions: service.cloudProvider === "AWS" ? (service.supportedRemoteRegions ?? undefined) : undefined,
      adoptExisting: props.adoptExisting === false ? false : SERVICE_INPUT_DEFAULTS.adoptExisting,
      deleteAdoptedOnDestroy: props.deleteAdoptedOnDestroy === true,
    };
  }
}

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
function refreshedInputs(outputs: EndpointServiceOutputs, service: EndpointService): Record<string, unknown> {
  const keys = SERVICE_INPUT_KEYS[outputs.cloudProvider];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  // What Atlas holds wins over what was declared; options stay as declared.
  if (service.cloudProvider === "AWS" && outputs.supportedRemoteRegions !== undefined) {
    inputs.supportedRemoteRegions = service.supportedRemoteRegions ?? [];
  }
  return inputs;
}

/**
 * Refresh and import: GET the service. Only Atlas's own 404, confirmed by a second look, drops it
 * from the stack (see serviceGoneTwice); any other error is an error, never a deletion.
 */
export async function readService(id: string, props: Record<string, unknown>): Promise<ReadResult<EndpointServiceOutputs>> {
  const client = connectToAtlas();
  let ref: ServiceRef | undefined;
  let service: EndpointService | undefined;
  try {
    ref = await locateService(client, id);
    if (ref) {
      try {
        service = await client.getEndpointService(ref);
      } catch (error) {
        if (!isAtlasNotFound(error)) throw error;
        // Only Atlas's own 404, seen twice, drops the service from the stack (gone.ts).
        const look = await serviceGoneTwice(client, ref, error);
        if (look.kind === "found") service = look.value;
      }
    }
  } catch (error) {
    if (!(error instanceof AtlasClientError)) throw error;
    throw new Error(
      `${error.message}. Could not refresh the endpoint service ${id}: the stack keeps it as it was; run \`pulumi refresh\` again once Atlas answers.`,
      { cause: error },
    );
  }
  if (!ref || !service) {
    reportProgress(`endpoint service ${ref?.endpointServiceId ?? id}: not found in Atlas (404) twice; it is gone`);
    return { id: "" };
  }
  const declared = declaredServiceInputs(ref, props, service);
  const declaredRegion = typeof props.region === "string" ? props.region : declared.region;
  const outputs = toServiceOutputs(declared, ref.endpointServiceId, service, props.adopted === true, declaredRegion);
  return { id: formatServiceId(ref), props: outputs, inputs: refreshedInputs(outputs, service) as unknown as EndpointServiceOutputs };
}
