/**
 * The Pulumi id of a DataFederationEndpoint: `${groupId}:${cloudProvider}:${endpointId}`. The endpoint id comes
 * last and raw (not URL-encoded), so an Azure resource id with its '/' fits: everything after the second ':' is
 * the endpoint id. `pulumi import` also takes Terraform's (and the bridged @pulumi/mongodbatlas provider's) id of
 * the same entry, `${project_id}--${endpoint_id}`, whose cloud the endpoint id's shape tells. Atlas keys an entry
 * by its endpoint id alone, so the id names it before Atlas answers: an unconfirmed create is recorded under it too.
 */
import type { DataFederationCloud } from "../client/data-federation-endpoint-schemas";
import { resolveWith } from "../vocabulary/validation";
import { DATA_FEDERATION_ENDPOINT_INPUTS, type ResolvedDataFederationInputs } from "./inputs";

/** What Atlas's paths address: an entry of a project's list. */
export interface DataFederationRef {
  groupId: string;
  cloudProvider: DataFederationCloud;
  /** Raw, never pre-encoded: AWS `vpce-...`, Azure the full resource id with `/`. */
  endpointId: string;
}

export const ID_FORMAT = "<groupId>:<AWS|AZURE>:<endpointId>";
export const TERRAFORM_ID_FORMAT = "<groupId>--<endpointId>";

const ID_PATTERN = /^([0-9a-f]{24}):(AWS|AZURE):(.+)$/s;
const TERRAFORM_ID_PATTERN = /^([0-9a-f]{24})--(.+)$/s;

export function formatId(ref: DataFederationRef): string {
  return `${ref.groupId}:${ref.cloudProvider}:${ref.endpointId}`;
}

/** The cloud an endpoint id belongs to, by its shape; undefined when it is neither's. */
function cloudOfEndpointId(endpointId: string): DataFederationCloud | undefined {
  if (endpointId.startsWith("vpce-")) return "AWS";
  if (endpointId.toLowerCase().startsWith("/subscriptions/")) return "AZURE";
  return undefined;
}

/** This provider's id, or Terraform's import id of the same entry. */
export function parseId(id: string): DataFederationRef {
  const own = ID_PATTERN.exec(id);
  if (own) return { groupId: own[1]!, cloudProvider: own[2] as DataFederationCloud, endpointId: own[3]! };
  const terraform = TERRAFORM_ID_PATTERN.exec(id);
  const cloud = terraform ? cloudOfEndpointId(terraform[2]!) : undefined;
  if (terraform && cloud) return { groupId: terraform[1]!, cloudProvider: cloud, endpointId: terraform[2]! };
  throw new Error(
    `DataFederationEndpoint id value="${id}" is not of the form ${ID_FORMAT} or Terraform's ${TERRAFORM_ID_FORMAT} ` +
      "(groupId: 24 hexadecimal characters; endpointId: an AWS vpce- id or an Azure private endpoint resource id)",
  );
}

/** The entry the inputs name. */
export function refOf(inputs: ResolvedDataFederationInputs): DataFederationRef {
  return { groupId: inputs.groupId, cloudProvider: inputs.cloudProvider, endpointId: inputs.endpointId };
}

/**
 * The entry a resource in state names. The id is authoritative; the recorded inputs are the fallback for an id
 * this format did not write.
 */
export function refFor(id: string, props: Record<string, unknown>): DataFederationRef {
  try {
    return parseId(id);
  } catch (idError) {
    try {
      return refOf(resolveWith(DATA_FEDERATION_ENDPOINT_INPUTS, props));
    } catch {
      throw idError;
    }
  }
}

/** How progress lines and errors name an entry (an Azure endpoint by its name, the resource id's last part). */
export function describe(ref: DataFederationRef): string {
  const name = ref.cloudProvider === "AZURE" ? (ref.endpointId.split("/").pop() ?? ref.endpointId) : ref.endpointId;
  return `${ref.cloudProvider === "AZURE" ? "Azure" : "AWS"} Data Federation endpoint ${name}`;
}

export { formatId as idOf };

/** The inputs name the entry: an unconfirmed create is recorded under the id it will have. */
export function unconfirmedId(inputs: ResolvedDataFederationInputs): string {
  return formatId(refOf(inputs));
}
