/**
 * DataFederationEndpoint's adoption rule. Atlas's POST is an upsert keyed by the endpoint id, so an entry the
 * project's list already has is taken over (adoptExisting) only when it is what the inputs declare in every field
 * Atlas cannot change (the comment is changed in place); otherwise each difference is said.
 */
import type { DataFederationEndpointEntry } from "../client/data-federation-endpoint-schemas";
import { sameEndpointId } from "../vocabulary/clouds";
import { sameRegion } from "../vocabulary/regions";
import { nonEmpty } from "../vocabulary/state";
import { describe, refOf } from "./ids";
import type { ResolvedDataFederationInputs } from "./inputs";
import { observe } from "./statuses";

const quoted = (value: unknown) => (value === undefined ? "not set" : JSON.stringify(value));

/** Whether Atlas's entry is the one the inputs name (Azure ids compare without case, as Atlas keys them). */
export function isEntryOf(inputs: { cloudProvider: string; endpointId: string }, entry: DataFederationEndpointEntry): boolean {
  return sameEndpointId(inputs.cloudProvider, entry.endpointId, inputs.endpointId);
}

/**
 * How an entry the project already has differs from the inputs in what Atlas cannot change; empty when it may be
 * adopted. Set in one and not the other is a difference too: a field Atlas holds that the program leaves out would
 * show as drift on the next refresh, and replace the entry.
 */
export function differencesFromInputs(inputs: ResolvedDataFederationInputs, existing: DataFederationEndpointEntry): string[] {
  const differences: string[] = [];
  const provider = existing.provider ?? "AWS";
  if (provider !== inputs.cloudProvider) {
    differences.push(`cloudProvider is ${quoted(provider)} in Atlas, ${quoted(inputs.cloudProvider)} in the inputs`);
  }
  const region = nonEmpty(existing.region);
  const regionsDiffer =
    region === undefined || inputs.region === undefined
      ? region !== inputs.region
      : !sameRegion(inputs.cloudProvider, region, inputs.region);
  if (regionsDiffer) differences.push(`region is ${quoted(region)} in Atlas, ${quoted(inputs.declaredRegion)} in the inputs`);
  const dns = nonEmpty(existing.customerEndpointDNSName);
  if (dns?.toLowerCase() !== inputs.customerEndpointDNSName?.toLowerCase()) {
    differences.push(`customerEndpointDNSName is ${quoted(dns)} in Atlas, ${quoted(inputs.customerEndpointDNSName)} in the inputs`);
  }
  const azure = inputs.cloudProvider === "AZURE" ? inputs : undefined;
  for (const field of ["azureLinkId", "customerEndpointIPAddress"] as const) {
    const inAtlas = nonEmpty(existing[field]);
    const declared = azure?.[field];
    if (inAtlas !== declared) differences.push(`${field} is ${quoted(inAtlas)} in Atlas, ${quoted(declared)} in the inputs`);
  }
  return differences;
}

/** Why the entry Atlas already lists is not taken over; undefined when it is. */
export function adoptionRefusal(inputs: ResolvedDataFederationInputs, existing: DataFederationEndpointEntry): string | undefined {
  const what = describe(refOf(inputs));
  const seen = observe(existing);
  if (!inputs.adoptExisting) {
    return (
      `${what} is already in project groupId="${inputs.groupId}"'s Data Federation private endpoints (status ${seen.label}), and Atlas keeps one entry per endpoint. ` +
      "adoptExisting is false, so it is not taken over: remove it from Atlas, or set adoptExisting: true to manage it with this resource."
    );
  }
  if (seen.phase === "failed") {
    return (
      `${what} is already in the project's Data Federation private endpoints, but it has failed (status ${seen.label}: ${seen.failure}), so it is not adopted. ` +
      "Remove it from Atlas (fix the cloud-side endpoint first), then run `pulumi up` again."
    );
  }
  const differences = differencesFromInputs(inputs, existing);
  if (differences.length > 0) {
    return (
      `${what} is already in the project's Data Federation private endpoints but differs from the inputs, so it is not adopted: ${differences.join("; ")}. ` +
      "Atlas changes only the comment of an entry: change the inputs to match, or remove the entry from Atlas."
    );
  }
  return undefined;
}
