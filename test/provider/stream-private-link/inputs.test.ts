/**
 * The provider/vendor table check enforces at preview: held equal to the simulator's (which never
 * imports the provider) and to the vendors the spec lists, and every combination's valid inputs pass
 * check and are accepted by Atlas's stand-in.
 */
import { readFileSync } from "node:fs";
import {
  STREAM_FIELD_OWNERS,
  STREAM_LINK_INPUT_KEYS,
  STREAM_PRIVATE_LINK_INPUTS,
  STREAM_VENDORS,
} from "../../../provider/stream-private-link/inputs";
import { resolveWith, UNKNOWN, validateWith } from "../../../provider/vocabulary/validation";
import {
  STREAM_FIELD_OWNERS as SIMULATOR_FIELD_OWNERS,
  STREAM_VENDOR_RULES as SIMULATOR_VENDOR_RULES,
} from "../../../simulator/model/stream-private-link";
import { STREAMS_SPEC_FILE } from "../../simulator/helpers/openapi-contract";
import { contractDataPresent, contractPath } from "../../support/contract-data";
import { streamLinkProvider, useHarness } from "../../support/provider-harness";
import { STREAM_LINK_COMBINATIONS, streamLinkArgs } from "../../support/stream-private-links";

const harness = useHarness();
const GROUP = "a".repeat(24);
const check = (news: Record<string, unknown>) => validateWith(STREAM_PRIVATE_LINK_INPUTS, news).failures;

/** The table as plain data, lists sorted: what check and the simulator must agree on. */
function rulesOf(table: Record<string, Record<string, { required: readonly string[]; forbidden?: readonly string[] }>>) {
  return Object.fromEntries(
    Object.entries(table).map(([cloud, vendors]) => [
      cloud,
      Object.fromEntries(
        Object.entries(vendors).map(([vendor, rule]) => [
          vendor,
          { required: [...rule.required].sort(), forbidden: [...(rule.forbidden ?? [])].sort() },
        ]),
      ),
    ]),
  );
}

describe("the vendor table", () => {
  test("is the simulator's: the same combinations, each needing and refusing the same fields, the same fields owned by one cloud", () => {
    expect(rulesOf(STREAM_VENDORS)).toEqual(rulesOf(SIMULATOR_VENDOR_RULES));
    expect(STREAM_FIELD_OWNERS).toEqual(SIMULATOR_FIELD_OWNERS);
  });

  test("names each vendor's target among the fields the vendor requires", () => {
    for (const vendors of Object.values(STREAM_VENDORS)) {
      for (const rule of Object.values(vendors)) for (const field of rule.target) expect(rule.required).toContain(field);
    }
  });

  test("has valid inputs in the tests for every combination", () => {
    const inTable = Object.entries(STREAM_VENDORS).flatMap(([cloud, vendors]) =>
      Object.keys(vendors).map((vendor) => `${cloud} ${vendor}`),
    );
    expect(STREAM_LINK_COMBINATIONS.map(([cloud, vendor]) => `${cloud} ${vendor}`).sort()).toEqual(inTable.sort());
  });
});

// Skips (said once) without the contract data; fails under CI (test/support/contract-data.ts).
const describeWithSpec = contractDataPresent(STREAMS_SPEC_FILE, "stream vendor check") ? describe : describe.skip;

describeWithSpec("the vendor table and Atlas's OpenAPI document", () => {
  test("lists exactly the vendors the spec's `vendor` text lists per provider, plus GENERIC, the default when none is sent", () => {
    const spec = JSON.parse(readFileSync(contractPath(STREAMS_SPEC_FILE), "utf8"));
    const text: string = spec.components.schemas.StreamsPrivateLinkConnection.properties.vendor.description;
    const listed: Record<string, string[]> = {};
    let provider = "";
    for (const line of text.split("\n")) {
      const heading = /^- (AWS|Azure|GCP)\s*$/i.exec(line);
      if (heading) provider = heading[1]!.toUpperCase();
      const vendor = /^-- `([A-Z0-9_]+)`/.exec(line);
      if (vendor) listed[provider] = [...(listed[provider] ?? []), vendor[1]!];
    }
    expect(text).toContain("default to using the GENERIC vendor");
    for (const cloud of ["AWS", "AZURE", "GCP"] as const) {
      expect(Object.keys(STREAM_VENDORS[cloud]).sort()).toEqual([...(listed[cloud] ?? []), "GENERIC"].sort());
    }
  });
});

describe("check", () => {
  test.each(STREAM_LINK_COMBINATIONS)(
    "accepts valid %s %s inputs, and Atlas's stand-in accepts the connection they make",
    async (cloud, vendor) => {
      const args = streamLinkArgs(harness.seed.groupId, cloud, vendor);
      expect(check(args)).toEqual([]);
      const { outs } = await harness.observe(streamLinkProvider.create(await harness.checkedStreamLink(args)));
      expect(outs).toMatchObject({ cloudProvider: cloud, vendor, state: "DONE" });
      const posts = (await harness.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/privateLinkConnections"));
      expect(posts.at(-1)?.status).toBe(200);
    },
  );

  test("applies the defaults: AWS, the GENERIC vendor (left out of the POST, as Atlas defaults it), adoptExisting true", async () => {
    const { vendor: _generic, cloudProvider: _aws, ...args } = streamLinkArgs(harness.seed.groupId, "AWS", "GENERIC");
    const resolved = resolveWith(STREAM_PRIVATE_LINK_INPUTS, args);
    expect(resolved).toMatchObject({ cloudProvider: "AWS", vendor: "GENERIC", adoptExisting: true });
  });

  test("names the vendor and the cloud when a vendor the cloud does not offer is declared", () => {
    expect(check({ groupId: GROUP, cloudProvider: "AZURE", vendor: "MSK" })).toEqual([
      {
        property: "vendor",
        reason: 'must be one of EVENTHUB, CONFLUENT, AZURE_BLOB_STORAGE, GENERIC for cloudProvider AZURE, got value="MSK"',
      },
    ]);
  });

  test("lets values not known yet in a preview through, a vendor's required field included", () => {
    expect(check({ groupId: GROUP, vendor: "MSK", arn: UNKNOWN })).toEqual([]);
    expect(check({ groupId: GROUP, vendor: UNKNOWN })).toEqual([]);
    expect(check({ groupId: GROUP, cloudProvider: UNKNOWN, vendor: "PUBSUB", region: UNKNOWN })).toEqual([]);
  });

  test("gives each cloud only its own fields: the MSK arn is AWS's, attachment URIs GCP's, Azure resource ids Azure's", () => {
    expect(STREAM_LINK_INPUT_KEYS.AWS).toContain("arn");
    expect(STREAM_LINK_INPUT_KEYS.AZURE).not.toContain("arn");
    expect(STREAM_LINK_INPUT_KEYS.GCP).toContain("gcpServiceAttachmentUris");
    expect(STREAM_LINK_INPUT_KEYS.AZURE).toContain("azureResourceIds");
    expect(check({ ...streamLinkArgs(GROUP, "GCP", "PUBSUB"), arn: "arn:aws:kafka:us-east-1:1:cluster/a/b" })).toEqual([
      { property: "arn", reason: "applies to cloudProvider AWS only, not GCP" },
    ]);
  });
});
