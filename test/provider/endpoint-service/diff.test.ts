import { UNKNOWN } from "../../../provider/vocabulary/validation";
import { lifecycle } from "../../../provider/endpoint-service/lifecycle";

const diffServiceInputs = lifecycle.diff;

const groupId = "5f1a2b3c4d5e6f7a8b9c0d1e";
const olds = { groupId, cloudProvider: "AWS", region: "us-east-1", supportedRemoteRegions: ["us-west-2"], adoptExisting: true };
const id = `${groupId}:AWS:6a1b2c3d4e5f6a7b8c9d0e1f`;

describe("diffServiceInputs", () => {
  test("a region written in the other spelling is no change", () => {
    expect(diffServiceInputs(id, olds, { ...olds, region: "US_EAST_1" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("another region replaces the service, creating the new one first (different slots)", () => {
    expect(diffServiceInputs(id, olds, { ...olds, region: "us-east-2" })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: false,
    });
  });

  test("a port-mapping change replaces in the same slot, so the old one goes first", () => {
    const gcp = { groupId, cloudProvider: "GCP", region: "us-east4" };
    expect(diffServiceInputs(id, gcp, { ...gcp, portMappingEnabled: true })).toEqual({
      changes: true,
      replaces: ["portMappingEnabled"],
      deleteBeforeReplace: true,
    });
  });

  test("supportedRemoteRegions and the options are updates, not replacements", () => {
    expect(diffServiceInputs(id, olds, { ...olds, supportedRemoteRegions: ["us-west-2", "eu-west-1"] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(diffServiceInputs(id, olds, { ...olds, supportedRemoteRegions: ["US_WEST_2"] }).changes).toBe(false);
    expect(diffServiceInputs(id, olds, { ...olds, deleteAdoptedOnDestroy: true }).changes).toBe(true);
    const withTimeouts = { ...olds, timeouts: { create: "60m" } };
    expect(diffServiceInputs(id, withTimeouts, { ...olds, timeouts: { create: 3600 } }).changes).toBe(false);
  });

  test("an unknown region in a preview replaces, old one first since it may be the same slot", () => {
    expect(diffServiceInputs(id, olds, { ...olds, region: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: true,
    });
  });
});
