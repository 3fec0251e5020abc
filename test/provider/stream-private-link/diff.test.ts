/** StreamPrivateLink's diff: what replaces it, when the old one must go first, what is no change. Pure. */
import { lifecycle } from "../../../provider/stream-private-link/lifecycle";
import { UNKNOWN } from "../../../provider/vocabulary/validation";

const GROUP = "a".repeat(24);
const ID = `${GROUP}:${"b".repeat(24)}`;
const ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/1";

/** What a DONE MSK connection records: its inputs, and the region Atlas read from the arn. */
const MSK = { groupId: GROUP, cloudProvider: "AWS", vendor: "MSK", arn: ARN, region: "us-east-1", adoptExisting: true, adopted: false };
const CONFLUENT = {
  groupId: GROUP,
  cloudProvider: "AWS",
  vendor: "CONFLUENT",
  region: "us-east-1",
  serviceEndpointId: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  dnsDomain: "abc.us-east-1.aws.confluent.cloud",
  dnsSubDomain: ["use1-az1.abc.us-east-1.aws.confluent.cloud", "use1-az2.abc.us-east-1.aws.confluent.cloud"],
  adoptExisting: true,
  adopted: false,
};
/** The inputs a program declares for a record: an MSK connection's region is Atlas's, never declared. */
const declared = (recorded: Record<string, unknown>) => {
  const { adopted: _adopted, ...inputs } = recorded;
  if (inputs.vendor === "MSK") delete inputs.region;
  return inputs;
};

describe("no change", () => {
  test("the region Atlas read from an MSK arn, left out of the inputs as MSK requires", () => {
    expect(declared(MSK)).not.toHaveProperty("region");
    expect(lifecycle.diff(ID, MSK, declared(MSK))).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("a region in Atlas's spelling, subdomains in another order, a domain in capitals, the defaults written out", () => {
    const news = {
      ...declared(CONFLUENT),
      region: "US_EAST_1",
      dnsSubDomain: [...CONFLUENT.dnsSubDomain].reverse(),
      dnsDomain: CONFLUENT.dnsDomain.toUpperCase(),
    };
    expect(lifecycle.diff(ID, CONFLUENT, news).changes).toBe(false);
    const { adoptExisting: _default, ...withoutDefault } = declared(CONFLUENT);
    expect(lifecycle.diff(ID, CONFLUENT, withoutDefault).changes).toBe(false);
  });

  test("the vendor left out of a GENERIC connection's inputs (Atlas's default)", () => {
    const generic = {
      groupId: GROUP,
      cloudProvider: "AWS",
      vendor: "GENERIC",
      region: "us-east-2",
      serviceEndpointId: "svc",
      adoptExisting: true,
    };
    const { vendor: _vendor, ...news } = generic;
    expect(lifecycle.diff(ID, generic, news).changes).toBe(false);
  });
});

describe("a change", () => {
  test("to the options is an update, without a replacement", () => {
    expect(lifecycle.diff(ID, MSK, { ...declared(MSK), timeouts: { create: "2h" }, adoptExisting: false })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("to another target (a new arn) replaces, creating the new one first: it cannot meet the old one's 409", () => {
    const news = { ...declared(MSK), arn: ARN.replace("orders", "payments") };
    expect(lifecycle.diff(ID, MSK, news)).toEqual({ changes: true, replaces: ["arn"], deleteBeforeReplace: false });
  });

  test("on the same target (new subdomains, same service endpoint) replaces, deleting the old one first: Atlas allows one live connection there", () => {
    const news = { ...declared(CONFLUENT), dnsSubDomain: ["use1-az3.abc.us-east-1.aws.confluent.cloud"] };
    expect(lifecycle.diff(ID, CONFLUENT, news)).toEqual({ changes: true, replaces: ["dnsSubDomain"], deleteBeforeReplace: true });
  });

  test("of vendor or cloud replaces, creating first (another target)", () => {
    const pubsub = { groupId: GROUP, cloudProvider: "GCP", vendor: "PUBSUB", region: "us-central1", adoptExisting: true };
    expect(lifecycle.diff(ID, MSK, pubsub)).toMatchObject({ changes: true, deleteBeforeReplace: false });
    expect(lifecycle.diff(ID, MSK, pubsub).replaces).toEqual(expect.arrayContaining(["cloudProvider", "vendor", "region"]));
  });

  test("not known yet in a preview replaces, the old one first since it may be the same target", () => {
    expect(lifecycle.diff(ID, MSK, { ...declared(MSK), arn: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["arn"],
      deleteBeforeReplace: true,
    });
  });
});
