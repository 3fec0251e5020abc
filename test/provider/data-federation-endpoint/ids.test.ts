import { formatId, parseId, refFor } from "../../../provider/data-federation-endpoint/ids";

const GROUP = "0123456789abcdef01234567";
const AZURE =
  "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg--with--dashes/providers/Microsoft.Network/privateEndpoints/pe:1";

describe("DataFederationEndpoint ids", () => {
  test("this provider's id keeps the raw endpoint id last, so an Azure resource id with '/', ':' and '--' round-trips", () => {
    const ref = { groupId: GROUP, cloudProvider: "AZURE" as const, endpointId: AZURE };
    expect(formatId(ref)).toBe(`${GROUP}:AZURE:${AZURE}`);
    expect(parseId(formatId(ref))).toEqual(ref);
  });

  test.each([
    ["an AWS vpce id", "vpce-0123456789abcdef0", "AWS"],
    ["an Azure resource id, '--' inside it included", AZURE, "AZURE"],
  ])(
    "Terraform's import id <project_id>--<endpoint_id> with %s names the entry, its cloud told by the id's shape",
    (_what, endpointId, cloud) => {
      expect(parseId(`${GROUP}--${endpointId}`)).toEqual({ groupId: GROUP, cloudProvider: cloud, endpointId });
    },
  );

  test.each([
    ["a missing project", "vpce-0123456789abcdef0"],
    ["a Terraform id whose endpoint id is neither cloud's", `${GROUP}--pe-1`],
    ["a cloud Data Federation does not take", `${GROUP}:GCP:group-1`],
    ["an upper-case project id", `${GROUP.toUpperCase()}:AWS:vpce-0123456789abcdef0`],
  ])("%s is refused naming both forms", (_what, id) => {
    expect(() => parseId(id)).toThrow(
      `DataFederationEndpoint id value="${id}" is not of the form <groupId>:<AWS|AZURE>:<endpointId> or Terraform's <groupId>--<endpointId>`,
    );
  });

  test("a record whose id this format did not write is found by its recorded inputs", () => {
    expect(refFor("legacy", { groupId: GROUP, endpointId: "vpce-0123456789abcdef0" })).toEqual({
      groupId: GROUP,
      cloudProvider: "AWS",
      endpointId: "vpce-0123456789abcdef0",
    });
    expect(() => refFor("legacy", {})).toThrow(/id value="legacy" is not of the form/);
  });
});
