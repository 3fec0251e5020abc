/**
 * The Pulumi id of a PrivateEndpoint: `${groupId}:${cloudProvider}:${endpointServiceId}:${endpointId}`.
 * The Atlas endpoint id comes last and raw (not URL-encoded), so it may contain '/' (Azure) or
 * anything else: everything after the third ':' is the endpoint id. For GCP it is the endpoint
 * group name. The id alone is enough for read and delete.
 */
import type { CloudProvider } from "../vocabulary/clouds";
import type { EndpointRef } from "../vocabulary/refs";
import { resolveWith } from "../vocabulary/validation";
import { PRIVATE_ENDPOINT_INPUTS, type ResolvedInputs } from "./inputs";

export type EndpointIdentity = EndpointRef;

export function formatResourceId(identity: EndpointIdentity): string {
  return `${identity.groupId}:${identity.cloudProvider}:${identity.endpointServiceId}:${identity.endpointId}`;
}

const ID_PATTERN = /^(?<groupId>[0-9a-f]{24}):(?<cloudProvider>AWS|AZURE|GCP):(?<endpointServiceId>[0-9a-f]{24}):(?<endpointId>.+)$/s;

/** The endpoint a match of either id pattern names (both name the same four groups); undefined without a match. */
function identityIn(match: RegExpExecArray | null): EndpointIdentity | undefined {
  const parts = match?.groups;
  if (parts === undefined) return undefined;
  const { groupId, cloudProvider, endpointServiceId, endpointId } = parts;
  return {
    groupId: groupId!,
    cloudProvider: cloudProvider as CloudProvider,
    endpointServiceId: endpointServiceId!,
    endpointId: endpointId!,
  };
}

export const ID_FORMAT = "<groupId>:<AWS|AZURE|GCP>:<endpointServiceId>:<endpointId>";

export function parseResourceId(id: string): EndpointIdentity {
  const identity = identityIn(ID_PATTERN.exec(id));
  if (!identity) throw new Error(`PrivateEndpoint id value="${id}" is not of the form ${ID_FORMAT}`);
  return identity;
}

/** The Atlas endpoint the inputs name; GCP endpoints are addressed by their group name. */
export function endpointRefOf(inputs: ResolvedInputs): EndpointRef {
  const service = { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointServiceId: inputs.endpointServiceId };
  switch (inputs.cloudProvider) {
    case "AWS":
    case "AZURE":
      return { ...service, endpointId: inputs.endpointId };
    case "GCP":
      return { ...service, endpointId: inputs.endpointGroupName };
    default:
      return inputs satisfies never;
  }
}

/**
 * Terraform's mongodbatlas_privatelink_endpoint_service (and the bridged @pulumi/mongodbatlas
 * PrivateLinkEndpointService) import the same endpoint as `{project_id}--{private_link_id}--{endpoint_service_id}--{provider_name}`:
 * `pulumi import` takes that form too, so a stack moving from either imports with the id it already has.
 */
const TERRAFORM_ID_PATTERN =
  /^(?<groupId>[0-9a-f]{24})--(?<endpointServiceId>[0-9a-f]{24})--(?<endpointId>.+)--(?<cloudProvider>AWS|AZURE|GCP)$/s;

export const TERRAFORM_ID_FORMAT = "<projectId>--<privateLinkId>--<endpointId>--<AWS|AZURE|GCP>";

/** The endpoint an id names: this provider's form, or Terraform's (above); undefined for any other. */
export function parseAnyId(id: string): EndpointIdentity | undefined {
  return identityIn(ID_PATTERN.exec(id)) ?? identityIn(TERRAFORM_ID_PATTERN.exec(id));
}

/**
 * The Atlas endpoint a resource in state names. The id is authoritative (it holds what Atlas
 * answered at create); the recorded inputs are the fallback for ids this format did not write.
 */
export function endpointRefFor(id: string, props: Record<string, unknown>): EndpointRef {
  const named = parseAnyId(id);
  if (named) return named;
  try {
    return endpointRefOf(resolveWith(PRIVATE_ENDPOINT_INPUTS, props));
  } catch {
    throw new Error(`PrivateEndpoint id value="${id}" is not of the form ${ID_FORMAT} (or Terraform's ${TERRAFORM_ID_FORMAT})`);
  }
}

/** How progress lines and errors name an endpoint (no secrets in any of it). */
export function describeEndpoint(ref: EndpointRef): string {
  switch (ref.cloudProvider) {
    case "AWS":
      return `AWS endpoint ${ref.endpointId}`;
    case "AZURE":
      return `Azure private endpoint ${ref.endpointId.split("/").pop() ?? ref.endpointId}`;
    case "GCP":
      return `GCP endpoint group ${ref.endpointId}`;
    default:
      return ref.cloudProvider satisfies never;
  }
}

export { describeEndpoint as describe, formatResourceId as idOf };

/** The inputs name the endpoint: an unconfirmed create is recorded under the id it will have. */
export function unconfirmedId(inputs: ResolvedInputs): string {
  return formatResourceId(endpointRefOf(inputs));
}
