/**
 * EndpointService's create: find or create the region's service. The project's services in the
 * region are listed first: Atlas allows one per slot (cloud, region and, on GCP, port-mapping kind),
 * so an existing one is adopted (or refused) without provoking a 409, and a POST whose answer is lost
 * can tell a service that appeared since from one that was there.
 *
 * Whose is a service that appeared while the answer was lost (docs/usage.md, "Two stacks, one region")?
 * Atlas's id says when it was created, on Atlas's clock; the client knows Atlas's clock from its
 * answers. One created before this POST was sent cannot be this create's: another stack made it,
 * and this resource adopts it (so destroying this stack leaves it to the stack that holds it). One
 * created since is this create's, and destroy deletes it.
 */
import type { AtlasClient, EndpointService } from "../client";
import { reportProgress } from "../host/stderr";
import { createFailureOf, explainCreateError, findOwn, unconfirmed, type UnconfirmedWords } from "../operations/create";
import type { Placed } from "../operations/kind";
import { createdBefore, type ServiceRef } from "../vocabulary/refs";
import { sameRegion } from "../vocabulary/regions";
import { realClock } from "../vocabulary/time";
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

/**
 * After a POST whose answer was lost or unreadable: a service of the inputs' slot that was not listed
 * before it. This create's when Atlas created it since the POST was sent (`sentAt`, Atlas's clock),
 * else another stack's, adopted. Undefined when Atlas lists none through the create's grace.
 */
async function claimNew(
  client: AtlasClient,
  inputs: ResolvedServiceInputs,
  before: Set<string>,
  sentAt: number | undefined,
  cause: unknown,
  how: string,
): Promise<PlacedService | undefined> {
  const identity = identityOf(inputs);
  const fresh = await findOwn(
    async () => {
      const listed = await client.listEndpointServices({ groupId: inputs.groupId, cloudProvider: inputs.cloudProvider });
      const appeared = listed.filter((service) => service.id !== undefined && !before.has(service.id) && inSlot(service, identity));
      return appeared.length > 0 ? appeared : undefined;
    },
    wordsFor(inputs),
    cause,
  );
  if (!fresh) return undefined;
  const own = fresh.find((service) => !createdBefore(service.id ?? "", sentAt));
  if (own) {
    const ref = refOf(inputs, own.id ?? "?");
    reportProgress(`${describeService(ref)}: created (${how}, Atlas lists it)`);
    return { ref, answer: own, adopted: false, acceptedAt: realClock.now() };
  }
  return adopt(inputs, fresh, "another stack created it just before this create's POST, whose answer was lost");
}

/** What a resumed update says when Atlas no longer has the service. */
export const again = "creating it again";

export async function place(client: AtlasClient, inputs: ResolvedServiceInputs): Promise<PlacedService> {
  const identity = identityOf(inputs);
  const existing = await servicesInRegion(client, inputs);
  // GCP keeps a legacy and a port-mapped service side by side in one region (the migration path):
  // one of the other kind is no reason not to create; Atlas answers 409 if it disagrees.
  const sameSlot = existing.filter((service) => inSlot(service, identity));
  if (sameSlot.length > 0) return adopt(inputs, sameSlot, "listed before creating");
  const before = new Set(existing.flatMap((service) => (service.id ? [service.id] : [])));
  const sentAt = client.atlasNow();
  const words = wordsFor(inputs);
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
    const ref = refOf(inputs, service.id ?? "?");
    reportProgress(`${describeService(ref)}: created`);
    return { ref, answer: service, adopted: false, acceptedAt: realClock.now() };
  } catch (error) {
    const failure = createFailureOf(error);
    switch (failure.kind) {
      case "conflict": {
        const conflict = failure.error;
        if (conflict.errorCode !== REGION_CONFLICT && conflict.errorCode !== undefined) throw explainCreateError(conflict, words);
        // A 409 after a retried POST may be this create's own earlier attempt.
        const own = conflict.mayHaveTakenEffect
          ? await claimNew(client, inputs, before, sentAt, conflict, "a retried create found it")
          : undefined;
        if (own) return own;
        const now = await servicesInRegion(client, inputs);
        if (now.length === 0) {
          throw new Error(
            `Atlas answered 409 (${conflict.errorCode ?? "conflict"}) for a new endpoint service in ${regionText(inputs)} but lists none there; it is probably being deleted. Run \`pulumi up\` again in a minute.`,
            { cause: conflict },
          );
        }
        return adopt(inputs, now, `Atlas answered 409 ${conflict.errorCode ?? ""}`.trim());
      }
      case "accepted":
      case "lost": {
        const how = `the create's answer was ${failure.kind === "accepted" ? "unreadable" : "lost"}`;
        const own = await claimNew(client, inputs, before, sentAt, failure.error, how);
        if (own) return own;
        throw unconfirmed(words, failure.error, "Atlas did not list it within the grace period for a new service");
      }
      case "failed":
        throw explainCreateError(failure.error, words);
      default:
        return failure satisfies never;
    }
  }
}
