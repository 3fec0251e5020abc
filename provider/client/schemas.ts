import { z } from "zod";
import type {
  CloudProvider,
  EndpointServiceStatus as KnownServiceStatus,
  EndpointStatus,
  ForwardingRuleStatus,
  OrLater,
} from "../vocabulary/clouds";

/**
 * Response schemas for the 2023-01-01 API, one per cloud, discriminated by `cloudProvider`.
 * Fields follow ../shared/atlas-openapi/private-endpoints.openapi.json, read tolerantly: Atlas adds
 * statuses and fields over time, so a status is any string (the known values are typed for
 * completion only) and may be missing, objects are loose, and `null` is read as "absent" before
 * parsing, so callers only ever see `undefined`.
 */

// ---- types (the public shape; schemas below are checked against them) ----

export type AwsEndpointConnectionStatus = OrLater<EndpointStatus<"AWS">>;
export type AzureEndpointStatus = OrLater<EndpointStatus<"AZURE">>;
export type GcpEndpointGroupStatus = OrLater<EndpointStatus<"GCP">>;
export type GcpForwardingRuleStatus = OrLater<ForwardingRuleStatus>;
export type EndpointServiceStatus = OrLater<KnownServiceStatus>;

export interface AwsAtlasEndpoint {
  cloudProvider: "AWS";
  connectionStatus?: AwsEndpointConnectionStatus;
  deleteRequested?: boolean;
  errorMessage?: string;
  interfaceEndpointId?: string;
}

export interface AzureAtlasEndpoint {
  cloudProvider: "AZURE";
  status?: AzureEndpointStatus;
  deleteRequested?: boolean;
  errorMessage?: string;
  privateEndpointConnectionName?: string;
  privateEndpointIPAddress?: string;
  privateEndpointResourceId?: string;
}

export interface GcpForwardingRule {
  endpointName?: string;
  ipAddress?: string;
  status?: GcpForwardingRuleStatus;
}

export interface GcpAtlasEndpoint {
  cloudProvider: "GCP";
  status?: GcpEndpointGroupStatus;
  deleteRequested?: boolean;
  errorMessage?: string;
  endpointGroupName?: string;
  endpoints?: GcpForwardingRule[];
  gcpProjectId?: string;
  portMappingEnabled?: boolean;
}

export type AtlasEndpoint = AwsAtlasEndpoint | AzureAtlasEndpoint | GcpAtlasEndpoint;

interface EndpointServiceBase {
  id?: string;
  status?: EndpointServiceStatus;
  errorMessage?: string;
  regionName?: string;
}

export interface AwsEndpointService extends EndpointServiceBase {
  cloudProvider: "AWS";
  endpointServiceName?: string;
  interfaceEndpoints?: string[];
  supportedRemoteRegions?: string[];
}

export interface AzureEndpointService extends EndpointServiceBase {
  cloudProvider: "AZURE";
  privateEndpoints?: string[];
  privateLinkServiceName?: string;
  privateLinkServiceResourceId?: string;
}

export interface GcpEndpointService extends EndpointServiceBase {
  cloudProvider: "GCP";
  endpointGroupNames?: string[];
  portMappingEnabled?: boolean;
  serviceAttachmentNames?: string[];
}

export type EndpointService = AwsEndpointService | AzureEndpointService | GcpEndpointService;

/** The fields of an Atlas ApiError body that errors carry. */
export interface ApiErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
}

// ---- schemas ----

/** Drops `null` object properties at every depth: Atlas sends null for "not set". */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

/** An Atlas answer read tolerantly: `null` is absent (other fields are kept by the looseObjects inside). */
export function nullsAsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess(withoutNulls, schema);
}

/** One page of an Atlas list. */
export interface Page<T> {
  results: T[];
  totalCount?: number;
}

/** A page of an Atlas list of `item`s, read tolerantly. */
export function pageOf<T extends z.ZodType>(item: T) {
  return nullsAsAbsent(z.looseObject({ results: z.array(item), totalCount: z.number().optional() }));
}

/** Compiles only when the schema's output is assignable to the declared type: the two cannot drift. */
export type Assignable<T, U extends T> = U;

/** For a call about one cloud: an answer that leaves out `cloudProvider` is about that cloud. */
function ofCloud<T extends z.ZodType>(cloud: CloudProvider, schema: T) {
  return z.preprocess((value) => {
    const read = withoutNulls(value);
    return read !== null && typeof read === "object" && !Array.isArray(read) && !("cloudProvider" in read)
      ? { ...read, cloudProvider: cloud }
      : read;
  }, schema);
}

/** Any string: an unknown status is kept, not rejected (the status table decides what it means). */
const status = z.string().optional();

const endpointCommon = {
  deleteRequested: z.boolean().optional(),
  errorMessage: z.string().optional(),
};

const awsPrivateEndpoint = z.looseObject({
  cloudProvider: z.literal("AWS"),
  connectionStatus: status,
  ...endpointCommon,
  interfaceEndpointId: z.string().optional(),
});

