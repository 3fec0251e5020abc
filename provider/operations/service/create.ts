import type { CreateResult } from "@pulumi/pulumi/dynamic";
import {
  AtlasApiError,
  AtlasNetworkError,
  AtlasResponseShapeError,
  type AtlasClient,
  type EndpointService,
  type ServiceRef,
} from "../../client";
import { connectToAtlas, timeScale } from "../../host/connection";
import { reportProgress } from "../../host/stderr";
import { describeService, formatServiceId, formatUnconfirmedServiceId } from "../../vocabulary/ids";
import { PROVIDER_KEY, timeoutMs } from "../../vocabulary/inputs";
import { resolveServiceInputs, type ResolvedServiceInputs } from "../../vocabulary/service-inputs";
import { toServiceOutputs, type EndpointServiceOutputs } from "../../vocabulary/service-outputs";
import { realClock } from "../../vocabulary/time";
import { graceAfterCreate, notFoundCounter } from "../../waiting/gone";
import { POLL_SCHEDULE } from "../../waiting/poll-schedule";
import { ResourceInitError } from "../resource-init-error";
import { chooseAdoptable, differsOnlyInPortMapping, inRegion } from "./adoption";
import { settleService } from "./settle";

export const REGION_CONFLICT = "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION";

/** Where the service came from: created by this resource, or the project's existing one taken over. */
export interface Placement {
  service: EndpointService;
  adopted: boolean;
  /** When Atlas accepted the create (its 404s soon after are eventual consistency); undefined when adopted. */
  acceptedAt?: number;
}

