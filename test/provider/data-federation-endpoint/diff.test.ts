import { rules } from "../../../provider/data-federation-endpoint/diff";
import { diffWith } from "../../../provider/operations/diff";
import { UNKNOWN } from "../../../provider/vocabulary/validation";

const GROUP = "0123456789abcdef01234567";
const VPCE = "vpce-0123456789abcdef0";
const AZURE = "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-1";
const ID = `${GROUP}:AWS:${VPCE}`;
const OLDS = {
  groupId: GROUP,
  cloudProvider: "AWS",
  endpointId: VPCE,
  comment: "c",
  region: "us-east-1",
  customerEndpointDNSName: "A.example.com",
  adoptExisting: true,
  status: "OK",
  adopted: false,
};
const diff = (news: Record<string, unknown>, olds: Record<string, unknown> = OLDS, id = ID) => diffWith(rules, id, olds, news);
const { status: _s, adopted: _a, ...INPUTS } = OLDS;

describe("DataFederationEndpoint diff", () => {
  test("the same inputs in another spelling are no change: region either way, a DNS name in other case, the default cloud left out", () => {
    expect(diff({ ...INPUTS, cloudProvider: undefined, region: "US_EAST_1", customerEndpointDNSName: "a.EXAMPLE.com" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("a comment change is an update in place; a comment left out keeps Atlas's", () => {
    expect(diff({ ...INPUTS, comment: "d" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(diff({ ...INPUTS, comment: undefined })).toMatchObject({ changes: false });
    expect(diff({ ...INPUTS, comment: "" }, { ...OLDS, comment: undefined })).toMatchObject({ changes: false });
  });

  test.each([
    ["region", { region: "us-west-2" }],
    ["customerEndpointDNSName", { customerEndpointDNSName: "b.example.com" }],
  ])("a %s change replaces the entry, deleting the old first (Atlas would upsert onto the same id)", (field, change) => {
    expect(diff({ ...INPUTS, ...change })).toEqual({ changes: true, replaces: [field], deleteBeforeReplace: true });
  });

  test("another endpoint id replaces it, creating the new entry first; an unknown one in preview may be the same, so deletes first", () => {
    expect(diff({ ...INPUTS, endpointId: "vpce-fedcba9876543210f" })).toEqual({
      changes: true,
      replaces: ["endpointId"],
      deleteBeforeReplace: false,
    });
    expect(diff({ ...INPUTS, endpointId: UNKNOWN })).toEqual({ changes: true, replaces: ["endpointId"], deleteBeforeReplace: true });
  });

  test("an Azure resource id in other case is the same entry (Atlas keys it without case)", () => {
    const olds = { ...OLDS, cloudProvider: "AZURE", endpointId: AZURE, region: undefined, customerEndpointDNSName: undefined };
    const news = { ...olds, endpointId: AZURE.replace("resourceGroups", "resourcegroups") };
    expect(diff(news, olds, `${GROUP}:AZURE:${AZURE}`)).toMatchObject({ changes: false });
  });

  test("options change nothing in Atlas: an update", () => {
    expect(diff({ ...INPUTS, timeouts: { create: "2h" }, adoptExisting: false })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});
