/**
 * DataFederationEndpoint's part of refresh, import and every later operation (the rest is operations/read.ts):
 * the entry a record names, the inputs it declared or, imported, what Atlas says they were, and the inputs as
 * Atlas has them now, so a refresh shows drift (a comment changed outside Pulumi).
 */
import type { AtlasApiError, AtlasClient } from "../client";
import type { DataFederationCloud, DataFederationEndpointEntry } from "../client/data-federation-endpoint-schemas";
import { sameRegion } from "../vocabulary/regions";
import { nonEmpty } from "../vocabulary/state";
import { notConfirmedGone } from "../waiting/gone";
import { describe, refFor, type DataFederationRef } from "./ids";
import { INPUT_DEFAULTS, INPUT_KEYS, type ResolvedDataFederationInputs } from "./inputs";
import type { DataFederationEndpointOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** One GET of the entry. */
export const get = (client: AtlasClient, ref: DataFederationRef): Promise<DataFederationEndpointEntry> =>
  client.getDataFederationEndpoint(ref);

/** Only Atlas's own 404 for the entry (not GROUP_NOT_FOUND, not a proxy's 404) says it is gone. */
export async function confirmGone(client: AtlasClient, ref: DataFederationRef, notFound: AtlasApiError): Promise<void> {
  const verdict = client.whyDataFederationEndpointNotFound(notFound);
  if (verdict.gone) return;
  if (verdict.because === "serviceUnreadable") throw notFound;
  throw notConfirmedGone({ because: verdict.because, detail: verdict.detail }, describe(ref), ref.groupId, notFound);
}

/** The entry a record names: its id (this provider's or Terraform's), else its recorded inputs. */
export const locate = async (_client: AtlasClient, id: string, props: Props): Promise<DataFederationRef> => refFor(id, props);

/** The inputs of a record that declares none (an import): what the ref and Atlas say they are, and the options in `props`. */
export function inAtlas(ref: DataFederationRef, props: Props, entry: DataFederationEndpointEntry): ResolvedDataFederationInputs {
  const region = nonEmpty(entry.region);
  const common = {
    groupId: ref.groupId,
    endpointId: ref.endpointId,
    comment: nonEmpty(entry.comment),
    region,
    declaredRegion: region,
    customerEndpointDNSName: nonEmpty(entry.customerEndpointDNSName),
    adoptExisting: props.adoptExisting === undefined ? INPUT_DEFAULTS.adoptExisting : props.adoptExisting === true,
  };
  const cloud: DataFederationCloud = entry.provider === "AZURE" ? "AZURE" : entry.provider === "AWS" ? "AWS" : ref.cloudProvider;
  return cloud === "AZURE"
    ? {
        ...common,
        cloudProvider: "AZURE",
        azureLinkId: nonEmpty(entry.azureLinkId),
        customerEndpointIPAddress: nonEmpty(entry.customerEndpointIPAddress),
      }
    : { ...common, cloudProvider: "AWS" };
}

/** The inputs as Atlas has them now, so a refresh shows drift against the program. */
export function refreshedInputs(outputs: DataFederationEndpointOutputs, entry: DataFederationEndpointEntry): Props {
  const keys = INPUT_KEYS[outputs.cloudProvider];
  const inputs: Props = {};
  for (const [key, value] of Object.entries(outputs)) if (keys.includes(key)) inputs[key] = value;
  // What Atlas holds wins over what was declared (a spelling of the same region is no change).
  const region = nonEmpty(entry.region);
  const declaredRegion = typeof outputs.region === "string" ? outputs.region : undefined;
  if (region === undefined) delete inputs.region;
  else if (declaredRegion === undefined || !sameRegion(outputs.cloudProvider, declaredRegion, region)) inputs.region = region;
  return inputs;
}