/** Atlas may have carried out the POST and its answer was lost, and listing the region did not settle it. */
export class ServiceCreateUnconfirmed extends Error {
  override readonly name = "ServiceCreateUnconfirmed";
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function servicesInRegion(client: AtlasClient, inputs: ResolvedServiceInputs): Promise<EndpointService[]> {
  return inRegion(await client.listEndpointServices({ groupId: inputs.groupId, cloudProvider: inputs.cloudProvider }), inputs);
}

function regionText(inputs: ResolvedServiceInputs): string {
  return `${inputs.cloudProvider} region ${inputs.region} of project groupId="${inputs.groupId}"`;
}

/** Takes over the region's existing service when adoptExisting allows and it matches; says why not otherwise. */
function adopt(inputs: ResolvedServiceInputs, candidates: EndpointService[], how: string): Placement {
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
  reportProgress(
    `${describeService({ ...refOf(inputs, choice.service.id ?? "?"), regionName: inputs.region })}: the project already has it (${how}); adopting it because adoptExisting is true. ` +
      "Destroying this resource leaves it in Atlas unless deleteAdoptedOnDestroy is true.",
  );
  return { service: choice.service, adopted: true };
}

function refOf(inputs: ResolvedServiceInputs, endpointServiceId: string): ServiceRef {
  return { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId };
}

/** Atlas may have carried out the POST (reset, timeout, 5xx after it); a refused connection never reached it. */
function mayHaveTakenEffect(error: unknown): boolean {
  return (error instanceof AtlasNetworkError || (error instanceof AtlasApiError && error.status >= 500)) && error.mayHaveTakenEffect;
}

/**
 * After a POST whose answer was lost (or unreadable): the region's services that were not there
 * before it are this create's. A new service may not be listed at once, so the list is read again
 * during the create's grace; a failed list leaves it unconfirmed.
 */
async function findCreated(
  client: AtlasClient,
  inputs: ResolvedServiceInputs,
  before: Set<string>,
  cause: unknown,
): Promise<EndpointService | undefined> {
  const clock = realClock;
  const scale = timeScale();
  const inGrace = notFoundCounter(graceAfterCreate(clock.now(), scale), clock);
  for (;;) {
    let now: EndpointService[];
    try {
      now = await servicesInRegion(client, inputs);
    } catch (listError) {
      throw new ServiceCreateUnconfirmed(
        `Could not create the endpoint service for ${regionText(inputs)}: ${messageOf(cause)}. Atlas may have created it before the answer was lost, ` +
          `and listing the region's services failed too (${messageOf(listError)}), so it is recorded in the stack as unconfirmed: run \`pulumi up\` again to finish ` +
          "(it takes the region's service if Atlas has it, or creates it).",
        { cause },
      );
    }
    const created = now.filter((service) => service.id !== undefined && !before.has(service.id));
    if (created.length > 0) return created[0];
    if (!inGrace()) return undefined;
    await clock.sleep(POLL_SCHEDULE.fastIntervalMs * scale);
  }
}

/**
 * Finds or creates the region's service. The project's services in the region are listed first:
 * Atlas allows one, so an existing one is adopted (or refused) without provoking a 409, and a POST
 * whose answer is lost can tell its own service from one that was already there.
 */
export async function placeService(client: AtlasClient, inputs: ResolvedServiceInputs): Promise<Placement> {
  const existing = await servicesInRegion(client, inputs);
  // GCP keeps a legacy and a port-mapped service side by side in one region (the migration path):
  // one of the other kind is no reason not to create; Atlas answers 409 if it disagrees.
  const sameKind = existing.filter((service) => !differsOnlyInPortMapping(inputs, service));
  if (sameKind.length > 0) return adopt(inputs, sameKind, "listed before creating");
  const before = new Set(existing.flatMap((service) => (service.id ? [service.id] : [])));
  const where = regionText(inputs);
  try {
    const service = await client.createEndpointService(
      { groupId: inputs.groupId },
      {
        providerName: inputs.cloudProvider,
        region: inputs.region,
        ...(inputs.cloudProvider === "GCP" && inputs.portMappingEnabled !== undefined
          ? { portMappingEnabled: inputs.portMappingEnabled }
          : {}),
        ...(inputs.cloudProvider === "AWS" && inputs.supportedRemoteRegions !== undefined
          ? { supportedRemoteRegions: inputs.supportedRemoteRegions }
          : {}),
      },
    );
    reportProgress(`${describeService({ ...refOf(inputs, service.id ?? "?"), regionName: inputs.region })}: created`);
    return { service, adopted: false, acceptedAt: realClock.now() };
  } catch (error) {
    const accepted = error instanceof AtlasResponseShapeError && error.status >= 200 && error.status < 300;
    if (error instanceof AtlasApiError && error.status === 409 && (error.errorCode === REGION_CONFLICT || error.errorCode === undefined)) {
      // A 409 after a retried POST may be this create's own earlier attempt: a service new since the list is ours.
      if (error.mayHaveTakenEffect) {
        const own = await findCreated(client, inputs, before, error);
        if (own) {
          reportProgress(
            `${describeService({ ...refOf(inputs, own.id ?? "?"), regionName: inputs.region })}: created (a retried create found it)`,
          );
          return { service: own, adopted: false, acceptedAt: realClock.now() };
        }
      }
      const now = await servicesInRegion(client, inputs);
      if (now.length === 0) {
        throw new Error(
          `Atlas answered 409 (${error.errorCode ?? "conflict"}) for a new endpoint service in ${where} but lists none there; it is probably being deleted. Run \`pulumi up\` again in a minute.`,
          { cause: error },
        );
      }
      return adopt(inputs, now, `Atlas answered 409 ${error.errorCode ?? ""}`.trim());
    }
    if (accepted || mayHaveTakenEffect(error)) {
      const own = await findCreated(client, inputs, before, error);
      if (own) {
        reportProgress(
          `${describeService({ ...refOf(inputs, own.id ?? "?"), regionName: inputs.region })}: created (the create's answer was ${accepted ? "unreadable" : "lost"}, Atlas lists it)`,
        );
        return { service: own, adopted: false, acceptedAt: realClock.now() };
      }
      if (accepted) {
        throw new ServiceCreateUnconfirmed(
          `Atlas accepted the endpoint service for ${where} but its answer could not be read (${messageOf(error)}) and it does not list it yet; ` +
            "it is recorded in the stack as unconfirmed: run `pulumi up` again to finish.",
          { cause: error },
        );
      }
    }
    throw explainServiceCreateError(error, inputs);
  }
}

function explainServiceCreateError(error: unknown, inputs: ResolvedServiceInputs): Error {
  const message = messageOf(error);
  const where = regionText(inputs);
  if (error instanceof AtlasApiError) {
    switch (error.status) {
      case 400:
        return new Error(`Atlas rejected the endpoint service for ${where}: ${message}`, { cause: error });
      case 401:
        return new Error(
          `Atlas did not accept the credentials to create the endpoint service for ${where}: ${message}. Check the API key (mongodbatlas:publicKey/privateKey) or service account (mongodbatlas:clientId/clientSecret) in use.`,
          { cause: error },
        );
      case 403:
        return new Error(
          `Atlas does not allow these credentials to create the endpoint service for ${where}: ${message}. Use an API key or service account with the Project Owner role, then run \`pulumi up\` again.`,
          { cause: error },
        );
      case 404:
        return new Error(`Atlas has no project groupId="${inputs.groupId}" these credentials can see (${message}). Check groupId.`, {
          cause: error,
        });
    }
  }
  return new Error(`Could not create the endpoint service for ${where}: ${message}`, { cause: error });
}

export async function createService(props: Record<string, unknown>): Promise<CreateResult<EndpointServiceOutputs>> {
  const inputs = resolveServiceInputs(props);
  const declaredRegion = typeof props.region === "string" ? props.region : inputs.region;
  const startedAt = realClock.now();
  const createTimeoutMs = timeoutMs(inputs.timeouts, "create");
  const client = connectToAtlas(startedAt + createTimeoutMs);
  let placement: Placement;
  try {
    placement = await placeService(client, inputs);
  } catch (error) {
    if (!(error instanceof ServiceCreateUnconfirmed)) throw error;
    const id = formatUnconfirmedServiceId({ groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, regionName: inputs.region });
    const outputs = { ...toServiceOutputs(inputs, "", undefined, false, declaredRegion), [PROVIDER_KEY]: props[PROVIDER_KEY] };
    throw new ResourceInitError(id, outputs, error.message);
  }
  const endpointServiceId = placement.service.id ?? "";
  return settleService(client, {
    id: formatServiceId(refOf(inputs, endpointServiceId)),
    ref: refOf(inputs, endpointServiceId),
    inputs,
    declaredRegion,
    provider: props[PROVIDER_KEY],
    placement,
    timeoutMs: createTimeoutMs,
    startedAt,
  });
}
