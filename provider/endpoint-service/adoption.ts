/**
 * EndpointService's adoption rule: Atlas allows one service per cloud and region of a project (on
 * GCP one of each port-mapping kind), so stacks share it. The project's existing one is taken over
 * when it matches the inputs; otherwise every difference is said.
 */
import type { EndpointService } from "../client";
import { sameRegion } from "../vocabulary/regions";
import type { ServiceIdentity } from "./ids";
import { normalizedRemoteRegions, type ResolvedServiceInputs } from "./inputs";
import { observe } from "./statuses";

const quoted = (value: unknown) => JSON.stringify(value);

/** Whether Atlas's service sits in that slot: its cloud's list, the same region, and on GCP the same port-mapping kind. */
export function inSlot(service: EndpointService, identity: ServiceIdentity): boolean {
  const portMapped = service.cloudProvider === "GCP" && service.portMappingEnabled === true;
  return (
    service.cloudProvider === identity.cloudProvider &&
    service.regionName !== undefined &&
    sameRegion(identity.cloudProvider, service.regionName, identity.regionName) &&
    portMapped === identity.portMapped
  );
}

/**
 * How a service the project already has differs from the inputs; empty when it may be adopted.
 * Only what Atlas reports is compared, and supportedRemoteRegions only when declared.
 */
export function serviceDifferences(inputs: ResolvedServiceInputs, existing: EndpointService): string[] {
  const differences: string[] = [];
  if (inputs.cloudProvider === "GCP" && existing.cloudProvider === "GCP") {
    const inAtlas = existing.portMappingEnabled ?? false;
    const declared = inputs.portMappingEnabled ?? false;
    if (inAtlas !== declared) differences.push(`portMappingEnabled is ${inAtlas} in Atlas, ${declared} in the inputs`);
  }
  if (inputs.cloudProvider === "AWS" && existing.cloudProvider === "AWS" && inputs.supportedRemoteRegions !== undefined) {
    const inAtlas = normalizedRemoteRegions(existing.supportedRemoteRegions);
    const declared = normalizedRemoteRegions(inputs.supportedRemoteRegions);
    if (quoted(inAtlas) !== quoted(declared)) {
      differences.push(`supportedRemoteRegions is ${quoted(inAtlas)} in Atlas, ${quoted(declared)} in the inputs`);
    }
  }
  const seen = observe(existing);
  if (seen.phase === "deleting" || seen.phase === "gone") differences.push(`it is being deleted (status ${seen.label})`);
  if (seen.phase === "failed") differences.push(`it has failed (status ${seen.label}: ${seen.failure})`);
  return differences;
}

/** The service to adopt among those in the slot: the first without differences, else every difference said. */
export function chooseAdoptable(
  inputs: ResolvedServiceInputs,
  candidates: EndpointService[],
): { service: EndpointService } | { differences: string[] } {
  const described = candidates.map((service) => ({ service, differences: serviceDifferences(inputs, service) }));
  const match = described.find((candidate) => candidate.differences.length === 0);
  if (match) return { service: match.service };
  return { differences: described.map(({ service, differences }) => `service ${service.id ?? "?"}: ${differences.join("; ")}`) };
}
