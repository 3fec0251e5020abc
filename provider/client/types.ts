/** Clouds Atlas can front with a private endpoint service; also the `{cloudProvider}` path segment. */
export type CloudProvider = "AWS" | "AZURE" | "GCP";

export const CLOUD_PROVIDERS: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

export type AtlasCredentials =
  /** Programmatic API key, sent with HTTP Digest. */
  | { kind: "apiKey"; publicKey: string; privateKey: string }
  /** Service account, exchanged for a Bearer token with the OAuth client-credentials grant. */
  | { kind: "serviceAccount"; clientId: string; clientSecret: string };

export interface ServiceRef {
  groupId: string;
  cloudProvider: CloudProvider;
  endpointServiceId: string;
}

export interface EndpointRef extends ServiceRef {
  /** Raw id, never pre-encoded: AWS `vpce-...`, Azure the full resource id with `/`, GCP the endpoint group name. */
  endpointId: string;
}

export type CreateEndpointRequest =
  | { cloudProvider: "AWS"; id: string }
  | { cloudProvider: "AZURE"; id: string; privateEndpointIPAddress: string }
  | {
      cloudProvider: "GCP";
      gcpProjectId: string;
      endpointGroupName: string;
      endpoints: { endpointName: string; ipAddress: string }[];
    };
