/** What a StreamPrivateLink records in state, and the one converter from an Atlas answer to it. */
import type { StreamPrivateLink, StreamPrivateLinkRef } from "../client";
import type { CloudProvider } from "../vocabulary/clouds";
import { nonEmpty, plainJson } from "../vocabulary/state";
import type { Timeouts } from "../vocabulary/time";
import type { AuthenticationScheme, ResolvedStreamLinkInputs } from "./inputs";

/**
 * Everything a StreamPrivateLink records in state: the inputs (so diff, read and delete have them)
 * and what Atlas reports. Plain JSON: an absent field is omitted, never `undefined`. A field the
 * inputs leave out holds what Atlas has (an MSK connection's region, Pub/Sub's domain).
 */
export interface StreamPrivateLinkOutputs {
  groupId: string;
  cloudProvider: CloudProvider;
  vendor: string;
  region?: string;
  arn?: string;
  serviceEndpointId?: string;
  dnsDomain?: string;
  dnsSubDomain?: string[];
  azureResourceIds?: string[];
  gcpServiceAttachmentUris?: string[];
  authenticationScheme?: AuthenticationScheme;
  timeouts?: Timeouts;
  adoptExisting: boolean;
  /** Atlas's id of the connection. */
  connectionId: string;
  /** IDLE, WORKING, DONE, FAILED, DELETE_REQUESTED or DELETING. */
  state?: string;
  /** Atlas's error message, when the connection failed. */
  errorMessage?: string;
  /** AWS and Azure: the interface endpoint Atlas made (an AWS `vpce-` id, an Azure private endpoint's resource id). */
  interfaceEndpointId?: string;
  /** AWS and Azure: the interface endpoint's name. */
  interfaceEndpointName?: string;
  /** GCP: the Private Service Connect connection ids Atlas made, one per attachment. */
  gcpConnectionIds?: string[];
  /** The cloud account Atlas's stream processing connects from. */
  providerAccountId?: string;
  /** True when Atlas already had this connection (409) and this resource took it over. */
  adopted: boolean;
}

/**
 * The one place an Atlas answer becomes outputs. `link` is undefined when Atlas was never read (a
 * create recorded before its answer came); `connectionId` is Atlas's id when one is known.
 */
export function toStreamLinkOutputs(
  inputs: ResolvedStreamLinkInputs,
  connectionId: string,
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
    connectionId: nonEmpty(link?.id) ?? connectionId,
    state: link?.state,
    errorMessage: nonEmpty(link?.errorMessage),
    interfaceEndpointId: nonEmpty(link?.interfaceEndpointId),
    interfaceEndpointName: nonEmpty(link?.interfaceEndpointName),
    gcpConnectionIds: link?.gcpConnectionIds,
    providerAccountId: nonEmpty(link?.providerAccountId),
    adopted,
  } satisfies StreamPrivateLinkOutputs);
}

/** What a record says Atlas last answered: outputs carry the answer's fields under the same names. */
export function recordedLink(props: Record<string, unknown>): Partial<StreamPrivateLink> {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const texts = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined);
  return {
    id: text(props.connectionId),
    provider: text(props.cloudProvider),
    vendor: text(props.vendor),
    region: text(props.region),
    arn: text(props.arn),
    serviceEndpointId: text(props.serviceEndpointId),
    dnsDomain: text(props.dnsDomain),
    dnsSubDomain: texts(props.dnsSubDomain),
    azureResourceIds: texts(props.azureResourceIds),
    gcpServiceAttachmentUris: texts(props.gcpServiceAttachmentUris),
    authenticationScheme: text(props.authenticationScheme),
    state: text(props.state),
    errorMessage: text(props.errorMessage),
    interfaceEndpointId: text(props.interfaceEndpointId),
    interfaceEndpointName: text(props.interfaceEndpointName),
    gcpConnectionIds: texts(props.gcpConnectionIds),
    providerAccountId: text(props.providerAccountId),
  };
}

/** The converter as the lifecycle calls it: Atlas names the connection (`ref`), the inputs do not. */
export function outputsOf(
  inputs: ResolvedStreamLinkInputs,
  link: StreamPrivateLink | undefined,
  placed: { ref: StreamPrivateLinkRef | undefined; adopted: boolean },
): StreamPrivateLinkOutputs {
  return toStreamLinkOutputs(inputs, placed.ref?.connectionId ?? "", link, placed.adopted);
}
