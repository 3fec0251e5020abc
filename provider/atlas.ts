import { AtlasClient, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY, type CreateEndpointRequest, type EndpointRef } from "./client";
import { resolveConnection } from "./credentials";
import type { ResolvedInputs } from "./inputs";
import { reportProgress } from "./progress";
import { timeScale } from "./time-scale";

/**
 * "off" disables the process-wide pacer, so the benchmark can measure its baseline; never meant
 * for users. Read at call time.
 */
export const PACING_ENV = "PULUMI_ATLAS_PE_PACING";

/**
 * A client for one operation, built from the credentials of this moment; never kept on the
 * provider. `deadlineAt` (epoch ms) is the operation's own deadline: 429s are waited out until then.
 */
export function connectToAtlas(deadlineAt?: number): AtlasClient {
  const { credentials, baseUrl } = resolveConnection();
  const scale = timeScale();
  // The test/benchmark time scale shrinks retry back-off and the per-request timeout too (so a
  // slow answer is a fast test); Retry-After from Atlas still rules.
  const scaled =
    scale === 1
      ? {}
      : {
          retry: {
            baseDelayMs: Math.round(DEFAULT_RETRY.baseDelayMs * scale),
            maxDelayMs: Math.round(DEFAULT_RETRY.maxDelayMs * scale),
            maxElapsedMs: Math.round(DEFAULT_RETRY.maxElapsedMs * scale),
          },
          requestTimeoutMs: Math.max(1, Math.round(DEFAULT_REQUEST_TIMEOUT_MS * scale)),
        };
  return new AtlasClient({
    credentials,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...scaled,
    log: reportProgress,
    pacing: process.env[PACING_ENV] !== "off",
    ...(deadlineAt === undefined ? {} : { waitOutRateLimitsUntil: deadlineAt }),
  });
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

/** The POST body (the API calls the AWS/Azure id `id`, a name Pulumi reserves). */
export function createRequestOf(inputs: ResolvedInputs): CreateEndpointRequest {
  switch (inputs.cloudProvider) {
    case "AWS":
      return { cloudProvider: "AWS", id: inputs.endpointId };
    case "AZURE":
      return { cloudProvider: "AZURE", id: inputs.endpointId, privateEndpointIPAddress: inputs.privateEndpointIPAddress };
    case "GCP":
      return {
        cloudProvider: "GCP",
        gcpProjectId: inputs.gcpProjectId,
        endpointGroupName: inputs.endpointGroupName,
        endpoints: inputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })),
      };
    default:
      return inputs satisfies never;
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
