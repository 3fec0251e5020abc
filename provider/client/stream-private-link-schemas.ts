import { z } from "zod";
import { type Assignable, nullsAsAbsent, pageOf } from "./schemas";

/**
 * Stream processing private link connections (`StreamsPrivateLinkConnection`), version 2023-02-01:
 * the one version ../shared/atlas-openapi/stream-private-link.openapi.json gives these operations
 * (Atlas answers 406 for another). Read tolerantly: `null` is absent, other fields are kept, a
 * `state` is any string (the resource's status table says what it means), `_id` is read as `id`.
 */
export const STREAM_PRIVATE_LINK_MEDIA_TYPE = "application/vnd.atlas.2023-02-01+json";

/** The states Terraform's mongodbatlas_stream_privatelink_endpoint waits through; Atlas may add others. */
export type KnownStreamPrivateLinkState = "IDLE" | "WORKING" | "DONE" | "FAILED" | "DELETE_REQUESTED" | "DELETING" | "DELETED";

const text = z.string().optional();
const texts = z.array(z.string()).optional();

/** The POST body's fields: what a connection is made of (the spec's writable fields). Atlas uses GENERIC for a left-out `vendor`. */
const target = {
  provider: z.string(),
  vendor: text,
  region: text,
  arn: text,
  serviceEndpointId: text,
  dnsDomain: text,
  dnsSubDomain: texts,
  azureResourceIds: texts,
  gcpServiceAttachmentUris: texts,
  authenticationScheme: text,
};

/** What Atlas makes of a connection: its state, and the endpoint or PSC connections it made, and from which account. */
const made = {
  /** IDLE, WORKING, DONE, FAILED, DELETE_REQUESTED or DELETING. */
  state: text,
  /** Atlas's error message, when the connection failed. */
  errorMessage: text,
  /** AWS and Azure: the interface endpoint Atlas made (AWS `vpce-...`, an Azure private endpoint's resource id), once DONE. */
  interfaceEndpointId: text,
  /** AWS and Azure: the interface endpoint's name, once DONE. */
  interfaceEndpointName: text,
  /** GCP: the Private Service Connect connection ids Atlas made, once DONE. */
  gcpConnectionIds: texts,
  /** The cloud account Atlas's stream processing connects from (for the target's allow list). */
  providerAccountId: text,
};

/** The POST body (`provider` is AWS, AZURE or GCP). */
export type CreateStreamPrivateLinkRequest = z.output<z.ZodObject<typeof target>>;

/** A connection as Atlas answers it; `id` is the wire's `_id`. */
export type StreamPrivateLink = CreateStreamPrivateLinkRequest &
  Omit<z.output<z.ZodObject<typeof made>>, "state"> & { id: string; state?: KnownStreamPrivateLinkState | (string & {}) };

const connection = z.looseObject({ _id: z.string(), ...target, ...made }).transform(({ _id, ...rest }) => ({ ...rest, id: _id }));

export const streamPrivateLinkSchema = nullsAsAbsent(connection);

export const streamPrivateLinkPageSchema = pageOf(connection);

export type _StreamPrivateLinkSchemaChecks = [Assignable<StreamPrivateLink, z.output<typeof streamPrivateLinkSchema>>];
