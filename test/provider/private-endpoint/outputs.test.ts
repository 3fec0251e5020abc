import type { ResolvedInputs } from "../../../provider/private-endpoint/inputs";
import { plainJson } from "../../../provider/vocabulary/state";
import { toOutputs } from "../../../provider/private-endpoint/outputs";

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const endpointServiceId = "6a1b2c3d4e5f6a7b8c9d0e1f";
const azureId = "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/pe-1";
const options = { deleteOnCreateTimeout: false, adoptExisting: true, waitForClusters: true };

/** True when no value at any depth is undefined (what the engine's Struct conversion needs). */
function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasUndefined);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUndefined);
  return false;
}

describe("toOutputs", () => {
  test("an AWS endpoint records its inputs, connectionStatus and interfaceEndpointId", () => {
    const inputs: ResolvedInputs = { groupId, cloudProvider: "AWS", endpointServiceId, endpointId: "vpce-0123456789abcdef0", ...options };
    const outputs = toOutputs(
      inputs,
      { cloudProvider: "AWS", connectionStatus: "PENDING", deleteRequested: false, interfaceEndpointId: "64f0a1b2c3d4e5f6a7b8c9d0" },
      false,
    );
    expect(outputs).toEqual({
      ...inputs,
      connectionStatus: "PENDING",
      interfaceEndpointId: "64f0a1b2c3d4e5f6a7b8c9d0",
      deleteRequested: false,
      adopted: false,
    });
    expect(hasUndefined(outputs)).toBe(false);
  });

  test("an Azure endpoint records Atlas's status, IP, resource id and connection name", () => {
    const inputs: ResolvedInputs = {
      groupId,
      cloudProvider: "AZURE",
      endpointServiceId,
      endpointId: azureId,
      privateEndpointIPAddress: "10.0.0.5",
      ...options,
      timeouts: { create: "45m" },
    };
    const outputs = toOutputs(
      inputs,
      {
        cloudProvider: "AZURE",
        status: "AVAILABLE",
        privateEndpointIPAddress: "10.0.0.5",
        privateEndpointResourceId: azureId,
        privateEndpointConnectionName: "a%2Fb%2Fc",
        errorMessage: "",
      },
      true,
    );
    expect(outputs).toEqual({
      ...inputs,
      status: "AVAILABLE",
      privateEndpointResourceId: azureId,
      privateEndpointConnectionName: "a%2Fb%2Fc",
      adopted: true,
    });
  });

  test("a GCP group records each forwarding rule with its status and the port-mapping flag", () => {
    const endpoints = [
      { endpointName: "orders-psc-0", ipAddress: "10.142.0.10" },
      { endpointName: "orders-psc-1", ipAddress: "10.142.0.11" },
    ];
    const inputs: ResolvedInputs = {
      groupId,
      cloudProvider: "GCP",
      endpointServiceId,
      gcpProjectId: "p-abcdefghijklmnopqrstuvwx",
      endpointGroupName: "orders-psc",
      endpoints,
      ...options,
    };
    const outputs = toOutputs(
      inputs,
      {
        cloudProvider: "GCP",
        status: "VERIFIED",
        endpointGroupName: "orders-psc",
        portMappingEnabled: false,
        endpoints: endpoints.map((e, i) => ({ ...e, status: i === 0 ? "AVAILABLE" : "INITIATING" })),
      },
      false,
    );
    expect(outputs.endpoints).toEqual([
      { endpointName: "orders-psc-0", ipAddress: "10.142.0.10", status: "AVAILABLE" },
      { endpointName: "orders-psc-1", ipAddress: "10.142.0.11", status: "INITIATING" },
    ]);
    expect(outputs).toMatchObject({
      status: "VERIFIED",
      portMappingEnabled: false,
      gcpProjectId: "p-abcdefghijklmnopqrstuvwx",
      endpointGroupName: "orders-psc",
    });
    expect(outputs).not.toHaveProperty("endpointId");
    expect(hasUndefined(outputs)).toBe(false);
  });

  test("before Atlas was read the outputs hold the inputs, without undefined or a status", () => {
    const inputs: ResolvedInputs = { groupId, cloudProvider: "AWS", endpointServiceId, endpointId: "vpce-0123456789abcdef0", ...options };
    const outputs = toOutputs(inputs, undefined, false);
    expect(outputs).toEqual({ ...inputs, adopted: false });
    expect(hasUndefined(outputs)).toBe(false);
  });

  test("an errorMessage from Atlas is kept", () => {
    const inputs: ResolvedInputs = { groupId, cloudProvider: "AWS", endpointServiceId, endpointId: "vpce-00000000000000000", ...options };
    expect(
      toOutputs(
        inputs,
        { cloudProvider: "AWS", connectionStatus: "REJECTED", errorMessage: "Interface endpoint vpce-00000000000000000 was not found." },
        false,
      ).errorMessage,
    ).toBe("Interface endpoint vpce-00000000000000000 was not found.");
  });
});

describe("plainJson", () => {
  test("drops undefined at every depth and keeps null, false and 0", () => {
    expect(plainJson({ a: undefined, b: { c: undefined, d: null, e: false }, f: [{ g: undefined, h: 0 }] })).toEqual({
      b: { d: null, e: false },
      f: [{ h: 0 }],
    });
  });
});
