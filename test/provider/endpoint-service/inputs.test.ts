import { UNKNOWN } from "../../../provider/vocabulary/validation";
import { ENDPOINT_SERVICE_INPUTS } from "../../../provider/endpoint-service/inputs";
import { resolveWith, validateWith } from "../../../provider/vocabulary/validation";

const validateServiceInputs = (news: Record<string, unknown>) => validateWith(ENDPOINT_SERVICE_INPUTS, news);
const resolveServiceInputs = (props: Record<string, unknown>) => resolveWith(ENDPOINT_SERVICE_INPUTS, props);

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const reasons = (news: Record<string, unknown>) =>
  Object.fromEntries(validateServiceInputs(news).failures.map((f) => [f.property, f.reason]));

describe("validateServiceInputs", () => {
  test("accepts each cloud's inputs and applies the defaults", () => {
    expect(validateServiceInputs({ groupId, region: "us-east-1" })).toEqual({
      failures: [],
      inputs: { groupId, region: "us-east-1", cloudProvider: "AWS", adoptExisting: true, deleteAdoptedOnDestroy: false },
    });
    expect(validateServiceInputs({ groupId, cloudProvider: "AZURE", region: "EUROPE_WEST" }).failures).toEqual([]);
    expect(validateServiceInputs({ groupId, cloudProvider: "GCP", region: "us-central1", portMappingEnabled: true }).failures).toEqual([]);
  });

  test("names the region and the spellings allowed for the cloud", () => {
    expect(reasons({ groupId, cloudProvider: "AZURE", region: "us-east-1" })).toEqual({
      region:
        'must be an AZURE region Atlas offers, in the cloud\'s or Atlas\'s spelling ("eastus2" or "US_EAST_2"), got value="us-east-1"',
    });
    expect(reasons({ groupId })).toEqual({
      region: 'is required (an AWS region Atlas offers, in the cloud\'s or Atlas\'s spelling ("us-east-1" or "US_EAST_1"))',
    });
  });

  test("refuses an input of another cloud, saying which cloud it belongs to", () => {
    expect(reasons({ groupId, region: "us-east-1", portMappingEnabled: true })).toEqual({
      portMappingEnabled: "applies to cloudProvider GCP only, not AWS",
    });
    expect(reasons({ groupId, cloudProvider: "GCP", region: "us-east4", supportedRemoteRegions: ["us-west-2"] })).toEqual({
      supportedRemoteRegions: "applies to cloudProvider AWS only, not GCP",
    });
  });

  test("checks each remote region and names the one that is wrong", () => {
    expect(reasons({ groupId, region: "us-east-1", supportedRemoteRegions: ["us-west-2", "westus", "US_WEST_2"] })).toEqual({
      "supportedRemoteRegions[1]": expect.stringContaining('got value="westus"'),
      "supportedRemoteRegions[2]": 'is listed twice, value="US_WEST_2"',
    });
  });

  test("lets values not known yet in a preview through", () => {
    expect(validateServiceInputs({ groupId: UNKNOWN, region: UNKNOWN, supportedRemoteRegions: [UNKNOWN] }).failures).toEqual([]);
    expect(validateServiceInputs({ groupId, cloudProvider: UNKNOWN, region: "anything" }).failures).toEqual([]);
  });
});

describe("resolveServiceInputs", () => {
  test("puts the region in Atlas's spelling for the API", () => {
    expect(resolveServiceInputs({ groupId, cloudProvider: "GCP", region: "us-central1" }).region).toBe("CENTRAL_US");
  });

  test("refuses values not known yet", () => {
    expect(() => resolveServiceInputs({ groupId, region: UNKNOWN })).toThrow("EndpointService inputs are not known yet: region");
  });
});

describe("every EndpointService input has a value check refuses, naming the property", () => {
  test.each([
    ["groupId", { groupId: "not-a-project" }, 'must be 24 hexadecimal characters (the Atlas project id), got value="not-a-project"'],
    ["cloudProvider", { cloudProvider: "OCI" }, 'must be one of AWS, AZURE, GCP, got value="OCI"'],
    ["region", { region: 12 }, "got value=12"],
    [
      "portMappingEnabled",
      { cloudProvider: "GCP", region: "us-east4", portMappingEnabled: "yes" },
      'must be true or false, got value="yes"',
    ],
    [
      "supportedRemoteRegions",
      { supportedRemoteRegions: "us-west-2" },
      'must be a list of AWS regions such as ["us-west-2"], got value="us-west-2"',
    ],
    ["timeouts.create", { timeouts: { create: "soon" } }, 'got value="soon"'],
    ["adoptExisting", { adoptExisting: "no" }, 'must be true or false, got value="no"'],
    ["deleteAdoptedOnDestroy", { deleteAdoptedOnDestroy: 1 }, "must be true or false, got value=1"],
    ["name", { name: "svc" }, "is not an EndpointService property; allowed for AWS: groupId, cloudProvider, region"],
  ])("%s", (property, patch, reason) => {
    const failures = validateServiceInputs({ groupId, region: "us-east-1", ...patch }).failures;
    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });
});
