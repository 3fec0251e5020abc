/**
 * StreamPrivateLink's adoption rule: Atlas refuses a second live connection to the same target
 * (409), so the one it already has is taken over when adoptExisting allows and it matches the inputs;
 * otherwise every difference is said. The same comparison finds a create's own connection after a
 * lost answer, and tells diff when a replacement would meet its predecessor's 409.
 */
import type { StreamPrivateLink } from "../client";
import type { CloudProvider } from "../vocabulary/clouds";
import { sameRegion } from "../vocabulary/regions";
import { STREAM_LINK_ATLAS_FIELDS, vendorRule, type ResolvedStreamLinkInputs, type StreamField } from "./inputs";
import { observe } from "./statuses";

const quoted = (value: unknown) => JSON.stringify(value);

const LIST_FIELDS: readonly string[] = ["dnsSubDomain", "azureResourceIds", "gcpServiceAttachmentUris"];

/**
 * Whether two values of one field name the same thing: a region in either spelling, lists in any
 * order, a domain in any case. Undefined on either side is "not said", never a match by itself.
 */
export function sameFieldValue(cloud: CloudProvider, field: string, a: unknown, b: unknown): boolean {
  if (LIST_FIELDS.includes(field)) {
    const sorted = (value: unknown) => (Array.isArray(value) ? JSON.stringify(value.map(String).sort()) : undefined);
    return sorted(a) !== undefined && sorted(a) === sorted(b);
  }
  if (typeof a !== "string" || typeof b !== "string") return false;
  if (field === "region") return sameRegion(cloud, a, b);
  if (field === "dnsDomain") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** Atlas's vendor of a connection (GENERIC when it says none). */
const vendorOf = (link: StreamPrivateLink) => link.vendor ?? "GENERIC";

/** Whether Atlas's connection reaches the target the inputs name (what its 409 is about), alive or not. */
export function onTarget(inputs: ResolvedStreamLinkInputs, link: StreamPrivateLink): boolean {
  if (link.provider !== inputs.cloudProvider || vendorOf(link) !== inputs.vendor) return false;
  const rule = vendorRule(inputs.cloudProvider, inputs.vendor);
  return (rule?.target ?? []).every((field: StreamField) => sameFieldValue(inputs.cloudProvider, field, inputs[field], link[field]));
}

/** Whether the connection is on its way out (Atlas no longer counts it against the target). */
export function isGoing(link: StreamPrivateLink): boolean {
  const phase = observe(link).phase;
  return phase === "deleting" || phase === "gone";
}

/**
 * How a connection Atlas has differs from the inputs; empty when it is what they declare. Only what
 * both sides say is compared: a field the inputs leave out is Atlas's to fill (an MSK region).
 */
export function linkDifferences(inputs: ResolvedStreamLinkInputs, existing: StreamPrivateLink): string[] {
  const differences: string[] = [];
  if (existing.provider !== inputs.cloudProvider) {
    differences.push(`cloudProvider is ${quoted(existing.provider)} in Atlas, ${quoted(inputs.cloudProvider)} in the inputs`);
  }
  if (vendorOf(existing) !== inputs.vendor)
    differences.push(`vendor is ${quoted(vendorOf(existing))} in Atlas, ${quoted(inputs.vendor)} in the inputs`);
  for (const field of STREAM_LINK_ATLAS_FIELDS) {
    if (field === "vendor") continue;
    const declared = inputs[field];
    const inAtlas = existing[field];
    if (declared === undefined || inAtlas === undefined) continue;
    if (!sameFieldValue(inputs.cloudProvider, field, declared, inAtlas)) {
      differences.push(`${field} is ${quoted(inAtlas)} in Atlas, ${quoted(declared)} in the inputs`);
    }
  }
  return differences;
}

/** The one of `candidates` this resource's inputs describe whole, alive; undefined when none is. */
export function matchingLink(inputs: ResolvedStreamLinkInputs, candidates: readonly StreamPrivateLink[]): StreamPrivateLink | undefined {
  return candidates.find((link) => !isGoing(link) && linkDifferences(inputs, link).length === 0);
}

/** Why a live connection to the same target (a 409) is not taken over; undefined when it may be. */
export function adoptionRefusal(inputs: ResolvedStreamLinkInputs, existing: StreamPrivateLink): string | undefined {
  const differences = linkDifferences(inputs, existing);
  const seen = observe(existing);
  if (seen.phase === "failed") differences.push(`it has failed (state ${seen.label}: ${seen.failure})`);
  return differences.length === 0 ? undefined : differences.join("; ");
}
