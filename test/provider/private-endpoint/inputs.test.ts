import { PRIVATE_ENDPOINT_INPUTS } from "../../../provider/private-endpoint/inputs";
import { resolveWith, validateWith } from "../../../provider/vocabulary/validation";

const validateInputs = (news: Record<string, unknown>) => validateWith(PRIVATE_ENDPOINT_INPUTS, news);
const resolveInputs = (props: Record<string, unknown>) => resolveWith(PRIVATE_ENDPOINT_INPUTS, props);
import { UNKNOWN } from "../../../provider/vocabulary/validation";

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const endpointServiceId = "6a1b2c3d4e5f6a7b8c9d0e1f";
const azureId = "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-1/providers/Microsoft.Network/privateEndpoints/pe-1";
const aws = { groupId, endpointServiceId, endpointId: "vpce-0123456789abcdef0" };
const azure = { groupId, cloudProvider: "AZURE", endpointServiceId, endpointId: azureId, privateEndpointIPAddress: "10.0.0.5" };
const gcp = {
  groupId,
  cloudProvider: "GCP",
  endpointServiceId,
  gcpProjectId: "p-abcdefghijklmnopqrstuvwx",
  endpointGroupName: "orders-psc",
  endpoints: [
    { endpointName: "orders-psc-0", ipAddress: "10.142.0.10" },
    { endpointName: "orders-psc-1", ipAddress: "10.142.0.11" },
  ],
};

const reasons = (news: Record<string, unknown>) => Object.fromEntries(validateInputs(news).failures.map((f) => [f.property, f.reason]));

describe("validateInputs", () => {
  test("accepts valid inputs for each cloud and applies the defaults", () => {
    expect(validateInputs(aws)).toEqual({
      failures: [],
      inputs: { ...aws, cloudProvider: "AWS", deleteOnCreateTimeout: false, adoptExisting: true, waitForClusters: true },
    });
    expect(validateInputs(azure).failures).toEqual([]);
    expect(validateInputs(gcp).failures).toEqual([]);
  });

  test("keeps the __provider value it is given", () => {
    expect(validateInputs({ ...aws, __provider: "exports.handler = ..." }).inputs.__provider).toBe("exports.handler = ...");
  });

  test("reports every failing field at once, each naming what is allowed and the value given", () => {
    const found = reasons({ groupId: "abc", endpointId: "vpce-1" });
    expect(Object.keys(found).sort()).toEqual(["endpointId", "endpointServiceId", "groupId"]);
    expect(found.groupId).toBe('must be 24 hexadecimal characters (the Atlas project id), got value="abc"');
    expect(found.endpointServiceId).toMatch(/^is required/);
    expect(found.endpointId).toContain('"vpce-" followed by 17 lowercase hex characters, got value="vpce-1"');
  });

  test("rejects a cloudProvider outside AWS, AZURE, GCP", () => {
    expect(reasons({ ...aws, cloudProvider: "aws" }).cloudProvider).toBe('must be one of AWS, AZURE, GCP, got value="aws"');
  });

  test("validates the Azure resource id and IPv4 address", () => {
    const found = reasons({ ...azure, endpointId: "pe-1", privateEndpointIPAddress: "10.0.0.300" });
    expect(found.endpointId).toContain("/subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>");
    expect(found.privateEndpointIPAddress).toContain('IPv4 address, got value="10.0.0.300"');
    expect(reasons({ ...azure, privateEndpointIPAddress: undefined }).privateEndpointIPAddress).toMatch(/^is required/);
  });

  test("validates GCP forwarding rules one by one, by path", () => {
    const found = reasons({
      ...gcp,
      endpoints: [
        { endpointName: "orders-psc-0", ipAddress: "10.142.0.10" },
        { endpointName: "Orders_1", ipAddress: "nope" },
        { endpointName: "orders-psc-0", ipAddress: "10.142.0.12" },
      ],
    });
    expect(Object.keys(found).sort()).toEqual(["endpoints[1].endpointName", "endpoints[1].ipAddress", "endpoints[2].endpointName"]);
    expect(found["endpoints[2].endpointName"]).toBe('is listed twice, value="orders-psc-0"');
    expect(reasons({ ...gcp, endpoints: [] }).endpoints).toMatch(/at least one/);
    expect(reasons({ ...gcp, gcpProjectId: "X" }).gcpProjectId).toMatch(/Google Cloud project id/);
  });

  test("names a property that belongs to another cloud, and one that does not exist", () => {
    const found = reasons({ ...aws, privateEndpointIPAddress: "10.0.0.5", endpointID: "x" });
    expect(found.privateEndpointIPAddress).toBe("applies to cloudProvider AZURE only, not AWS");
    expect(found.endpointID).toMatch(/^is not a PrivateEndpoint property; allowed for AWS: groupId, cloudProvider/);
  });

  test("validates options: durations, booleans and the keys of timeouts", () => {
    const found = reasons({ ...aws, timeouts: { create: "45 minutes", destroy: "1m" }, adoptExisting: "yes" });
    expect(found["timeouts.create"]).toBe(
      'must be a duration such as "45m", "1h30m" or "90s", or a number of seconds, got value="45 minutes"',
    );
    expect(found.timeouts).toMatch(/destroy/);
    expect(found.adoptExisting).toBe('must be true or false, got value="yes"');
    expect(validateInputs({ ...aws, timeouts: { create: "45m", delete: 600 }, deleteOnCreateTimeout: true }).failures).toEqual([]);
  });

  test("accepts values still unknown in preview without validating them", () => {
    expect(validateInputs({ ...aws, endpointId: UNKNOWN }).failures).toEqual([]);
    expect(validateInputs({ ...aws, endpointId: UNKNOWN }).inputs.endpointId).toBe(UNKNOWN);
    expect(validateInputs({ ...azure, privateEndpointIPAddress: UNKNOWN, timeouts: UNKNOWN }).failures).toEqual([]);
    expect(validateInputs({ ...gcp, endpoints: UNKNOWN }).failures).toEqual([]);
    expect(validateInputs({ ...gcp, endpoints: [UNKNOWN, { endpointName: "orders-psc-1", ipAddress: UNKNOWN }] }).failures).toEqual([]);
    expect(validateInputs({ ...aws, timeouts: { create: UNKNOWN } }).failures).toEqual([]);
  });

  test("with cloudProvider unknown, validates only what every cloud shares", () => {
    expect(validateInputs({ ...azure, cloudProvider: UNKNOWN }).failures).toEqual([]);
    expect(reasons({ ...azure, cloudProvider: UNKNOWN, groupId: "x" })).toEqual({ groupId: expect.stringContaining('value="x"') });
  });
});

describe("resolveInputs", () => {
  test("picks the inputs out of outputs, dropping status fields and __provider", () => {
    const outputs = {
      ...gcp,
      endpoints: gcp.endpoints.map((e) => ({ ...e, status: "AVAILABLE" })),
      status: "AVAILABLE",
      adopted: false,
      __provider: "x",
    };
    expect(resolveInputs(outputs)).toEqual({ ...gcp, deleteOnCreateTimeout: false, adoptExisting: true, waitForClusters: true });
  });

  test("throws naming each invalid property", () => {
    expect(() => resolveInputs({ ...aws, groupId: "nope" })).toThrow(
      'Invalid PrivateEndpoint inputs: groupId must be 24 hexadecimal characters (the Atlas project id), got value="nope"',
    );
  });

  test("refuses to act on a value that is still unknown", () => {
    expect(() => resolveInputs({ ...aws, endpointId: UNKNOWN })).toThrow("PrivateEndpoint inputs are not known yet: endpointId");
  });
});
