import type { CloudProvider } from "../vocabulary/clouds";
export type AtlasCredentials =
  /** Programmatic API key, sent with HTTP Digest. */
  | { kind: "apiKey"; publicKey: string; privateKey: string }
  /** Service account, exchanged for a Bearer token with the OAuth client-credentials grant. */
  | { kind: "serviceAccount"; clientId: string; clientSecret: string };

export type CreateEndpointRequest =
  | { cloudProvider: "AWS"; id: string }
  | { cloudProvider: "AZURE"; id: string; privateEndpointIPAddress: string }
  | {
      cloudProvider: "GCP";
      gcpProjectId: string;
      endpointGroupName: string;
      endpoints: { endpointName: string; ipAddress: string }[];
    };

/** The endpoint service POST body (the API's field names: `providerName`, `region` in Atlas's spelling). */
export interface CreateEndpointServiceRequest {
  providerName: CloudProvider;
  region: string;
  /** GCP only; Atlas defaults to false. */
  portMappingEnabled?: boolean;
  /** AWS only. */
  supportedRemoteRegions?: string[];
}
