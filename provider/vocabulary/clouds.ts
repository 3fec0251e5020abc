/**
 * The clouds and statuses every layer speaks of: the client's schemas type Atlas's answers with
 * them, the status table gives each status its meaning, the resource declares its inputs with them.
 * The simulator keeps its own copy on purpose: it stands for Atlas and never imports the provider.
 */

/** Clouds Atlas can front with a private endpoint service; also the `{cloudProvider}` path segment. */
export type CloudProvider = "AWS" | "AZURE" | "GCP";

export const CLOUD_PROVIDERS: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

/** The endpoint statuses Atlas documents per cloud (AWS calls the field `connectionStatus`, the others `status`). */
export const ENDPOINT_STATUSES = {
  AWS: ["PENDING_ACCEPTANCE", "PENDING", "AVAILABLE", "REJECTED", "DELETING"],
  AZURE: ["INITIATING", "AVAILABLE", "FAILED", "DELETING"],
  GCP: ["INITIATING", "VERIFIED", "AVAILABLE", "FAILED", "DELETING", "DELETED"],
} as const satisfies { readonly [C in CloudProvider]: readonly string[] };

export const GCP_FORWARDING_RULE_STATUSES = ["INITIATING", "AVAILABLE", "FAILED", "DELETING"] as const;

export const ENDPOINT_SERVICE_STATUSES = ["INITIATING", "AVAILABLE", "WAITING_FOR_USER", "FAILED", "DELETING"] as const;

export type EndpointStatus<C extends CloudProvider> = (typeof ENDPOINT_STATUSES)[C][number];
export type ForwardingRuleStatus = (typeof GCP_FORWARDING_RULE_STATUSES)[number];
export type EndpointServiceStatus = (typeof ENDPOINT_SERVICE_STATUSES)[number];

/** A known status, or one this version has not heard of yet (Atlas adds statuses over time; kept verbatim). */
export type OrLater<Known extends string> = Known | (string & {});

/** The fields of an Atlas endpoint answer that decide where it is in its life. */
export interface EndpointStatusView {
  cloudProvider: CloudProvider;
  connectionStatus?: string;
  status?: string;
  errorMessage?: string;
  deleteRequested?: boolean;
  endpoints?: { endpointName?: string; status?: string }[];
}

/**
 * Whether two cloud endpoint ids name one endpoint: Azure resource ids are case-insensitive
 * (`resourceGroups` and `resourcegroups` name one endpoint); every other id compares as written.
 */
export function sameEndpointId(cloud: unknown, a: unknown, b: unknown): boolean {
  if (cloud === "AZURE" && typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
