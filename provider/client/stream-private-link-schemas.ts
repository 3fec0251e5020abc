import { z } from "zod";
import { withoutNulls } from "./schemas";

/**
 * Stream processing private link connections (`StreamsPrivateLinkConnection`), version 2023-02-01:
 * the one version ../shared/atlas-openapi/stream-private-link.openapi.json gives these operations
 * (Atlas answers 406 for another). Read tolerantly: `null` is absent, other fields are kept, a
 * `state` is any string (the resource's status table says what it means), `_id` is read as `id`.
 */
export const STREAM_PRIVATE_LINK_MEDIA_TYPE = "application/vnd.atlas.2023-02-01+json";

/** The states Terraform's mongodbatlas_stream_privatelink_endpoint waits through; Atlas may add others. */
export type KnownStreamPrivateLinkState = "IDLE" | "WORKING" | "DONE" | "FAILED" | "DELETE_REQUESTED" | "DELETING" | "DELETED";

export interface StreamPrivateLink {
  /** The connection id (the wire's `_id`). */
  id: string;
  /** AWS, AZURE or GCP (the spec's `provider`). */
  provider: string;
  vendor?: string;
  region?: string;
  arn?: string;
  serviceEndpointId?: string;
  dnsDomain?: string;
  dnsSubDomain?: string[];
  azureResourceIds?: string[];
  gcpServiceAttachmentUris?: string[];
  authenticationScheme?: string;
  state?: KnownStreamPrivateLinkState | (string & {});
  errorMessage?: string;
  interfaceEndpointId?: string;
  interfaceEndpointName?: string;
  gcpConnectionIds?: string[];
  providerAccountId?: string;
}

/** The POST body: what a connection is made of (the spec's writable fields). */
export interface CreateStreamPrivateLinkRequest {
  provider: string;
  /** Atlas uses GENERIC when it is left out. */
  vendor?: string;
  region?: string;
  arn?: string;
  serviceEndpointId?: string;
  dnsDomain?: string;
  dnsSubDomain?: string[];
  azureResourceIds?: string[];
  gcpServiceAttachmentUris?: string[];
  authenticationScheme?: string;
}

const strings = z.array(z.string()).optional();

const connection = z
  .looseObject({
    _id: z.string(),
    provider: z.string(),
    vendor: z.string().optional(),
    region: z.string().optional(),
    arn: z.string().optional(),
    serviceEndpointId: z.string().optional(),
    dnsDomain: z.string().optional(),
    dnsSubDomain: strings,
    azureResourceIds: strings,
    gcpServiceAttachmentUris: strings,
    authenticationScheme: z.string().optional(),
    state: z.string().optional(),
    errorMessage: z.string().optional(),
    interfaceEndpointId: z.string().optional(),
    interfaceEndpointName: z.string().optional(),
    gcpConnectionIds: strings,
    providerAccountId: z.string().optional(),
  })
  .transform(({ _id, ...rest }) => ({ ...rest, id: _id }));

export const streamPrivateLinkSchema = z.preprocess(withoutNulls, connection);

export const streamPrivateLinkPageSchema = z.preprocess(
  withoutNulls,
  z.looseObject({ results: z.array(connection), totalCount: z.number().optional() }),
);

type Assignable<T, U extends T> = U;
export type _StreamPrivateLinkSchemaChecks = [Assignable<StreamPrivateLink, z.output<typeof streamPrivateLinkSchema>>];
