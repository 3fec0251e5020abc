import { z } from "zod";
import type { OrLater } from "../vocabulary/clouds";
import { type Assignable, nullsAsAbsent, pageOf } from "./schemas";

/**
 * Data Federation / Online Archive private endpoint entries, version 2023-01-01
 * (../shared/atlas-openapi/data-federation-endpoints.openapi.json, `PrivateNetworkEndpointIdEntry`), read
 * tolerantly as the other answers are: loose objects, `null` read as absent, a status or provider Atlas adds later
 * kept verbatim.
 */

/** The clouds the spec's `provider` enum lists (Atlas Data Federation supports AWS and Azure). */
export const DATA_FEDERATION_CLOUDS = ["AWS", "AZURE"] as const;
export type DataFederationCloud = (typeof DATA_FEDERATION_CLOUDS)[number];

/** The statuses the spec lists for an entry. */
export const DATA_FEDERATION_ENDPOINT_STATUSES = ["PENDING", "OK", "FAILED", "DELETING"] as const;
export type DataFederationEndpointStatus = (typeof DATA_FEDERATION_ENDPOINT_STATUSES)[number];

/** The one `type` the spec lists. */
export const DATA_LAKE = "DATA_LAKE";

export interface DataFederationEndpointEntry {
  /** AWS: the vpce id; Azure: the private endpoint's resource id. */
  endpointId: string;
  provider?: OrLater<DataFederationCloud>;
  type?: string;
  comment?: string;
  region?: string;
  customerEndpointDNSName?: string;
  azureLinkId?: string;
  customerEndpointIPAddress?: string;
  status?: OrLater<DataFederationEndpointStatus>;
  errorMessage?: string;
}

/** The POST body: an entry to add, or (its id already listed) whose comment to change. */
export interface DataFederationEndpointRequest {
  endpointId: string;
  provider: DataFederationCloud;
  type: typeof DATA_LAKE;
  comment?: string;
  region?: string;
  customerEndpointDNSName?: string;
  azureLinkId?: string;
  customerEndpointIPAddress?: string;
}

const entry = z.looseObject({
  endpointId: z.string(),
  provider: z.string().optional(),
  type: z.string().optional(),
  comment: z.string().optional(),
  region: z.string().optional(),
  customerEndpointDNSName: z.string().optional(),
  azureLinkId: z.string().optional(),
  customerEndpointIPAddress: z.string().optional(),
  status: z.string().optional(),
  errorMessage: z.string().optional(),
});

export const dataFederationEndpointSchema = nullsAsAbsent(entry);

/** `PaginatedPrivateNetworkEndpointIdEntryView`: what GET of the list and POST answer. */
export const dataFederationEndpointPageSchema = pageOf(entry);

export type _DataFederationSchemaChecks = [Assignable<DataFederationEndpointEntry, z.output<typeof dataFederationEndpointSchema>>];