const azurePrivateEndpoint = z.looseObject({
  cloudProvider: z.literal("AZURE"),
  status,
  ...endpointCommon,
  privateEndpointConnectionName: z.string().optional(),
  privateEndpointIPAddress: z.string().optional(),
  privateEndpointResourceId: z.string().optional(),
});

const gcpPrivateEndpoint = z.looseObject({
  cloudProvider: z.literal("GCP"),
  status,
  ...endpointCommon,
  endpointGroupName: z.string().optional(),
  endpoints: z
    .array(
      z.looseObject({
        endpointName: z.string().optional(),
        ipAddress: z.string().optional(),
        status,
      }),
    )
    .optional(),
  gcpProjectId: z.string().optional(),
  portMappingEnabled: z.boolean().optional(),
});

export const privateEndpointSchemas = {
  AWS: ofCloud("AWS", awsPrivateEndpoint),
  AZURE: ofCloud("AZURE", azurePrivateEndpoint),
  GCP: ofCloud("GCP", gcpPrivateEndpoint),
} satisfies Record<CloudProvider, z.ZodType>;

export const privateEndpointSchema = nullsAsAbsent(
  z.discriminatedUnion("cloudProvider", [awsPrivateEndpoint, azurePrivateEndpoint, gcpPrivateEndpoint]),
);

const serviceCommon = {
  id: z.string().optional(),
  status,
  errorMessage: z.string().optional(),
  regionName: z.string().optional(),
};

const awsEndpointService = z.looseObject({
  cloudProvider: z.literal("AWS"),
  ...serviceCommon,
  endpointServiceName: z.string().optional(),
  interfaceEndpoints: z.array(z.string()).optional(),
  supportedRemoteRegions: z.array(z.string()).optional(),
});

const azureEndpointService = z.looseObject({
  cloudProvider: z.literal("AZURE"),
  ...serviceCommon,
  privateEndpoints: z.array(z.string()).optional(),
  privateLinkServiceName: z.string().optional(),
  privateLinkServiceResourceId: z.string().optional(),
});

const gcpEndpointService = z.looseObject({
  cloudProvider: z.literal("GCP"),
  ...serviceCommon,
  endpointGroupNames: z.array(z.string()).optional(),
  portMappingEnabled: z.boolean().optional(),
  serviceAttachmentNames: z.array(z.string()).optional(),
});

export const endpointServiceSchemas = {
  AWS: ofCloud("AWS", awsEndpointService),
  AZURE: ofCloud("AZURE", azureEndpointService),
  GCP: ofCloud("GCP", gcpEndpointService),
} satisfies Record<CloudProvider, z.ZodType>;

export const endpointServiceSchema = nullsAsAbsent(
  z.discriminatedUnion("cloudProvider", [awsEndpointService, azureEndpointService, gcpEndpointService]),
);

/** Lenient: an error body is read for what it offers; a field of the wrong type is just ignored. */
export function readApiErrorBody(body: unknown): ApiErrorBody {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return {
    error: typeof b.error === "number" ? b.error : undefined,
    errorCode: str(b.errorCode),
    detail: str(b.detail),
    reason: str(b.reason),
    parameters: Array.isArray(b.parameters) ? b.parameters : undefined,
  };
}

/** "connectionStatus: Invalid option: ...; endpoints.0.ipAddress: ..." (zod messages name expectations, not values). */
export function describeIssues(error: z.ZodError): string {
  return (
    error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join(".") : "(body)"}: ${issue.message}`)
      .join("; ") + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : "")
  );
}

// Compile-time: what the schemas produce is assignable to the public types.
export type _SchemaChecks = [
  Assignable<AwsAtlasEndpoint, z.output<typeof privateEndpointSchemas.AWS>>,
  Assignable<AzureAtlasEndpoint, z.output<typeof privateEndpointSchemas.AZURE>>,
  Assignable<GcpAtlasEndpoint, z.output<typeof privateEndpointSchemas.GCP>>,
  Assignable<AtlasEndpoint, z.output<typeof privateEndpointSchema>>,
  Assignable<AwsEndpointService, z.output<typeof endpointServiceSchemas.AWS>>,
  Assignable<AzureEndpointService, z.output<typeof endpointServiceSchemas.AZURE>>,
  Assignable<GcpEndpointService, z.output<typeof endpointServiceSchemas.GCP>>,
  Assignable<EndpointService, z.output<typeof endpointServiceSchema>>,
];

/** The endpoints Atlas lists on a service, whatever the cloud calls the field. */
export function registeredEndpointIds(
  service:
    | Pick<AwsEndpointService, "cloudProvider" | "interfaceEndpoints">
    | Pick<AzureEndpointService, "cloudProvider" | "privateEndpoints">
    | Pick<GcpEndpointService, "cloudProvider" | "endpointGroupNames">,
): string[] | undefined {
  switch (service.cloudProvider) {
    case "AWS":
      return service.interfaceEndpoints;
    case "AZURE":
      return service.privateEndpoints;
    case "GCP":
      return service.endpointGroupNames;
    default:
      return service satisfies never;
  }
}
