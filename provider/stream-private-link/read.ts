/**
 * StreamPrivateLink's part of refresh, import and every later operation (the rest is
 * operations/read.ts): the connection a record names, the inputs it declared or, imported, what
 * Atlas says they are, and the inputs as Atlas has them now.
 */
import type { AtlasApiError, AtlasClient, StreamPrivateLink } from "../client";
import { reportProgress } from "../host/stderr";
import { CLOUD_PROVIDERS, type CloudProvider } from "../vocabulary/clouds";
import type { StreamPrivateLinkRef } from "../vocabulary/refs";
import { resolveWith } from "../vocabulary/validation";
import { confirmGoneInProject } from "../waiting/gone";
import { matchingLink } from "./adoption";
import { refOf } from "./create";
import { describeLink, kindOf, parseLinkId, unconfirmedGroupOf, type PlacedLinkRef } from "./ids";
import {
  DEFAULT_VENDOR,
  STREAM_LINK_ATLAS_FIELDS,
  STREAM_LINK_INPUT_DEFAULTS,
  STREAM_LINK_INPUT_KEYS,
  STREAM_PRIVATE_LINK_INPUTS,
  vendorRule,
  type ResolvedStreamLinkInputs,
  type StreamPrivateLinkInputs,
} from "./inputs";
import type { StreamPrivateLinkOutputs } from "./outputs";

type Props = Record<string, unknown>;

/** One GET of the connection. */
export const get = (client: AtlasClient, ref: StreamPrivateLinkRef): Promise<StreamPrivateLink> => client.getStreamPrivateLink(ref);

/** Only Atlas's own 404 for the connection (not GROUP_NOT_FOUND, not a proxy's 404) says it is gone. */
export async function confirmGone(client: AtlasClient, ref: PlacedLinkRef, notFound: AtlasApiError): Promise<void> {
  confirmGoneInProject(client, notFound, describeLink(ref), ref.groupId);
}

const cloudOf = (value: unknown): CloudProvider | undefined =>
  typeof value === "string" && CLOUD_PROVIDERS.includes(value as CloudProvider) ? (value as CloudProvider) : undefined;

/**
 * The connection a record names: its id (this provider's, or Terraform's import id). A record of a
 * create Atlas never confirmed names its project instead: the live connection Atlas lists there of
 * the record's whole identity is that create's; undefined when it lists none.
 */
export async function locate(client: AtlasClient, id: string, props: Props): Promise<PlacedLinkRef | undefined> {
  const groupId = unconfirmedGroupOf(id);
  if (groupId === undefined) {
    const ref = parseLinkId(id);
    return cloudOf(props.cloudProvider) ? { ...ref, kind: kindOf(props as { cloudProvider: string; vendor?: string }) } : ref;
  }
  const inputs = resolveWith(STREAM_PRIVATE_LINK_INPUTS, props);
  const found = matchingLink(inputs, await client.listStreamPrivateLinks({ groupId }));
  if (!found) return undefined;
  const ref = refOf(inputs, found.id);
  reportProgress(`${describeLink(ref)}: found in project groupId="${groupId}", where an earlier create was unconfirmed`);
  return ref;
}

/**
 * What Atlas holds of a connection, as the inputs that would declare it: the fields its cloud takes
 * and its vendor does not refuse (an MSK region is Atlas's to fill), an empty list only where the
 * vendor requires one.
 */
export function inputsInAtlas(
  link: StreamPrivateLink,
): Omit<StreamPrivateLinkInputs, "groupId"> & { cloudProvider: CloudProvider; vendor: string } {
  const cloudProvider = cloudOf(link.provider);
  if (cloudProvider === undefined) {
    throw new Error(
      `Atlas reports stream private link ${link.id} on provider value="${link.provider}", which this provider version does not know`,
    );
  }
  const vendor = link.vendor ?? DEFAULT_VENDOR;
  const rule = vendorRule(cloudProvider, vendor);
  const forbidden: readonly string[] = rule?.forbidden ?? [];
  const required: readonly string[] = rule?.required ?? [];
  const inputs: Props = { cloudProvider, vendor };
  for (const field of STREAM_LINK_ATLAS_FIELDS) {
    if (field === "vendor" || !STREAM_LINK_INPUT_KEYS[cloudProvider].includes(field) || forbidden.includes(field)) continue;
    const value = link[field];
    if (value === undefined || (Array.isArray(value) && value.length === 0 && !required.includes(field))) continue;
    inputs[field] = value;
  }
  return inputs as ReturnType<typeof inputsInAtlas>;
}

/** The inputs of a record that declares none (an import): what the ref and Atlas say they are, and the options in `props`. */
export function inAtlas(ref: PlacedLinkRef, props: Props, link: StreamPrivateLink): ResolvedStreamLinkInputs {
  return {
    groupId: ref.groupId,
    ...inputsInAtlas(link),
    adoptExisting: props.adoptExisting === false ? false : STREAM_LINK_INPUT_DEFAULTS.adoptExisting,
  };
}

/** The inputs as Atlas has them now (options as declared), so a refresh shows drift against the program. */
export function refreshedInputs(outputs: StreamPrivateLinkOutputs, link: StreamPrivateLink): Props {
  const options: Props = { groupId: outputs.groupId, timeouts: outputs.timeouts, adoptExisting: outputs.adoptExisting };
  const inputs = { ...options, ...inputsInAtlas(link) };
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));
}
