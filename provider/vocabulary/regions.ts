/**
 * Region names, in Atlas's spelling (what endpoint services and clusters report, e.g. US_EAST_1,
 * EUROPE_WEST, CENTRAL_US) and in each cloud's own (us-east-1, westeurope, us-central1), so a user
 * may write either and `check` can say at preview which names are allowed. The Atlas names are the
 * `regionName` enums of ../shared/atlas-openapi/clusters.openapi.json (CloudRegionConfig); a test
 * holds this table equal to them. Atlas adds regions over time: a name outside the table is refused
 * at preview with the list, and a newer package version adds it.
 */
import type { CloudProvider } from "./clouds";

export const ATLAS_REGIONS = {
  AWS: [
    "US_GOV_WEST_1",
    "US_GOV_EAST_1",
    "US_EAST_1",
    "US_EAST_2",
    "US_WEST_1",
    "US_WEST_2",
    "CA_CENTRAL_1",
    "EU_NORTH_1",
    "EU_WEST_1",
    "EU_WEST_2",
    "EU_WEST_3",
    "EU_CENTRAL_1",
    "EU_CENTRAL_2",
    "AP_EAST_1",
    "AP_EAST_2",
    "AP_NORTHEAST_1",
    "AP_NORTHEAST_2",
    "AP_NORTHEAST_3",
    "AP_SOUTHEAST_1",
    "AP_SOUTHEAST_2",
    "AP_SOUTHEAST_3",
    "AP_SOUTHEAST_4",
    "AP_SOUTHEAST_5",
    "AP_SOUTHEAST_6",
    "AP_SOUTHEAST_7",
    "AP_SOUTH_1",
    "AP_SOUTH_2",
    "SA_EAST_1",
    "CN_NORTH_1",
    "CN_NORTHWEST_1",
    "ME_SOUTH_1",
    "ME_CENTRAL_1",
    "AF_SOUTH_1",
    "EU_SOUTH_1",
    "EU_SOUTH_2",
    "IL_CENTRAL_1",
    "CA_WEST_1",
    "MX_CENTRAL_1",
  ],
  AZURE: [
    "US_CENTRAL",
    "US_EAST",
    "US_EAST_2",
    "US_NORTH_CENTRAL",
    "US_WEST",
    "US_SOUTH_CENTRAL",
    "EUROPE_NORTH",
    "EUROPE_WEST",
    "US_WEST_CENTRAL",
    "US_WEST_2",
    "US_WEST_3",
    "CANADA_EAST",
    "CANADA_CENTRAL",
    "BRAZIL_SOUTH",
    "BRAZIL_SOUTHEAST",
    "AUSTRALIA_CENTRAL",
    "AUSTRALIA_CENTRAL_2",
    "AUSTRALIA_EAST",
    "AUSTRALIA_SOUTH_EAST",
    "GERMANY_WEST_CENTRAL",
    "GERMANY_NORTH",
    "SWEDEN_CENTRAL",
    "SWEDEN_SOUTH",
    "SWITZERLAND_NORTH",
    "SWITZERLAND_WEST",
    "UK_SOUTH",
    "UK_WEST",
    "NORWAY_EAST",
    "NORWAY_WEST",
    "INDIA_CENTRAL",
    "INDIA_SOUTH",
    "INDIA_WEST",
    "CHINA_EAST",
    "CHINA_NORTH",
    "ASIA_EAST",
    "JAPAN_EAST",
    "JAPAN_WEST",
    "ASIA_SOUTH_EAST",
    "KOREA_CENTRAL",
    "KOREA_SOUTH",
    "FRANCE_CENTRAL",
    "FRANCE_SOUTH",
    "SOUTH_AFRICA_NORTH",
    "SOUTH_AFRICA_WEST",
    "UAE_CENTRAL",
    "UAE_NORTH",
    "QATAR_CENTRAL",
    "POLAND_CENTRAL",
    "ISRAEL_CENTRAL",
    "ITALY_NORTH",
    "SPAIN_CENTRAL",
    "MEXICO_CENTRAL",
    "NEW_ZEALAND_NORTH",
    "US_GOV_VIRGINIA",
    "US_GOV_ARIZONA",
    "US_GOV_TEXAS",
  ],
  GCP: [
    "EASTERN_US",
    "EASTERN_US_AW",
    "US_EAST_4",
    "US_EAST_4_AW",
    "US_EAST_5",
    "US_EAST_5_AW",
    "US_WEST_2",
    "US_WEST_2_AW",
    "US_WEST_3",
    "US_WEST_3_AW",
    "US_WEST_4",
    "US_WEST_4_AW",
    "US_SOUTH_1",
    "US_SOUTH_1_AW",
    "CENTRAL_US",
    "CENTRAL_US_AW",
    "WESTERN_US",
    "WESTERN_US_AW",
    "NORTH_AMERICA_NORTHEAST_1",
    "NORTH_AMERICA_NORTHEAST_2",
    "NORTH_AMERICA_SOUTH_1",
    "SOUTH_AMERICA_EAST_1",
    "SOUTH_AMERICA_WEST_1",
    "WESTERN_EUROPE",
    "EUROPE_NORTH_1",
    "EUROPE_WEST_2",
    "EUROPE_WEST_3",
    "EUROPE_WEST_4",
    "EUROPE_WEST_6",
    "EUROPE_WEST_8",
    "EUROPE_WEST_9",
    "EUROPE_WEST_10",
    "EUROPE_WEST_12",
    "EUROPE_SOUTHWEST_1",
    "EUROPE_CENTRAL_2",
    "MIDDLE_EAST_CENTRAL_1",
    "MIDDLE_EAST_CENTRAL_2",
    "MIDDLE_EAST_WEST_1",
    "AUSTRALIA_SOUTHEAST_1",
    "AUSTRALIA_SOUTHEAST_2",
    "AFRICA_SOUTH_1",
    "EASTERN_ASIA_PACIFIC",
    "NORTHEASTERN_ASIA_PACIFIC",
    "SOUTHEASTERN_ASIA_PACIFIC",
    "ASIA_EAST_2",
    "ASIA_NORTHEAST_2",
    "ASIA_NORTHEAST_3",
    "ASIA_SOUTH_1",
    "ASIA_SOUTH_2",
    "ASIA_SOUTHEAST_2",
  ],
} as const satisfies { readonly [C in CloudProvider]: readonly string[] };

