/** What a DataFederationEndpoint records in state, and the one converter from an Atlas answer to it. */
import type { DataFederationCloud, DataFederationEndpointEntry } from "../client/data-federation-endpoint-schemas";
import { nonEmpty, plainJson } from "../vocabulary/state";
import type { Timeouts } from "../vocabulary/time";
import type { ResolvedDataFederationInputs } from "./inputs";

/**
 * Everything a DataFederationEndpoint records in state: the inputs (so diff, read and delete have them) and what
 * Atlas reports. Plain JSON: an absent field is omitted, never `undefined`.
 */
export interface DataFederationEndpointOutputs {
  /** Atlas project id. */
  groupId: string;
  /** AWS or AZURE. */
  cloudProvider: DataFederationCloud;
  /** The cloud-side endpoint's id (AWS vpce-..., Azure resource id). */
  endpointId: string;
  /** Atlas's comment for the entry. */
  comment?: string;
  /** The region of your endpoint, as declared. */
  region?: string;
  /** Your endpoint's DNS name. */
  customerEndpointDNSName?: string;
  /** Azure: the link id of the private endpoint connection. */
  azureLinkId?: string;
  /** Azure: the private endpoint's IP address. */
  customerEndpointIPAddress?: string;
  /** The timeouts this resource waits with. */
  timeouts?: Timeouts;
  /** Whether the project's existing entry for this endpoint id is taken over. */
  adoptExisting: boolean;
  /** DATA_LAKE. */
  type?: string;
  /** PENDING, OK, FAILED or DELETING. */
  status?: string;
  /** Atlas's error message, when the entry failed. */
  errorMessage?: string;
  /** True when the project's list already had this endpoint and this resource took the entry over. */
  adopted: boolean;
}

/**
 * The one place an Atlas entry becomes outputs. `entry` is undefined when Atlas was never read (a create recorded
 * before its answer came): the declared values stand in for Atlas's.
 */
export function outputsOf(
  inputs: ResolvedDataFederationInputs,
  entry: DataFederationEndpointEntry | undefined,
  placed: { adopted: boolean },
): DataFederationEndpointOutputs {
  const azure = inputs.cloudProvider === "AZURE" ? inputs : undefined;
  const reported = <T>(atlas: T | undefined, declared: T | undefined) => (entry ? atlas : declared);
  return plainJson({
    groupId: inputs.groupId,
    cloudProvider: inputs.cloudProvider,
    endpointId: inputs.endpointId,
    comment: nonEmpty(reported(entry?.comment, inputs.comment)),
    region: inputs.declaredRegion ?? nonEmpty(entry?.region),
    customerEndpointDNSName: nonEmpty(reported(entry?.customerEndpointDNSName, inputs.customerEndpointDNSName)),
    azureLinkId: azure ? nonEmpty(reported(entry?.azureLinkId, azure.azureLinkId)) : undefined,
    customerEndpointIPAddress: azure ? nonEmpty(reported(entry?.customerEndpointIPAddress, azure.customerEndpointIPAddress)) : undefined,
    timeouts: inputs.timeouts,
    adoptExisting: inputs.adoptExisting,
    type: nonEmpty(entry?.type),
    status: entry?.status,
    errorMessage: nonEmpty(entry?.errorMessage),
    adopted: placed.adopted,
  } satisfies DataFederationEndpointOutputs);
}

/** What a record says Atlas last answered: outputs carry the entry's fields under the same names. */
export function recordedEntry(props: Record<string, unknown>): DataFederationEndpointEntry {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    endpointId: text(props.endpointId) ?? "",
    provider: text(props.cloudProvider),
    type: text(props.type),
    comment: text(props.comment),
    region: text(props.region),
    customerEndpointDNSName: text(props.customerEndpointDNSName),
    azureLinkId: text(props.azureLinkId),
    customerEndpointIPAddress: text(props.customerEndpointIPAddress),
    status: text(props.status),
    errorMessage: text(props.errorMessage),
  };
}
