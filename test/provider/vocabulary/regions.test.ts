import { readFileSync } from "node:fs";
import { ATLAS_REGIONS, atlasRegionName, sameRegion } from "../../../provider/vocabulary/regions";
import { CLUSTERS_SPEC_PATH, CLUSTERS_SPEC_PRESENT } from "../../simulator/helpers/openapi-contract";

describe("atlasRegionName", () => {
  test.each([
    ["AWS", "us-east-1", "US_EAST_1"],
    ["AWS", "US_EAST_1", "US_EAST_1"],
    ["AWS", "ap-southeast-7", "AP_SOUTHEAST_7"],
    ["AZURE", "eastus2", "US_EAST_2"],
    ["AZURE", "westeurope", "EUROPE_WEST"],
    ["AZURE", "southeastasia", "ASIA_SOUTH_EAST"],
    ["AZURE", "australiasoutheast", "AUSTRALIA_SOUTH_EAST"],
    ["AZURE", "usgovvirginia", "US_GOV_VIRGINIA"],
    ["GCP", "us-central1", "CENTRAL_US"],
    ["GCP", "us-east4", "US_EAST_4"],
    ["GCP", "northamerica-northeast1", "NORTH_AMERICA_NORTHEAST_1"],
    ["GCP", "me-west1", "MIDDLE_EAST_WEST_1"],
    ["GCP", "europe-west12", "EUROPE_WEST_12"],
    ["GCP", "EASTERN_US_AW", "EASTERN_US_AW"],
  ] as const)("%s %s is Atlas's %s", (cloud, written, atlas) => {
    expect(atlasRegionName(cloud, written)).toBe(atlas);
  });

  test("a region of another cloud, or none at all, is not one", () => {
    expect(atlasRegionName("AWS", "eastus2")).toBeUndefined();
    expect(atlasRegionName("GCP", "us-east-1")).toBeUndefined();
    expect(atlasRegionName("AZURE", "mars-north-1")).toBeUndefined();
  });

  test("every Atlas name has exactly one cloud spelling that maps back to it (Assured Workloads regions excepted)", () => {
    for (const cloud of ["AWS", "AZURE", "GCP"] as const) {
      for (const name of ATLAS_REGIONS[cloud]) {
        expect(atlasRegionName(cloud, name)).toBe(name);
      }
    }
    expect(sameRegion("AZURE", "eastus", "US_EAST")).toBe(true);
    expect(sameRegion("AZURE", "eastus", "US_EAST_2")).toBe(false);
  });
});

const describeWithSpec = CLUSTERS_SPEC_PRESENT ? describe : describe.skip;
if (!CLUSTERS_SPEC_PRESENT) console.log(`region table check skipped: ${CLUSTERS_SPEC_PATH} is absent (../shared is not beside this clone)`);

describeWithSpec("the region table", () => {
  test("holds exactly the regionName enums of Atlas's OpenAPI document, per cloud", () => {
    const spec = JSON.parse(readFileSync(CLUSTERS_SPEC_PATH, "utf8"));
    const byTitle = Object.fromEntries(
      (spec.components.schemas.CloudRegionConfig.properties.regionName.oneOf as { title: string; enum: string[] }[]).map((option) => [
        option.title,
        option.enum,
      ]),
    );
    // GLOBAL is not a place a service can be.
    expect([...ATLAS_REGIONS.AWS]).toEqual((byTitle["AWS Regions"] ?? []).filter((name: string) => name !== "GLOBAL"));
    expect([...ATLAS_REGIONS.AZURE]).toEqual(byTitle["Azure Regions"]);
    expect([...ATLAS_REGIONS.GCP]).toEqual(byTitle["GCP Regions"]);
  });
});