/**
 * Cloud spellings whose Atlas name is not the mechanical one. Mechanical: AWS `us-east-1` ->
 * US_EAST_1; Azure `canadaeast` -> CANADA_EAST (the Atlas name's words run together); GCP
 * `us-east4` -> US_EAST_4 (digits split off).
 */
const CLOUD_NAME_EXCEPTIONS: { readonly [C in CloudProvider]: Readonly<Record<string, string>> } = {
  AWS: {},
  AZURE: {
    eastus: "US_EAST",
    eastus2: "US_EAST_2",
    centralus: "US_CENTRAL",
    northcentralus: "US_NORTH_CENTRAL",
    southcentralus: "US_SOUTH_CENTRAL",
    westcentralus: "US_WEST_CENTRAL",
    westus: "US_WEST",
    westus2: "US_WEST_2",
    westus3: "US_WEST_3",
    northeurope: "EUROPE_NORTH",
    westeurope: "EUROPE_WEST",
    centralindia: "INDIA_CENTRAL",
    southindia: "INDIA_SOUTH",
    westindia: "INDIA_WEST",
    eastasia: "ASIA_EAST",
    southeastasia: "ASIA_SOUTH_EAST",
  },
  GCP: {
    "us-east1": "EASTERN_US",
    "us-central1": "CENTRAL_US",
    "us-west1": "WESTERN_US",
    "europe-west1": "WESTERN_EUROPE",
    "asia-east1": "EASTERN_ASIA_PACIFIC",
    "asia-northeast1": "NORTHEASTERN_ASIA_PACIFIC",
    "asia-southeast1": "SOUTHEASTERN_ASIA_PACIFIC",
  },
};

const atlasNames = (cloud: CloudProvider): readonly string[] => ATLAS_REGIONS[cloud];

/** The cloud's own spelling of each Atlas region (for messages and for matching what users write). */
function cloudSpellingOf(cloud: CloudProvider, atlasName: string): string | undefined {
  const exception = Object.entries(CLOUD_NAME_EXCEPTIONS[cloud]).find(([, atlas]) => atlas === atlasName)?.[0];
  if (exception) return exception;
  switch (cloud) {
    case "AWS":
      return atlasName.toLowerCase().replace(/_/g, "-");
    case "AZURE":
      return atlasName.toLowerCase().replace(/_/g, "");
    case "GCP":
      // Assured Workloads regions (_AW) have no separate Google name.
      if (atlasName.endsWith("_AW")) return undefined;
      return atlasName
        .toLowerCase()
        .replace(/^north_america/, "northamerica")
        .replace(/^south_america/, "southamerica")
        .replace(/^middle_east/, "me")
        .replace(/_(\d+)$/, "$1")
        .replace(/_/g, "-");
    default:
      return cloud satisfies never;
  }
}

/**
 * Atlas's name for a region written either way (`us-east-1`, `US_EAST_1`, `eastus2`, `us-central1`);
 * undefined when the cloud has no such region in this version's table.
 */
export function atlasRegionName(cloud: CloudProvider, region: string): string | undefined {
  const upper = region.trim().toUpperCase().replace(/-/g, "_");
  if (atlasNames(cloud).includes(upper)) return upper;
  const lower = region.trim().toLowerCase();
  return atlasNames(cloud).find((name) => cloudSpellingOf(cloud, name) === lower);
}

/** Two spellings of one region (Atlas compares them so; a spelling change alone is no change). */
export function sameRegion(cloud: CloudProvider, a: string, b: string): boolean {
  const left = atlasRegionName(cloud, a) ?? a.trim().toUpperCase().replace(/-/g, "_");
  const right = atlasRegionName(cloud, b) ?? b.trim().toUpperCase().replace(/-/g, "_");
  return left === right;
}

/** A short help text for errors: a few examples of both spellings. */
export function regionHelp(cloud: CloudProvider): string {
  const examples: { readonly [C in CloudProvider]: string } = {
    AWS: '"us-east-1" or "US_EAST_1"',
    AZURE: '"eastus2" or "US_EAST_2"',
    GCP: '"us-central1" or "CENTRAL_US"',
  };
  return `an ${cloud} region Atlas offers, in the cloud's or Atlas's spelling (${examples[cloud]})`;
}
