/** What a StreamPrivateLink records in state, and the one converter from an Atlas answer to it. */
import type { CreateStreamPrivateLinkRequest, StreamPrivateLink, StreamPrivateLinkRef } from "../client";
import { nonEmpty, plainJson } from "../vocabulary/state";
import type { AuthenticationScheme, ResolvedStreamLinkInputs } from "./inputs";

/** What Atlas makes of a connection (its state, the endpoint it made), recorded under the answer's names. */
type MadeByAtlas = Omit<StreamPrivateLink, keyof CreateStreamPrivateLinkRequest | "id">;

/**
 * Everything a StreamPrivateLink records in state: the inputs (so diff, read and delete have them)
 * and what Atlas reports. Plain JSON: an absent field is omitted, never `undefined`. A field the
 * inputs leave out holds what Atlas has (an MSK connection's region, Pub/Sub's domain).
 */
export interface StreamPrivateLinkOutputs extends ResolvedStreamLinkInputs, MadeByAtlas {
  /** Atlas's id of the connection. */
  connectionId: string;
  /** True when Atlas already had this connection (409) and this resource took it over. */
  adopted: boolean;
}

/**
 * The one place an Atlas answer becomes outputs. `link` holds only its id when Atlas was never read (a
 * create recorded before its answer came), and is undefined when not even that is known.
 */
export function toOutputs(
  inputs: ResolvedStreamLinkInputs,
  link: Partial<StreamPrivateLink> | undefined,
  adopted: boolean,
): StreamPrivateLinkOutputs {
  const cloud = inputs.cloudProvider;
  return plainJson({
    groupId: inputs.groupId,
    cloudProvider: cloud,
    vendor: inputs.vendor,
    region: inputs.region ?? nonEmpty(link?.region),
    arn: cloud === "AWS" ? inputs.arn : undefined,
    serviceEndpointId: inputs.serviceEndpointId ?? nonEmpty(link?.serviceEndpointId),
    dnsDomain: inputs.dnsDomain ?? nonEmpty(link?.dnsDomain),
    dnsSubDomain: inputs.dnsSubDomain ?? link?.dnsSubDomain,
    azureResourceIds: cloud === "AZURE" ? inputs.azureResourceIds : undefined,
    gcpServiceAttachmentUris: cloud === "GCP" ? inputs.gcpServiceAttachmentUris : undefined,
    authenticationScheme: inputs.authenticationScheme ?? (link?.authenticationScheme as AuthenticationScheme | undefined),
    timeouts: inputs.timeouts,
    adoptExisting: inputs.adoptExisting,
    connectionId: nonEmpty(link?.id) ?? "",
    state: link?.state,
    errorMessage: nonEmpty(link?.errorMessage),
    interfaceEndpointId: nonEmpty(link?.interfaceEndpointId),
    interfaceEndpointName: nonEmpty(link?.interfaceEndpointName),
    gcpConnectionIds: link?.gcpConnectionIds,
    providerAccountId: nonEmpty(link?.providerAccountId),
    adopted,
  } satisfies StreamPrivateLinkOutputs);
}

/** What a record says Atlas last answered: outputs carry the answer's fields under its names, but for the id and the cloud. */
export function recordedLink({ connectionId, cloudProvider, ...fields }: Record<string, unknown>): Partial<StreamPrivateLink> {
  const answered = { id: connectionId, provider: cloudProvider, ...fields };
  // Strings and lists of strings: what Atlas's fields are (a record's booleans and objects are this provider's).
  const isAnswer = (value: unknown) =>
    typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
  return Object.fromEntries(Object.entries(answered).filter(([, value]) => isAnswer(value)));
}

/** The converter as the lifecycle calls it: Atlas names the connection (`ref`), the inputs do not. */
export function outputsOf(
  inputs: ResolvedStreamLinkInputs,
  link: StreamPrivateLink | undefined,
  placed: { ref: StreamPrivateLinkRef | undefined; adopted: boolean },
): StreamPrivateLinkOutputs {
  return toOutputs(inputs, { ...link, id: nonEmpty(link?.id) ?? placed.ref?.connectionId }, placed.adopted);
}
