/**
 * DataFederationEndpoint's look-up: the project's Data Federation and Online Archive private endpoints, as Atlas
 * lists them (every page), optionally of one cloud. For a program that adds its own entry beside others', or
 * checks what another stack registered, without declaring a resource.
 */
import { z } from "zod";
import type { DataFederationEndpointEntry } from "../client/data-federation-endpoint-schemas";
import type { AtlasClient } from "../client";
import { lookup } from "../operations/lookup";
import { nonEmpty, plainJson } from "../vocabulary/state";
import { HEX24, shown, text } from "../vocabulary/validation";
import { string } from "../vocabulary/properties";

export interface GetDataFederationEndpointsArgs extends Record<string, unknown> {
  /** Atlas project id (24 hexadecimal characters). */
  groupId: string;
  /** Only this cloud's entries: AWS or AZURE. Default: every entry. */
  cloudProvider?: "AWS" | "AZURE";
}

/** One entry, in this package's words (`cloudProvider` for Atlas's `provider`). */
export type DataFederationEndpointEntryResult = Omit<DataFederationEndpointEntry, "provider" | "status"> & {
  cloudProvider: string;
  status?: string;
};

export interface GetDataFederationEndpointsResult {
  groupId: string;
  cloudProvider?: string;
  /** In the order Atlas lists them. */
  endpoints: DataFederationEndpointEntryResult[];
}

const ARGS = z
  .object({
    groupId: text(HEX24, "24 hexadecimal characters (the Atlas project id)"),
    cloudProvider: z
      .enum(["AWS", "AZURE"], { error: (issue) => `must be AWS or AZURE (or left out for both), got ${shown(issue.input)}` })
      .optional(),
  })
  .strict();

function entryResult(entry: DataFederationEndpointEntry): DataFederationEndpointEntryResult {
  return plainJson({
    endpointId: entry.endpointId,
    cloudProvider: entry.provider ?? "AWS",
    type: nonEmpty(entry.type),
    comment: nonEmpty(entry.comment),
    region: nonEmpty(entry.region),
    customerEndpointDNSName: nonEmpty(entry.customerEndpointDNSName),
    azureLinkId: nonEmpty(entry.azureLinkId),
    customerEndpointIPAddress: nonEmpty(entry.customerEndpointIPAddress),
    status: entry.status,
    errorMessage: nonEmpty(entry.errorMessage),
  });
}

async function read(client: AtlasClient, args: z.output<typeof ARGS>): Promise<GetDataFederationEndpointsResult> {
  const { groupId, cloudProvider } = args;
  const entries = await client.listDataFederationEndpoints({ groupId });
  const endpoints = entries.map(entryResult).filter((entry) => cloudProvider === undefined || entry.cloudProvider === cloudProvider);
  return plainJson({ groupId, cloudProvider, endpoints });
}

export const getDataFederationEndpoints = lookup({
  name: "getDataFederationEndpoints",
  description:
    "The project's Data Federation and Online Archive private endpoints, as Atlas lists them (every page), optionally of one cloud.",
  inputs: {
    groupId: { description: "Atlas project id (24 hexadecimal characters).", type: string, input: "required" },
    cloudProvider: { description: "Only this cloud's entries: AWS or AZURE. Default: every entry.", type: string, input: "optional" },
  },
  outputs: {
    groupId: { description: "The project asked about.", type: string, alwaysOutput: true },
    cloudProvider: { description: "The cloud asked about, when one was.", type: string },
    endpoints: {
      description: "Each entry, in the order Atlas lists them.",
      type: { type: "array", items: { $ref: "DataFederationEndpointEntry" } },
      alwaysOutput: true,
    },
  },
  args: ARGS,
  read,
});

export const lookups = [getDataFederationEndpoints];
