import type { CloudProvider } from "./cloud";
import { randomHex } from "./ids";
import type { Pace } from "./pace";
import type { PrivateEndpoint } from "./private-endpoint";
import { DELETION_SEQUENCE, ENDPOINT_SERVICE_SEQUENCE, Schedule, type EndpointServiceStatus } from "./transitions";

/** Atlas region names to the cloud's own names, for the generated service names. */
function cloudRegionName(cloud: CloudProvider, region: string): string {
  const lower = region.toLowerCase().replace(/_/g, "-");
  switch (cloud) {
    case "AWS":
      return lower;
    case "AZURE":
      return lower.replace(/-/g, "");
    case "GCP":
      return lower === "central-us" ? "us-central1" : lower.replace(/-/g, "");
    default:
      return cloud satisfies never;
  }
}

/** An Atlas private endpoint service (AWS PrivateLink, Azure Private Link Service, GCP PSC) and its endpoints. */
export class EndpointService {
  /** Keyed by the endpoint's normalized id (see AtlasBackend.endpointKey). */
  readonly endpoints = new Map<string, PrivateEndpoint>();
  supportedRemoteRegions: string[] | null = null;
  private deletion: Schedule<"DELETING"> | undefined;
  private readonly suffix = randomHex(17);

  constructor(
    readonly id: string,
    readonly cloudProvider: CloudProvider,
    readonly regionName: string,
    readonly portMappingEnabled: boolean,
    private readonly schedule: Schedule<EndpointServiceStatus>,
  ) {}

  static available(id: string, cloud: CloudProvider, region: string, portMapping: boolean, now: number, pace: Pace) {
    return new EndpointService(id, cloud, region, portMapping, Schedule.layOut([{ status: "AVAILABLE" }], now, pace));
  }

  static initiating(id: string, cloud: CloudProvider, region: string, portMapping: boolean, now: number, pace: Pace) {
    return new EndpointService(id, cloud, region, portMapping, Schedule.layOut(ENDPOINT_SERVICE_SEQUENCE, now, pace));
  }

  status(now: number): EndpointServiceStatus {
    return this.deletion ? this.deletion.statusAt(now) : this.schedule.statusAt(now);
  }

  requestDeletion(now: number, pace: Pace): void {
    if (!this.deletion) this.deletion = Schedule.layOut(DELETION_SEQUENCE, now, pace);
  }

  isGone(now: number): boolean {
    return this.deletion?.isOver(now) ?? false;
  }

  /** Drops endpoints whose deletion has finished. */
  sweep(now: number): void {
    for (const [key, endpoint] of this.endpoints) {
      if (endpoint.isGone(now)) this.endpoints.delete(key);
    }
  }

  toAtlas(now: number): Record<string, unknown> {
    const status = this.status(now);
    // As recorded: absent fields are null, and the cloud-side names only exist once the service is up.
    const ready = status !== "INITIATING";
    const common = { cloudProvider: this.cloudProvider, errorMessage: null, id: this.id, regionName: this.regionName, status };
    const endpointIds = [...this.endpoints.values()].map((endpoint) => endpoint.endpointId);
    const region = cloudRegionName(this.cloudProvider, this.regionName);
    switch (this.cloudProvider) {
      case "AWS":
        return {
          ...common,
          endpointServiceName: ready ? `com.amazonaws.vpce.${region}.vpce-svc-${this.suffix}` : null,
          interfaceEndpoints: endpointIds,
          supportedRemoteRegions: this.supportedRemoteRegions,
        };
      case "AZURE":
        return {
          ...common,
          privateEndpoints: endpointIds,
          privateLinkServiceName: ready ? `pls_${this.id}` : null,
          privateLinkServiceResourceId: ready
            ? `/subscriptions/${uuidFrom(this.suffix + this.id)}/resourceGroups/rg_${this.id}_${region}/providers/Microsoft.Network/privateLinkServices/pls_${this.id}`
            : null,
        };
      case "GCP": {
        const attachments = !ready ? 0 : this.portMappingEnabled ? 1 : 3;
        return {
          ...common,
          endpointGroupNames: endpointIds,
          portMappingEnabled: this.portMappingEnabled,
          serviceAttachmentNames: Array.from(
            { length: attachments },
            (_, index) =>
              `https://www.googleapis.com/compute/v1/projects/p-${this.suffix}/regions/${region}/serviceAttachments/sk-${this.id}-${index}`,
          ),
        };
      }
      default:
        return this.cloudProvider satisfies never;
    }
  }
}

function uuidFrom(hex: string): string {
  const h = (hex + "0".repeat(32)).slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
