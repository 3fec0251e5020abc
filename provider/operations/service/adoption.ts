import type { EndpointService } from "../../client";
import { sameRegion } from "../../vocabulary/regions";
import { normalizedRemoteRegions, type ResolvedServiceInputs } from "../../vocabulary/service-inputs";
import { observeService } from "../../waiting/status-table";

const quoted = (value: unknown) => JSON.stringify(value);

/** The project's services for the inputs' cloud in the inputs' region (Atlas allows one; GCP may keep a legacy and a port-mapped one). */
export function inRegion(services: EndpointService[], inputs: ResolvedServiceInputs): EndpointService[] {
  return services.filter(
    (service) => service.regionName !== undefined && sameRegion(inputs.cloudProvider, service.regionName, inputs.region),
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
  const seen = observeService(existing);
  if (seen.phase === "deleting" || seen.phase === "gone") differences.push(`it is being deleted (status ${seen.label})`);
  if (seen.phase === "failed") differences.push(`it has failed (status ${seen.label}: ${seen.failure})`);
  return differences;
}

/** The service to adopt among those in the region: the first without differences, else every difference said. */
export function chooseAdoptable(
  inputs: ResolvedServiceInputs,
  candidates: EndpointService[],
): { service: EndpointService } | { differences: string[] } {
  const described = candidates.map((service) => ({ service, differences: serviceDifferences(inputs, service) }));
  const match = described.find((candidate) => candidate.differences.length === 0);
  if (match) return { service: match.service };
  return { differences: described.map(({ service, differences }) => `service ${service.id ?? "?"}: ${differences.join("; ")}`) };
}

/** A GCP service of the other kind (port-mapped or not) in the same region. */
export function differsOnlyInPortMapping(inputs: ResolvedServiceInputs, existing: EndpointService): boolean {
  return (
    inputs.cloudProvider === "GCP" &&
    existing.cloudProvider === "GCP" &&
    (existing.portMappingEnabled ?? false) !== (inputs.portMappingEnabled ?? false)
  );
}
