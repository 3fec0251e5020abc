/**
 * The Pulumi id of a StreamPrivateLink: `${groupId}:${connectionId}`, enough for read, import and
 * delete. `pulumi import` also takes Terraform's mongodbatlas_stream_privatelink_endpoint import id,
 * `${groupId}-${connectionId}` (the bridged @pulumi/mongodbatlas StreamPrivatelinkEndpoint's too);
 * read answers with this provider's own form. A create Atlas may have carried out but never
 * confirmed is recorded under `${groupId}:unconfirmed:${cloudProvider}:${vendor}` (Atlas gives the
 * id), and found later by listing the project for a connection of the record's whole identity.
 */
import type { StreamPrivateLinkRef } from "../vocabulary/refs";
import type { ResolvedStreamLinkInputs } from "./inputs";

/** A connection as messages name it: its id, and what it reaches when known ("AWS MSK"). */
export type PlacedLinkRef = StreamPrivateLinkRef & { kind?: string };

export const ID_FORMAT = "<groupId>:<connectionId>";
/** Terraform's import id for the same connection (its ImportState splits `{project_id}-{connection_id}`). */
export const TERRAFORM_ID_FORMAT = "<groupId>-<connectionId>";

const ID_PATTERN = /^([0-9a-f]{24})[:-]([0-9a-f]{24})$/;

export function formatLinkId(ref: StreamPrivateLinkRef): string {
  return `${ref.groupId}:${ref.connectionId}`;
}

/** This provider's id or Terraform's import id. */
export function parseLinkId(id: string): StreamPrivateLinkRef {
  const match = ID_PATTERN.exec(id);
  if (!match) {
    throw new Error(
      `StreamPrivateLink id value="${id}" is not of the form ${ID_FORMAT} (or Terraform's ${TERRAFORM_ID_FORMAT}), 24 hex characters each`,
    );
  }
  return { groupId: match[1]!, connectionId: match[2]! };
}

const UNCONFIRMED_PATTERN = /^([0-9a-f]{24}):unconfirmed:(AWS|AZURE|GCP):([A-Z0-9_]+)$/;

export function unconfirmedId(inputs: ResolvedStreamLinkInputs): string {
  return `${inputs.groupId}:unconfirmed:${inputs.cloudProvider}:${inputs.vendor}`;
}

/** The project an unconfirmed record's id names; undefined for any other id. */
export function unconfirmedGroupOf(id: string): string | undefined {
  return UNCONFIRMED_PATTERN.exec(id)?.[1];
}

/** "AWS MSK", "GCP CONFLUENT": what a connection reaches, for messages. */
export function kindOf(link: { cloudProvider?: string; provider?: string; vendor?: string }): string {
  return `${link.cloudProvider ?? link.provider ?? "?"} ${link.vendor ?? "GENERIC"}`;
}

/** How progress lines and errors name a connection. */
export function describeLink(ref: PlacedLinkRef): string {
  return `${ref.kind === undefined ? "" : `${ref.kind} `}stream private link ${ref.connectionId}`;
}

export { describeLink as describe, formatLinkId as idOf };
