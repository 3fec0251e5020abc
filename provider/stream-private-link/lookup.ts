/**
 * StreamPrivateLink's look-ups: a project's connections (optionally one cloud's, one vendor's), and
 * one connection by its id (either id form `pulumi import` takes, or Atlas's connection id), as
 * Terraform's mongodbatlas_stream_privatelink_endpoints and mongodbatlas_stream_privatelink_endpoint
 * data sources read them. No state is written.
 */
import { z } from "zod";
import { isAtlasNotFound, type StreamPrivateLink } from "../client";
import { connectToAtlas } from "../host/connection";
import type { Lookup } from "../operations/lookup";
import { CLOUD_PROVIDERS, type CloudProvider } from "../vocabulary/clouds";
import { messageOf } from "../vocabulary/errors";
import { plainJson } from "../vocabulary/state";
import { cloudProvider, HEX24, shown, text } from "../vocabulary/validation";
import { OBJECT_TYPES, string, type PropertySpec } from "../vocabulary/properties";
import { DEFAULT_VENDOR } from "./inputs";

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

/** Validates a look-up's arguments: one error naming every argument that is wrong and what it takes. */
function argsOf<T>(lookup: string, schema: z.ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(arguments)"} ${issue.message}`);
  throw new Error(`${lookup}: ${problems.join("; ")}`);
}

const GROUP_ID = text(HEX24, "24 hexadecimal characters (the Atlas project id)");

export interface StreamPrivateLinksArgs extends Record<string, unknown> {
  groupId: string;
  cloudProvider?: CloudProvider;
  vendor?: string;
}

export interface StreamPrivateLinksResult {
  groupId: string;
  connections: StreamPrivateLinkConnection[];
}

const listArgs = z.object({
  groupId: GROUP_ID,
  cloudProvider,
  vendor: z.string({ error: (issue) => `must be a vendor name such as "MSK", got ${shown(issue.input)}` }).optional(),
});

const CONNECTION_TYPE = OBJECT_TYPES.StreamPrivateLinkConnection;
/** The connection's fields as a look-up's outputs: the object type's, those it requires always present. */
const CONNECTION_FIELDS: Record<string, PropertySpec> = Object.fromEntries(
  Object.entries(CONNECTION_TYPE.properties).map(([name, spec]) => [
    name,
    { ...spec, ...((CONNECTION_TYPE.required as readonly string[]).includes(name) ? { alwaysOutput: true } : {}) },
  ]),
);

/** `getStreamPrivateLinks({ groupId, cloudProvider?, vendor? })`: the project's connections, those being deleted left out. */
export const getStreamPrivateLinks: Lookup<StreamPrivateLinksArgs, StreamPrivateLinksResult> = {
  name: "getStreamPrivateLinks",
  description:
    "The stream processing private link connections of an Atlas project (optionally one cloud's, one vendor's), those being deleted left out.",
  inputs: {
    groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required" },
    cloudProvider: { description: `Only this cloud's connections: ${CLOUD_PROVIDERS.join(", ")}.`, type: string, input: "optional" },
    vendor: { description: "Only this vendor's connections (MSK, CONFLUENT, EVENTHUB, ...; GENERIC).", type: string, input: "optional" },
  },
  outputs: {
    groupId: { description: "Atlas project id.", type: string, alwaysOutput: true },
    connections: {
      description: "The connections, as Atlas lists them.",
      type: { type: "array", items: { $ref: "StreamPrivateLinkConnection" } },
      alwaysOutput: true,
    },
  },
  async run(args) {
    const { groupId, cloudProvider: cloud, vendor } = argsOf("getStreamPrivateLinks", listArgs, args);
    const links = await connectToAtlas().listStreamPrivateLinks({ groupId });
    const connections = links
      .map(connectionOf)
      .filter((link) => link.state !== "DELETE_REQUESTED" && link.state !== "DELETING" && link.state !== "DELETED")
      .filter((link) => (cloud === undefined || link.cloudProvider === cloud) && (vendor === undefined || link.vendor === vendor));
    return { groupId, connections };
  },
};

export interface StreamPrivateLinkArgs extends Record<string, unknown> {
  groupId: string;
  connectionId: string;
}

const oneArgs = z.object({ groupId: GROUP_ID, connectionId: text(HEX24, "24 hexadecimal characters (Atlas's id of the connection)") });

/** `getStreamPrivateLink({ groupId, connectionId })`: one connection; Atlas's 404 is an error naming it. */
export const getStreamPrivateLink: Lookup<StreamPrivateLinkArgs, StreamPrivateLinkConnection & { groupId: string }> = {
  name: "getStreamPrivateLink",
  description: "One stream processing private link connection of an Atlas project, by its connection id.",
  inputs: {
    groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required" },
    connectionId: { description: "Atlas's id of the connection (24 hexadecimal characters).", type: string, input: "required" },
  },
  outputs: {
    groupId: { description: "Atlas project id.", type: string, alwaysOutput: true },
    ...CONNECTION_FIELDS,
  },
  async run(args) {
    const { groupId, connectionId } = argsOf("getStreamPrivateLink", oneArgs, args);
    try {
      return { groupId, ...connectionOf(await connectToAtlas().getStreamPrivateLink({ groupId, connectionId })) };
    } catch (error) {
      if (!isAtlasNotFound(error)) throw error;
      throw new Error(
        `getStreamPrivateLink: Atlas has no stream private link ${connectionId} in project groupId="${groupId}" (${messageOf(error)})`,
        {
          cause: error,
        },
      );
    }
  },
};

export const lookups: Lookup[] = [getStreamPrivateLinks, getStreamPrivateLink];
