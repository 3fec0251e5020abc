import { endpointPath, endpointServicePath, endpointServicesPath, endpointsPath } from "../../provider/client/paths";

const service = { groupId: "32b6e34b3d91647abb20e7b8", cloudProvider: "AZURE" as const, endpointServiceId: "5f0d1a2b3c4d5e6f7a8b9c0d" };
const azureId =
  "/subscriptions/cba6d9c6-1d3f-3c11-03cb-c705d895e636/resourceGroups/rg(1)/providers/Microsoft.Network/privateEndpoints/pe 1";

describe("paths", () => {
  it("builds the endpoint service and endpoint paths", () => {
    expect(endpointServicesPath(service)).toBe("/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/privateEndpoint/AZURE/endpointService");
    expect(endpointServicePath(service)).toBe(`${endpointServicesPath(service)}/5f0d1a2b3c4d5e6f7a8b9c0d`);
    expect(endpointsPath(service)).toBe(`${endpointServicePath(service)}/endpoint`);
  });

  it("encodes an Azure resource id exactly once, '/' as %2F", () => {
    const path = endpointPath({ ...service, endpointId: azureId });
    expect(path).toBe(
      `${endpointsPath(service)}/%2Fsubscriptions%2Fcba6d9c6-1d3f-3c11-03cb-c705d895e636%2FresourceGroups%2Frg(1)%2Fproviders%2FMicrosoft.Network%2FprivateEndpoints%2Fpe%201`,
    );
    expect(decodeURIComponent(path.split("/").pop()!)).toBe(azureId);
  });

  it("survives URL normalization unchanged, so the digest uri equals the request-target", () => {
    const path = endpointPath({ ...service, endpointId: azureId });
    expect(new URL(`http://127.0.0.1${path}`).pathname).toBe(path);
  });

  it("refuses ids that URL normalization would drop or collapse", () => {
    for (const endpointId of ["", ".", ".."]) {
      expect(() => endpointPath({ ...service, endpointId })).toThrow(
        `endpointId must be a non-empty string other than "." and ".." (value=${JSON.stringify(endpointId)})`,
      );
    }
    expect(() => endpointServicePath({ ...service, endpointServiceId: "" })).toThrow(/endpointServiceId/);
  });
});
