import { randomBytes } from "node:crypto";
import type { SimulatorSeed } from "../simulator";
import type { CloudProvider } from "../provider/status-table";

/**
 * Inputs of a fresh endpoint per call (unique ids, so runs never meet a 409), as a Pulumi program
 * would pass them. waitForClusters is false: these measure the endpoint wait; the cluster wait has
 * its own measurement (cluster-wait.ts), which sets it.
 */
export function freshEndpointInputs(seed: SimulatorSeed, cloud: CloudProvider): Record<string, unknown> {
  const hex = (bytes: number) => randomBytes(bytes).toString("hex");
  const common = { groupId: seed.groupId, cloudProvider: cloud, endpointServiceId: seed.endpointServices[cloud], waitForClusters: false };
  switch (cloud) {
    case "AWS":
      return { ...common, endpointId: `vpce-${hex(9).slice(0, 17)}` };
    case "AZURE":
      return {
        ...common,
        endpointId: `/subscriptions/${crypto.randomUUID()}/resourceGroups/bench/providers/Microsoft.Network/privateEndpoints/pe-${hex(4)}`,
        privateEndpointIPAddress: "10.0.0.4",
      };
    case "GCP":
      return {
        ...common,
        gcpProjectId: `p-${hex(12)}`,
        endpointGroupName: `psc-${hex(4)}`,
        endpoints: [
          { endpointName: `rule-a-${hex(3)}`, ipAddress: "10.1.0.2" },
          { endpointName: `rule-b-${hex(3)}`, ipAddress: "10.1.0.3" },
        ],
      };
    default:
      return cloud satisfies never;
  }
}

/** The simulator's id for an endpoint created from these inputs (GCP: the group name). */
export function simulatorEndpointId(inputs: Record<string, unknown>): string {
  return String(inputs.cloudProvider === "GCP" ? inputs.endpointGroupName : inputs.endpointId);
}
