/** PrivateEndpoint's adoption rule: an endpoint Atlas already has is taken over only when it matches the inputs. */
import type { AtlasEndpoint } from "../client";
import { describeEndpoint, endpointRefOf } from "./ids";
import type { ResolvedInputs } from "./inputs";
import { observe } from "./statuses";

const quoted = (value: unknown) => JSON.stringify(value);

function rulesText(rules: { endpointName?: string; ipAddress?: string }[]): string {
  return `[${rules
    .map((rule) => `${rule.endpointName ?? "?"}=${rule.ipAddress ?? "?"}`)
    .sort()
    .join(", ")}]`;
}

/**
 * How an endpoint Atlas already has (409) differs from the inputs; empty when it matches and may
 * be adopted. Only what Atlas reports is compared: an absent field is no difference.
 */
export function differencesFromInputs(inputs: ResolvedInputs, existing: AtlasEndpoint): string[] {
  if (existing.cloudProvider !== inputs.cloudProvider) {
    return [`cloudProvider is ${quoted(existing.cloudProvider)} in Atlas, ${quoted(inputs.cloudProvider)} in the inputs`];
  }
  const differences: string[] = [];
  switch (inputs.cloudProvider) {
    case "AWS":
      break;
    case "AZURE": {
      const ip = existing.cloudProvider === "AZURE" ? existing.privateEndpointIPAddress : undefined;
      if (ip !== undefined && ip !== inputs.privateEndpointIPAddress) {
        differences.push(`privateEndpointIPAddress is ${quoted(ip)} in Atlas, ${quoted(inputs.privateEndpointIPAddress)} in the inputs`);
      }
      break;
    }
    case "GCP": {
      if (existing.cloudProvider !== "GCP") break;
      if (existing.gcpProjectId !== undefined && existing.gcpProjectId !== inputs.gcpProjectId) {
        differences.push(`gcpProjectId is ${quoted(existing.gcpProjectId)} in Atlas, ${quoted(inputs.gcpProjectId)} in the inputs`);
      }
      if (existing.endpoints !== undefined) {
        // A port-mapped service may report its one rule under the group's own name (recorded Atlas):
        // that is the declared rule, renamed by Atlas, not a different one.
        const groupName = existing.endpointGroupName ?? inputs.endpointGroupName;
        const renamedByAtlas =
          existing.portMappingEnabled === true &&
          existing.endpoints.length === 1 &&
          inputs.endpoints.length === 1 &&
          existing.endpoints[0]!.endpointName === groupName;
        const reported = renamedByAtlas
          ? [{ ...existing.endpoints[0]!, endpointName: inputs.endpoints[0]!.endpointName }]
          : existing.endpoints;
        const inAtlas = rulesText(reported);
        const declared = rulesText(inputs.endpoints);
        if (inAtlas !== declared) differences.push(`endpoints are ${inAtlas} in Atlas, ${declared} in the inputs`);
      }
      break;
    }
    default:
      return inputs satisfies never;
  }
  return differences;
}

/**
 * Why an endpoint Atlas already has (a 409; `own`: this create's earlier attempt) is not continued
 * with; undefined when it is.
 */
export function adoptionRefusal(inputs: ResolvedInputs, existing: AtlasEndpoint): string | undefined {
  const what = describeEndpoint(endpointRefOf(inputs));
  const seen = observe(existing);
  if (seen.phase === "deleting" || seen.phase === "gone" || existing.deleteRequested === true) {
    return `${what} is already registered with Atlas but is being deleted (status ${seen.label}); run \`pulumi up\` again once Atlas has removed it.`;
  }
  const differences = differencesFromInputs(inputs, existing);
  if (differences.length > 0) {
    return (
      `${what} is already registered with Atlas but differs from the inputs, so it is not adopted: ${differences.join("; ")}. ` +
      "Change the inputs to match, or remove the endpoint from Atlas."
    );
  }
  return undefined;
}
