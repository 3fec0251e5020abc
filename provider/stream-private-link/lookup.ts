/**
 * StreamPrivateLink's look-ups: a project's connections (optionally one cloud's, one vendor's), and one connection
 * by its id, as Terraform's mongodbatlas_stream_privatelink_endpoints and mongodbatlas_stream_privatelink_endpoint
 * data sources read them: for a stack that uses a link another stack (or the console, or Terraform) made, its
 * interface endpoint or its state.
 */
import { z } from "zod";
import { isAtlasNotFound, type AtlasClient, type StreamPrivateLink } from "../client";
import { lookup } from "../operations/lookup";
import { messageOf } from "../vocabulary/errors";
import { OBJECT_TYPES, type PropertySpec } from "../vocabulary/properties";
import { plainJson } from "../vocabulary/state";
import { cloudProvider, HEX24, shown, text } from "../vocabulary/validation";
import { DEFAULT_VENDOR } from "./inputs";
import { STREAM_PRIVATE_LINK_PROPERTIES as P } from "./properties";
import { isGoing } from "./adoption";

/** A connection as the look-ups answer it: Atlas's fields under this provider's names. */
export interface StreamPrivateLinkConnection {
  connectionId: string;
  cloudProvider: string;
  vendor: string;
  region?: string;
  arn?: string;
  serviceEndpointId?: string;
  dnsDomain?: string;
  dnsSubDomain?: string[];
  azureResourceIds?: string[];
  gcpServiceAttachmentUris?: string[];
  authenticationScheme?: string;
  state?: string;
  errorMessage?: string;
  interfaceEndpointId?: string;
  interfaceEndpointName?: string;
  gcpConnectionIds?: string[];
  providerAccountId?: string;
}

/** The one converter from Atlas's answer to what a look-up returns. */
export function connectionOf(link: StreamPrivateLink): StreamPrivateLinkConnection {
  return plainJson({
    connectionId: link.id,
    cloudProvider: link.provider,
    vendor: link.vendor ?? DEFAULT_VENDOR,
    region: link.region,
    arn: link.arn,
    serviceEndpointId: link.serviceEndpointId,
    dnsDomain: link.dnsDomain,
    dnsSubDomain: link.dnsSubDomain,
    azureResourceIds: link.azureResourceIds,
    gcpServiceAttachmentUris: link.gcpServiceAttachmentUris,
    authenticationScheme: link.authenticationScheme,
    state: link.state,
    errorMessage: link.errorMessage,
    interfaceEndpointId: link.interfaceEndpointId,
    interfaceEndpointName: link.interfaceEndpointName,
    gcpConnectionIds: link.gcpConnectionIds,
    providerAccountId: link.providerAccountId,
  } satisfies StreamPrivateLinkConnection);
}

const CONNECTION_TYPE = OBJECT_TYPES.StreamPrivateLinkConnection;
/** The connection's fields as a look-up's outputs: the object type's, those it requires always present. */
const CONNECTION_FIELDS: Record<string, PropertySpec> = Object.fromEntries(
  Object.entries(CONNECTION_TYPE.properties).map(([name, spec]) => [
    name,
    { ...spec, ...((CONNECTION_TYPE.required as readonly string[]).includes(name) ? { alwaysOutput: true } : {}) },
  ]),
);

const GROUP_ID = text(HEX24, "24 hexadecimal characters (the Atlas project id)");

const listArgs = z.object({
  groupId: GROUP_ID,
  cloudProvider,
  vendor: z.string({ error: (issue) => `must be a vendor name such as "MSK", got ${shown(issue.input)}` }).optional(),
});

export interface StreamPrivateLinksResult {
  groupId: string;
  connections: StreamPrivateLinkConnection[];
}

async function readAll(client: AtlasClient, given: z.output<typeof listArgs>): Promise<StreamPrivateLinksResult> {
  const links = await client.listStreamPrivateLinks({ groupId: given.groupId });
  const connections = links
    .filter((link) => !isGoing(link))
    .map(connectionOf)
    .filter(
      (link) =>
        (given.cloudProvider === undefined || link.cloudProvider === given.cloudProvider) &&
        (given.vendor === undefined || link.vendor === given.vendor),
    );
  return { groupId: given.groupId, connections };
}

/** `getStreamPrivateLinks({ groupId, cloudProvider?, vendor? })`: the project's connections, those being deleted left out. */
export const getStreamPrivateLinks = lookup({
  name: "getStreamPrivateLinks",
  description:
    "The stream processing private link connections of an Atlas project (optionally one cloud's, one vendor's), those " +
    "being deleted left out. Reads Atlas, so it needs credentials at preview too.",
  inputs: {
    groupId: P.groupId,
    cloudProvider: { ...P.cloudProvider, description: "Only this cloud's connections: AWS, AZURE or GCP." },
    vendor: {
      ...P.vendor,
      description: "Only this vendor's connections (MSK, CONFLUENT, EVENTHUB, ...; GENERIC).",
      alwaysOutput: undefined,
    },
  },
  outputs: {
    groupId: { ...P.groupId, input: undefined },
    connections: {
      description: "The connections, as Atlas lists them.",
      type: { type: "array", items: { $ref: "StreamPrivateLinkConnection" } },
      alwaysOutput: true,
    },
  },
  args: listArgs,
  read: readAll,
});

const oneArgs = z.object({ groupId: GROUP_ID, connectionId: text(HEX24, "24 hexadecimal characters (Atlas's id of the connection)") });

async function readOne(client: AtlasClient, given: z.output<typeof oneArgs>): Promise<StreamPrivateLinkConnection & { groupId: string }> {
  try {
    return { groupId: given.groupId, ...connectionOf(await client.getStreamPrivateLink(given)) };
  } catch (error) {
    if (!isAtlasNotFound(error)) throw error;
    throw new Error(
      `getStreamPrivateLink: Atlas has no stream private link ${given.connectionId} in project groupId="${given.groupId}" (${messageOf(error)})`,
      { cause: error },
    );
  }
}

/** `getStreamPrivateLink({ groupId, connectionId })`: one connection; Atlas's 404 is an error naming it. */
export const getStreamPrivateLink = lookup({
  name: "getStreamPrivateLink",
  description:
    "One stream processing private link connection of an Atlas project, by its connection id: its state and the interface " +
    "endpoint Atlas made. Reads Atlas, so it needs credentials at preview too.",
  inputs: {
    groupId: P.groupId,
    connectionId: {
      ...P.connectionId,
      input: "required",
      alwaysOutput: undefined,
      description: "Atlas's id of the connection (24 hexadecimal characters).",
    },
  },
  outputs: { groupId: { ...P.groupId, input: undefined }, ...CONNECTION_FIELDS },
  args: oneArgs,
  read: readOne,
});

export const lookups = [getStreamPrivateLinks, getStreamPrivateLink];
