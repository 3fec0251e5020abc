/**
 * The bad-input table: inputs a user can get wrong, across the three clouds. Each is stopped by
 * `check` (so `pulumi preview` stops) with the property named and what is allowed, or, where only
 * Atlas can know, by create with a mapped Atlas error. Nothing reaches the simulator in either case.
 */
import { regionalModeProvider, ResourceInitError, type CloudProvider } from "../../provider";
import type { ResourceProvider } from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../../provider/vocabulary/validation";
import { INPUT_KEYS as DATA_FEDERATION_INPUT_KEYS } from "../../provider/data-federation-endpoint/inputs";
import { INPUT_KEYS } from "../../provider/private-endpoint/inputs";
import { REGIONAL_MODE_INPUT_KEYS } from "../../provider/regional-mode/inputs";
import { STREAM_LINK_INPUT_KEYS, vendorRule } from "../../provider/stream-private-link/inputs";
import { dataFederationProvider, hex, provider, PROVIDER_TEXT, streamLinkProvider, useHarness, withEnv } from "../support/provider-harness";
import { STREAM_LINK_COMBINATIONS, streamLinkArgs } from "../support/stream-private-links";
import { useWireSecrets } from "../support/wire-secrets";

const harness = useHarness();
const wire = useWireSecrets(harness);

type Args = Record<string, unknown>;
const without = (args: Args, key: string): Args => Object.fromEntries(Object.entries(args).filter(([name]) => name !== key));
const rules = (args: Args) => args.endpoints as { endpointName: string; ipAddress: string }[];
const AZURE_ID_PREFIX =
  "/subscriptions/3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41/resourceGroups/rg-test/providers/Microsoft.Network/privateEndpoints/";

const HEX24 = /24 hexadecimal characters/;
const VPCE = /"vpce-" followed by 17 lowercase hex characters/;
const AZURE_ID =
  /Azure private endpoint resource id \/subscriptions\/<uuid>\/resourceGroups\/<group>\/providers\/Microsoft\.Network\/privateEndpoints\/<name>/;
const IPV4 = /IPv4 address/;
const CLOUDS = /must be one of AWS, AZURE, GCP/;
const DURATION = /a duration such as "45m", "1h30m" or "90s", or a number of seconds/;
const FLAG = /must be true or false/;
const GCP_NAME = /lowercase letters, digits and hyphens, starting with a letter/;

interface CheckCase {
  /** "rejects <what> at check". */
  what: string;
  args: () => Args;
  property: string;
  /** What the reason must say is allowed. */
  allowed: RegExp;
}

const CHECK_CASES: CheckCase[] = [
  // Malformed ids
  { what: "a groupId that is too short (AWS)", args: () => harness.awsArgs({ groupId: "5f1a2b" }), property: "groupId", allowed: HEX24 },
  {
    what: "a groupId in upper-case hex (AZURE)",
    args: () => harness.azureArgs({ groupId: harness.seed.groupId.toUpperCase() }),
    property: "groupId",
    allowed: HEX24,
  },
  {
    what: "an endpointServiceId with a non-hex character (GCP)",
    args: () => harness.gcpArgs({ endpointServiceId: `${hex(23)}z` }),
    property: "endpointServiceId",
    allowed: HEX24,
  },
  {
    what: "a missing endpointServiceId (AWS)",
    args: () => without(harness.awsArgs(), "endpointServiceId"),
    property: "endpointServiceId",
    allowed: /^is required \(24 hexadecimal characters/,
  },
  {
    what: "a VPC id where the VPC endpoint id belongs (AWS)",
    args: () => harness.awsArgs({ endpointId: `vpc-${hex(17)}` }),
    property: "endpointId",
    allowed: VPCE,
  },
  {
    what: "a truncated VPC endpoint id (AWS)",
    args: () => harness.awsArgs({ endpointId: "vpce-0123" }),
    property: "endpointId",
    allowed: VPCE,
  },
  {
    what: "a VPC endpoint id in upper case (AWS)",
    args: () => harness.awsArgs({ endpointId: `vpce-${hex(17).toUpperCase()}` }),
    property: "endpointId",
    allowed: VPCE,
  },
  {
    what: "a missing endpointId (AWS)",
    args: () => without(harness.awsArgs(), "endpointId"),
    property: "endpointId",
    allowed: /^is required \(an AWS VPC endpoint id/,
  },
  {
    what: "an AWS VPC endpoint id as the Azure endpoint id (AZURE)",
    args: () => harness.azureArgs({ endpointId: `vpce-${hex(17)}` }),
    property: "endpointId",
    allowed: AZURE_ID,
  },
  {
    what: "an Azure endpoint id whose subscription is not a UUID (AZURE)",
    args: () =>
      harness.azureArgs({ endpointId: `${AZURE_ID_PREFIX.replace("3c1e7a52-8f0b-4d6e-9a27-5b1f0c9d2e41", "my-subscription")}pe-1` }),
    property: "endpointId",
    allowed: AZURE_ID,
  },
  {
    what: "an Azure endpoint id already URL-encoded (AZURE)",
    args: () => harness.azureArgs({ endpointId: encodeURIComponent(`${AZURE_ID_PREFIX}pe-1`) }),
    property: "endpointId",
    allowed: AZURE_ID,
  },
  {
    what: "a GCP project id with spaces and capitals (GCP)",
    args: () => harness.gcpArgs({ gcpProjectId: "My Project" }),
    property: "gcpProjectId",
    allowed: /Google Cloud project id \(6-30 lowercase letters, digits or hyphens/,
  },
  {
    what: "an endpoint group name starting with a hyphen (GCP)",
    args: () => harness.gcpArgs({ endpointGroupName: "-psc" }),
    property: "endpointGroupName",
    allowed: GCP_NAME,
  },
  // Wrong-cloud fields
  {
    what: "an Azure IP address on an AWS endpoint (AWS)",
    args: () => harness.awsArgs({ privateEndpointIPAddress: "10.0.0.5" }),
    property: "privateEndpointIPAddress",
    allowed: /applies to cloudProvider AZURE only, not AWS/,
  },
  {
    what: "a GCP project on an AWS endpoint (AWS)",
    args: () => harness.awsArgs({ gcpProjectId: `p-${hex(24)}` }),
    property: "gcpProjectId",
    allowed: /applies to cloudProvider GCP only, not AWS/,
  },
  {
    what: "forwarding rules on an Azure endpoint (AZURE)",
    args: () => harness.azureArgs({ endpoints: [{ endpointName: "a", ipAddress: "10.0.0.1" }] }),
    property: "endpoints",
    allowed: /applies to cloudProvider GCP only, not AZURE/,
  },
  {
    what: "an endpointId on a GCP endpoint group (GCP)",
    args: () => harness.gcpArgs({ endpointId: `vpce-${hex(17)}` }),
    property: "endpointId",
    allowed: /applies to cloudProvider AWS or AZURE only, not GCP/,
  },
  {
    what: "an Azure IP address on a GCP endpoint group (GCP)",
    args: () => harness.gcpArgs({ privateEndpointIPAddress: "10.0.0.5" }),
    property: "privateEndpointIPAddress",
    allowed: /applies to cloudProvider AZURE only, not GCP/,
  },
  {
    what: "a property no cloud has (AWS)",
    args: () => harness.awsArgs({ region: "us-east-1" }),
    property: "region",
    allowed: /is not a PrivateEndpoint property; allowed for AWS: groupId, cloudProvider, endpointServiceId/,
  },
  // IP addresses
  {
    what: "an IPv4 octet above 255 (AZURE)",
    args: () => harness.azureArgs({ privateEndpointIPAddress: "10.0.0.256" }),
    property: "privateEndpointIPAddress",
    allowed: IPV4,
  },
  {
    what: "an IPv6 address (AZURE)",
    args: () => harness.azureArgs({ privateEndpointIPAddress: "fd00::5" }),
    property: "privateEndpointIPAddress",
    allowed: IPV4,
  },
  {
    what: "an address in CIDR notation (AZURE)",
    args: () => harness.azureArgs({ privateEndpointIPAddress: "10.0.0.5/32" }),
    property: "privateEndpointIPAddress",
    allowed: IPV4,
  },
  {
    what: "a missing private endpoint IP address (AZURE)",
    args: () => without(harness.azureArgs(), "privateEndpointIPAddress"),
    property: "privateEndpointIPAddress",
    allowed: /^is required \(the private endpoint's IPv4 address\)/,
  },
  {
    what: "a forwarding rule whose address is a host name (GCP)",
    args: () => harness.gcpArgs({ endpoints: [{ endpointName: "rule-a", ipAddress: "rule-a.internal" }] }),
    property: "endpoints[0].ipAddress",
    allowed: IPV4,
  },
  // GCP endpoint lists
  {
    what: "an empty list of forwarding rules (GCP)",
    args: () => harness.gcpArgs({ endpoints: [] }),
    property: "endpoints",
    allowed: /must list at least one forwarding rule \{ endpointName, ipAddress \}/,
  },
  {
    what: "no list of forwarding rules (GCP)",
    args: () => without(harness.gcpArgs(), "endpoints"),
    property: "endpoints",
    allowed: /is required for GCP \(a list of \{ endpointName, ipAddress \}\)/,
  },
  {
    what: "the same forwarding rule listed twice (GCP)",
    args: () => {
      const args = harness.gcpArgs();
      return { ...args, endpoints: [rules(args)[0], { ...rules(args)[0], ipAddress: "10.142.0.99" }] };
    },
    property: "endpoints[1].endpointName",
    allowed: /is listed twice/,
  },
  {
    what: "a forwarding rule name with capitals and an underscore (GCP)",
    args: () => harness.gcpArgs({ endpoints: [{ endpointName: "Rule_1", ipAddress: "10.142.0.10" }] }),
    property: "endpoints[0].endpointName",
    allowed: GCP_NAME,
  },
  {
    what: "forwarding rules given as one string (GCP)",
    args: () => harness.gcpArgs({ endpoints: "rule-a,rule-b" }),
    property: "endpoints",
    allowed: /must be a list of \{ endpointName, ipAddress \}/,
  },
  {
    what: "a forwarding rule given as a bare name (GCP)",
    args: () => harness.gcpArgs({ endpoints: ["rule-a"] }),
    property: "endpoints[0]",
    allowed: /must be an object \{ endpointName, ipAddress \}/,
  },
  // cloudProvider
  {
    what: "an unknown cloudProvider",
    args: () => harness.awsArgs({ cloudProvider: "ORACLE" }),
    property: "cloudProvider",
    allowed: CLOUDS,
  },
  {
    what: "a cloudProvider in lower case",
    args: () => harness.gcpArgs({ cloudProvider: "gcp" }),
    property: "cloudProvider",
    allowed: CLOUDS,
  },
  // Non-string values
  {
    what: "a number as the VPC endpoint id (AWS)",
    args: () => harness.awsArgs({ endpointId: 12345 }),
    property: "endpointId",
    allowed: /must be an AWS VPC endpoint id.*got value=12345/,
  },
  {
    what: "an object as the groupId (AZURE)",
    args: () => harness.azureArgs({ groupId: { id: harness.seed.groupId } }),
    property: "groupId",
    allowed: HEX24,
  },
  {
    what: "null as the endpoint group name (GCP)",
    args: () => harness.gcpArgs({ endpointGroupName: null }),
    property: "endpointGroupName",
    allowed: /got value=null/,
  },
  { what: "a number as the cloudProvider", args: () => harness.awsArgs({ cloudProvider: 1 }), property: "cloudProvider", allowed: CLOUDS },
  {
    what: "a list as the IP address (AZURE)",
    args: () => harness.azureArgs({ privateEndpointIPAddress: ["10.0.0.5"] }),
    property: "privateEndpointIPAddress",
    allowed: IPV4,
  },
  // Oversized strings: still named, and the message stays short.
  {
    what: "a 100 000-character endpoint id (AWS)",
    args: () => harness.awsArgs({ endpointId: `vpce-${"a".repeat(100_000)}` }),
    property: "endpointId",
    allowed: /\.\.\. \(100005 characters\)/,
  },
  {
    what: "a 64-character endpoint group name, one over Google's limit (GCP)",
    args: () => harness.gcpArgs({ endpointGroupName: `p${"s".repeat(63)}` }),
    property: "endpointGroupName",
    allowed: GCP_NAME,
  },
  {
    what: "a 300-character Azure private endpoint name in an otherwise valid id (AZURE)",
    args: () => harness.azureArgs({ endpointId: `${AZURE_ID_PREFIX}pe-${"x".repeat(300)}!` }),
    property: "endpointId",
    allowed: AZURE_ID,
  },
  // Bad timeouts and options
  {
    what: "a create timeout that is not a duration (AWS)",
    args: () => harness.awsArgs({ timeouts: { create: "soon" } }),
    property: "timeouts.create",
    allowed: DURATION,
  },
  {
    what: "a negative delete timeout (AZURE)",
    args: () => harness.azureArgs({ timeouts: { delete: -5 } }),
    property: "timeouts.delete",
    allowed: DURATION,
  },
  {
    what: "a zero create timeout (GCP)",
    args: () => harness.gcpArgs({ timeouts: { create: "0s" } }),
    property: "timeouts.create",
    allowed: DURATION,
  },
  {
    what: "a create timeout with a unit Go has but we do not (AWS)",
    args: () => harness.awsArgs({ timeouts: { create: "2d" } }),
    property: "timeouts.create",
    allowed: DURATION,
  },
  {
    what: "timeouts given as a string (AWS)",
    args: () => harness.awsArgs({ timeouts: "45m" }),
    property: "timeouts",
    allowed: /must be an object like \{ create: "45m", delete: "30m" \}/,
  },
  {
    what: "a timeout for an operation there is none for (GCP)",
    args: () => harness.gcpArgs({ timeouts: { update: "5m" } }),
    property: "timeouts",
    allowed: /must be an object like \{ create: "45m", delete: "30m" \}/,
  },
  {
    what: 'deleteOnCreateTimeout as the string "yes" (AZURE)',
    args: () => harness.azureArgs({ deleteOnCreateTimeout: "yes" }),
    property: "deleteOnCreateTimeout",
    allowed: FLAG,
  },
  {
    what: "adoptExisting as the number 1 (GCP)",
    args: () => harness.gcpArgs({ adoptExisting: 1 }),
    property: "adoptExisting",
    allowed: FLAG,
  },
  {
    what: 'waitForClusters as the string "yes" (AWS)',
    args: () => harness.awsArgs({ waitForClusters: "yes" }),
    property: "waitForClusters",
    allowed: /must be true \(every cluster of the project\), false, or a list of cluster names/,
  },
  {
    what: "waitForClusters naming an impossible cluster (GCP)",
    args: () => harness.gcpArgs({ waitForClusters: ["orders", "bad name!"] }),
    property: "waitForClusters[1]",
    allowed: /must be an Atlas cluster name/,
  },
];

interface AtlasCase {
  /** "fails create with <what>". */
  what: string;
  args: () => Args;
  env?: () => Record<string, string>;
  setUp?: () => Promise<void>;
  /** The status Atlas (the simulator) answered the POST with. */
  status: number;
  message: RegExp;
}

const readOnlyKey = () => ({
  MONGODB_ATLAS_PUBLIC_API_KEY: harness.seed.readOnlyApiKey.publicKey,
  MONGODB_ATLAS_PRIVATE_API_KEY: harness.seed.readOnlyApiKey.privateKey,
});
const readOnlyAccount = () => ({
  MONGODB_ATLAS_CLIENT_ID: harness.seed.readOnlyServiceAccount.clientId,
  MONGODB_ATLAS_CLIENT_SECRET: harness.seed.readOnlyServiceAccount.clientSecret,
});

const ATLAS_CASES: AtlasCase[] = [
  {
    what: "an endpoint service Atlas does not have (AWS)",
    args: () => harness.awsArgs({ endpointServiceId: hex(24) }),
    status: 404,
    message:
      /^Atlas has no AWS private endpoint service endpointServiceId="[0-9a-f]{24}" in project groupId="[0-9a-f]{24}" \(Atlas answered 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND .*\)\. Check both ids/,
  },
  {
    what: "a project Atlas does not have (AZURE)",
    args: () => harness.azureArgs({ groupId: hex(24) }),
    status: 404,
    message: /^Atlas has no AZURE private endpoint service .* \(Atlas answered 404 GROUP_NOT_FOUND .*\)\. Check both ids/,
  },
  {
    what: "the AWS endpoint service id given for a GCP endpoint group (GCP)",
    args: () => harness.gcpArgs({ endpointServiceId: harness.seed.endpointServices.AWS }),
    status: 404,
    message: /^Atlas has no GCP private endpoint service endpointServiceId=".*PRIVATE_ENDPOINT_SERVICE_NOT_FOUND/,
  },
  {
    what: "a read-only API key (AWS)",
    args: () => harness.awsArgs(),
    env: readOnlyKey,
    status: 403,
    message:
      /^Atlas does not allow these credentials to register AWS endpoint vpce-\w+: Atlas answered 403 USER_UNAUTHORIZED .*Project Owner role in project groupId="[0-9a-f]{24}", then run `pulumi up` again\.$/,
  },
  {
    what: "a read-only service account (GCP)",
    args: () => harness.gcpArgs(),
    env: readOnlyAccount,
    status: 403,
    message:
      /^Atlas does not allow these credentials to register GCP endpoint group psc-\w+: Atlas answered 403 USER_UNAUTHORIZED .*Project Owner role/,
  },
  {
    what: "a project without payment information (AZURE)",
    args: () => harness.azureArgs(),
    setUp: () => harness.config({ unpaidGroups: [harness.seed.groupId] }),
    status: 402,
    message:
      /^Atlas will not register Azure private endpoint pe-\w+ in project groupId="[0-9a-f]{24}" before the project's organization has payment information: Atlas answered 402 NO_PAYMENT_INFORMATION_FOUND .*Add a payment method/,
  },
  {
    what: "two forwarding rules for a port-mapped endpoint service (GCP)",
    args: () => harness.gcpArgs({ endpointServiceId: harness.seed.endpointServices.GCP_PORT_MAPPED }, 2),
    status: 400,
    message: /^Atlas rejected GCP endpoint group psc-\w+: Atlas answered 400 INVALID_ATTRIBUTE .*accepts exactly one endpoint, got 2/,
  },
  {
    // Google allows this project id; the Atlas API's pattern (^p-[0-9a-z]{24}$) does not.
    what: "a GCP project id outside the Atlas API's pattern (GCP)",
    args: () => harness.gcpArgs({ gcpProjectId: "my-gcp-project" }),
    status: 400,
    message: /^Atlas rejected GCP endpoint group psc-\w+: Atlas answered 400 \w+ .*gcpProjectId/,
  },
];

/** What checkTable needs of one resource. */
interface CheckedResource {
  name: string;
  provider: { check: NonNullable<ResourceProvider["check"]>; create: ResourceProvider["create"] };
  cases: CheckCase[];
  /** The input properties create reads for these inputs (a stray one is check's alone to reject). */
  createReads(args: Args): readonly string[];
  /** Every input property, per cloud (or one group for a resource of no cloud): each needs a case that check rejects. */
  inputKeys: Readonly<Record<string, readonly string[]>>;
  /** What else a failed create must not have left in Atlas. */
  nothingCreated?(args: Args): Promise<void>;
}

const topLevel = (property: string) => property.split(/[.[]/)[0]!;

/**
 * One resource's table: each case is rejected at check naming its property and what is allowed (one failure per
 * property, each short enough for a preview), and a create with the same inputs fails the same way, sending Atlas
 * nothing; and every input property has at least one case.
 */
function checkTable(resource: CheckedResource): void {
  const { name, provider: checked, cases } = resource;
  test.each(cases.map((c) => [c.what, c.property, c] as const))(
    "rejects %s at check, naming %s and what is allowed, and a create with them asks Atlas nothing",
    async (_what, property, c) => {
      const args = c.args();
      const { failures } = await harness.observe(checked.check({}, { ...args, __provider: PROVIDER_TEXT }));
      const failure = failures?.find((f) => f.property === property);
      expect(failure).toBeDefined();
      expect(failure!.reason).toMatch(c.allowed);
      expect(new Set(failures!.map((f) => f.property)).size).toBe(failures!.length);
      for (const f of failures!) expect(f.reason.length).toBeLessThan(400);

      if (!resource.createReads(args).includes(topLevel(property))) return;
      await harness.clearRequests();
      const error = await harness.failure(checked.create({ ...args, __provider: PROVIDER_TEXT }));
      expect(error.message).toMatch(new RegExp(`^Invalid ${name} inputs: `));
      expect(error.message).toContain(property);
      expect(await harness.requests()).toEqual([]);
      await resource.nothingCreated?.(args);
    },
  );

  test(`every ${name} input property has at least one bad value that check rejects by name`, async () => {
    const rejected = new Set<string>();
    for (const c of cases) {
      const { failures } = await checked.check({}, { ...c.args(), __provider: PROVIDER_TEXT });
      for (const f of failures ?? []) rejected.add(topLevel(f.property));
    }
    for (const keys of Object.values(resource.inputKeys)) expect(keys.filter((key) => !rejected.has(key))).toEqual([]);
  });
}

/** The cloud the inputs name, or AWS (the default) when they name none this table knows. */
const cloudIn = (args: Args, known: object): CloudProvider =>
  (typeof args.cloudProvider === "string" && args.cloudProvider in known ? args.cloudProvider : "AWS") as CloudProvider;

/** The Atlas requests the provider sent for this test, excluding nothing: none may create anything. */
async function expectNothingCreated(args: Args) {
  const endpointId = (args.cloudProvider === "GCP" ? args.endpointGroupName : args.endpointId) as unknown;
  expect((await harness.endpoints()).filter((e) => e.endpointId === endpointId)).toEqual([]);
}

describe("bad input stopped by check", () => {
  test.each(["AWS", "AZURE", "GCP"])("the valid %s inputs the cases start from pass check", async (cloud) => {
    const args = cloud === "AWS" ? harness.awsArgs() : cloud === "AZURE" ? harness.azureArgs() : harness.gcpArgs();
    expect((await provider.check({}, { ...args, __provider: PROVIDER_TEXT })).failures).toEqual([]);
  });

  checkTable({
    name: "PrivateEndpoint",
    provider,
    cases: CHECK_CASES,
    createReads: (args) => INPUT_KEYS[cloudIn(args, INPUT_KEYS)],
    inputKeys: INPUT_KEYS,
    nothingCreated: expectNothingCreated,
  });
});

describe("bad input only Atlas can recognise", () => {
  afterEach(() => harness.config({ unpaidGroups: [] }));

  test.each(ATLAS_CASES.map((c) => [c.what, c] as const))(
    "fails create with %s, mapping Atlas's error, creating nothing",
    async (_what, c) => {
      const args = c.args();
      const inputs = await harness.checked(args); // check cannot know: it passes
      await c.setUp?.();
      await withEnv(c.env?.() ?? {}, async () => {
        await harness.clearRequests();
        const error = await harness.failure(provider.create(inputs));
        expect(error).not.toBeInstanceOf(ResourceInitError);
        expect(error.id).toBeUndefined();
        expect(error.message).toMatch(c.message);
        // A new key's first request is the digest handshake (401 with a challenge): not Atlas's answer.
        const posts = (await harness.requests()).filter(
          (r) => r.method === "POST" && r.path.endsWith("/endpoint") && r.auth !== "challenge",
        );
        expect(posts.map((r) => r.status)).toEqual([c.status]);
      });
      await expectNothingCreated(args);
    },
  );
});

/** DataFederationEndpoint's rows: each stopped by its check, naming the property and what is allowed. */
const AWS_DNS = "vpce-0a1b2c3d4e5f6a7b8-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
const DATA_FEDERATION_CASES: CheckCase[] = [
  {
    what: "a groupId that is too short (AWS)",
    args: () => harness.dataFederationArgs({ groupId: "5f1a2b" }),
    property: "groupId",
    allowed: HEX24,
  },
  {
    what: "GCP, which Data Federation does not take",
    args: () => harness.dataFederationArgs({ cloudProvider: "GCP" }),
    property: "cloudProvider",
    allowed: /must be AWS or AZURE \(Atlas Data Federation takes private endpoints of these two clouds\), got value="GCP"/,
  },
  {
    what: "a truncated VPC endpoint id (AWS)",
    args: () => harness.dataFederationArgs({ endpointId: "vpce-0123" }),
    property: "endpointId",
    allowed: VPCE,
  },
  {
    what: "a missing endpointId (AZURE)",
    args: () => without(harness.azureDataFederationArgs(), "endpointId"),
    property: "endpointId",
    allowed: /^is required \(an Azure private endpoint resource id/,
  },
  {
    what: "an Azure endpoint id already URL-encoded (AZURE)",
    args: () => harness.azureDataFederationArgs({ endpointId: encodeURIComponent(`${AZURE_ID_PREFIX}pe-1`) }),
    property: "endpointId",
    allowed: AZURE_ID,
  },
  {
    what: "a comment that is not a string (AWS)",
    args: () => harness.dataFederationArgs({ comment: 42 }),
    property: "comment",
    allowed: /must be a string, got value=42/,
  },
  {
    what: "a region the cloud does not have (AWS)",
    args: () => harness.dataFederationArgs({ region: "mars-1", customerEndpointDNSName: AWS_DNS }),
    property: "region",
    allowed: /must be an AWS region Atlas offers, in the cloud's or Atlas's spelling \("us-east-1" or "US_EAST_1"\), got value="mars-1"/,
  },
  {
    what: "an AWS region without its customerEndpointDNSName",
    args: () => harness.dataFederationArgs({ region: "us-east-1" }),
    property: "customerEndpointDNSName",
    allowed: /^is required when region is set \(AWS\): Atlas takes region and customerEndpointDNSName together/,
  },
  {
    what: "a customerEndpointDNSName without its region (AZURE)",
    args: () => harness.azureDataFederationArgs({ customerEndpointDNSName: "pe-1.privatelink.example.com" }),
    property: "region",
    allowed: /^is required when customerEndpointDNSName is set: Atlas takes region and customerEndpointDNSName together/,
  },
  {
    what: "a DNS name with a space (AWS)",
    args: () => harness.dataFederationArgs({ region: "us-east-1", customerEndpointDNSName: "my endpoint" }),
    property: "customerEndpointDNSName",
    allowed: /must be a DNS name such as/,
  },
  {
    what: "an Azure link id on an AWS entry",
    args: () => harness.dataFederationArgs({ azureLinkId: "520100101" }),
    property: "azureLinkId",
    allowed: /applies to cloudProvider AZURE only, not AWS/,
  },
  {
    what: "an Azure link id with spaces (AZURE)",
    args: () => harness.azureDataFederationArgs({ azureLinkId: "520 100" }),
    property: "azureLinkId",
    allowed: /must be the Azure private endpoint connection's link id/,
  },
  {
    what: "an IP address with three parts (AZURE)",
    args: () => harness.azureDataFederationArgs({ customerEndpointIPAddress: "10.0.0" }),
    property: "customerEndpointIPAddress",
    allowed: /must be an IPv4 address \(or an IPv6 address written out in full\)/,
  },
  {
    what: "a delete timeout without a unit Go has (AZURE)",
    args: () => harness.azureDataFederationArgs({ timeouts: { delete: "2d" } }),
    property: "timeouts.delete",
    allowed: DURATION,
  },
  {
    what: "adoptExisting as a string (AWS)",
    args: () => harness.dataFederationArgs({ adoptExisting: "no" }),
    property: "adoptExisting",
    allowed: FLAG,
  },
  {
    what: "an input no DataFederationEndpoint has (AWS)",
    args: () => harness.dataFederationArgs({ endpointServiceId: hex(24) }),
    property: "endpointServiceId",
    allowed: /is not a DataFederationEndpoint property; allowed for AWS: groupId, cloudProvider, endpointId, comment, region/,
  },
];

describe("DataFederationEndpoint bad input stopped by check", () => {
  test.each(["AWS", "AZURE"])("the valid %s inputs the cases start from pass check, a region alone included on Azure", async (cloud) => {
    const args = cloud === "AWS" ? harness.dataFederationArgs() : harness.azureDataFederationArgs({ region: "eastus2" });
    expect((await dataFederationProvider.check({}, { ...args, __provider: PROVIDER_TEXT })).failures).toEqual([]);
  });

  checkTable({
    name: "DataFederationEndpoint",
    provider: dataFederationProvider,
    cases: DATA_FEDERATION_CASES,
    createReads: (args) =>
      args.cloudProvider === "GCP" ? [] : DATA_FEDERATION_INPUT_KEYS[args.cloudProvider === "AZURE" ? "AZURE" : "AWS"],
    inputKeys: DATA_FEDERATION_INPUT_KEYS,
  });

  test("a value not known yet in preview passes check, the region and DNS name pairing included", async () => {
    const { failures } = await dataFederationProvider.check(
      {},
      {
        ...harness.dataFederationArgs({ endpointId: UNKNOWN, region: UNKNOWN }),
        customerEndpointDNSName: UNKNOWN,
        __provider: PROVIDER_TEXT,
      },
    );
    expect(failures).toEqual([]);
  });
});

describe("DataFederationEndpoint bad input only Atlas can recognise", () => {
  test("a project Atlas does not have fails create naming groupId, adding nothing", async () => {
    const args = harness.dataFederationArgs({ groupId: hex(24) });
    await harness.clearRequests();
    const error = await harness.failure(dataFederationProvider.create(await harness.checkedDataFederation(args)));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /^Atlas has no project groupId="[0-9a-f]{24}" these credentials can see \(Atlas answered 404 GROUP_NOT_FOUND .*\)\. Check groupId\.$/,
    );
    expect((await harness.requests()).filter((r) => r.method === "POST")).toEqual([]);
  });

  test("a read-only API key fails create with what role to use, adding nothing", async () => {
    const args = harness.dataFederationArgs();
    const inputs = await harness.checkedDataFederation(args);
    await withEnv(readOnlyKey(), async () => {
      const error = await harness.failure(dataFederationProvider.create(inputs));
      expect(error.message).toMatch(
        /^Atlas does not allow these credentials to add AWS Data Federation endpoint vpce-\w+: Atlas answered 403 .*Project Owner role in project groupId="[0-9a-f]{24}", then run `pulumi up` again\.$/,
      );
    });
    expect((await harness.control.dataFederationEndpoints()).filter((e) => e.endpointId === args.endpointId)).toEqual([]);
  });
});

describe("StreamPrivateLink: bad input stopped by check", () => {
  const GROUP = () => harness.seed.groupId;
  const link = (cloud: string, vendor: string, overrides: Args = {}) => streamLinkArgs(GROUP(), cloud, vendor, overrides);

  /** Each vendor's required fields, one left out at a time: named with the cloud and the vendor. */
  const REQUIRED_CASES: CheckCase[] = STREAM_LINK_COMBINATIONS.flatMap(([cloud, vendor]) =>
    (vendorRule(cloud as CloudProvider, vendor)?.required ?? []).map((field) => ({
      what: `a ${cloud} ${vendor} link without ${field}`,
      args: () => without(link(cloud, vendor), field),
      property: field,
      allowed: new RegExp(`^is required for cloudProvider ${cloud} with vendor ${vendor} \\(`),
    })),
  );

  const CASES: CheckCase[] = [
    ...REQUIRED_CASES,
    // What a vendor refuses
    {
      what: "a region on an AWS MSK link (Atlas reads it from the arn)",
      args: () => link("AWS", "MSK", { region: "us-east-1" }),
      property: "region",
      allowed: /^is not taken for cloudProvider AWS with vendor MSK: Atlas reads the region from the arn$/,
    },
    {
      what: "a service endpoint on a GCP Confluent link (it takes attachment URIs)",
      args: () => link("GCP", "CONFLUENT", { serviceEndpointId: "com.example.svc" }),
      property: "serviceEndpointId",
      allowed: /^is not taken for cloudProvider GCP with vendor CONFLUENT$/,
    },
    // Vendors
    {
      what: "a vendor the cloud does not offer (AZURE MSK)",
      args: () => link("AZURE", "EVENTHUB", { vendor: "MSK" }),
      property: "vendor",
      allowed: /must be one of EVENTHUB, CONFLUENT, AZURE_BLOB_STORAGE, GENERIC for cloudProvider AZURE, got value="MSK"/,
    },
    {
      what: "a vendor in lower case (AWS)",
      args: () => link("AWS", "MSK", { vendor: "msk" }),
      property: "vendor",
      allowed: /must be one of MSK, CONFLUENT, KINESIS, S3, LAMBDA, GENERIC for cloudProvider AWS/,
    },
    { what: "a number as the vendor (GCP)", args: () => link("GCP", "PUBSUB", { vendor: 7 }), property: "vendor", allowed: /got value=7/ },
    // Fields of another cloud
    {
      what: "an MSK arn on an Azure link",
      args: () => link("AZURE", "EVENTHUB", { arn: "arn:aws:kafka:us-east-1:123456789012:cluster/a/b" }),
      property: "arn",
      allowed: /applies to cloudProvider AWS only, not AZURE/,
    },
    {
      what: "Azure resource ids on an AWS link",
      args: () => link("AWS", "KINESIS", { azureResourceIds: ["/subscriptions/x/resourceGroups/g/providers/p"] }),
      property: "azureResourceIds",
      allowed: /applies to cloudProvider AZURE only, not AWS/,
    },
    {
      what: "service attachment URIs on an Azure link",
      args: () => link("AZURE", "GENERIC", { gcpServiceAttachmentUris: ["projects/p/regions/r/serviceAttachments/s"] }),
      property: "gcpServiceAttachmentUris",
      allowed: /applies to cloudProvider GCP only, not AZURE/,
    },
    {
      what: "a property no stream link has (AWS)",
      args: () => link("AWS", "MSK", { endpointServiceId: hex(24) }),
      property: "endpointServiceId",
      allowed: /is not a StreamPrivateLink property; allowed for AWS: groupId, cloudProvider, vendor, region, arn/,
    },
    // Malformed values
    {
      what: "an S3 bucket's ARN as the MSK arn",
      args: () => link("AWS", "MSK", { arn: "arn:aws:s3:::orders-bucket" }),
      property: "arn",
      allowed: /must be the MSK cluster's ARN, arn:aws:kafka:<region>:<account>:cluster\/<name>\/<uuid>/,
    },
    {
      what: "a domain with a space (AWS CONFLUENT)",
      args: () => link("AWS", "CONFLUENT", { dnsDomain: "abc us-east-1.aws.confluent.cloud" }),
      property: "dnsDomain",
      allowed: /must be the target's domain name/,
    },
    {
      what: "subdomains given as one string (AWS CONFLUENT)",
      args: () => link("AWS", "CONFLUENT", { dnsSubDomain: "use1-az1.abc.aws.confluent.cloud" }),
      property: "dnsSubDomain",
      allowed: /must be a list of the cluster's subdomains/,
    },
    {
      what: "a subdomain that is no domain name (AWS CONFLUENT)",
      args: () => link("AWS", "CONFLUENT", { dnsSubDomain: ["use1 az1"] }),
      property: "dnsSubDomain[0]",
      allowed: /must be a domain name, got value="use1 az1"/,
    },
    {
      what: "an empty list of Azure resource ids (AZURE CONFLUENT)",
      args: () => link("AZURE", "CONFLUENT", { azureResourceIds: [] }),
      property: "azureResourceIds",
      allowed: /must list at least 1/,
    },
    {
      what: "an Azure resource id without its subscription (AZURE CONFLUENT)",
      args: () => link("AZURE", "CONFLUENT", { azureResourceIds: ["resourceGroups/g/providers/p"] }),
      property: "azureResourceIds[0]",
      allowed: /must be an Azure resource id \/subscriptions\/<id>\/resourceGroups\//,
    },
    {
      what: "four service attachment URIs, one over Atlas's limit (GCP CONFLUENT)",
      args: () =>
        link("GCP", "CONFLUENT", {
          gcpServiceAttachmentUris: [1, 2, 3, 4].map((n) => `projects/p/regions/us-west1/serviceAttachments/s-${n}`),
        }),
      property: "gcpServiceAttachmentUris",
      allowed: /lists 4; Atlas allows at most 3/,
    },
    {
      what: "the same service attachment URI listed twice (GCP CONFLUENT)",
      args: () =>
        link("GCP", "CONFLUENT", {
          gcpServiceAttachmentUris: ["projects/p/regions/r/serviceAttachments/s", "projects/p/regions/r/serviceAttachments/s"],
        }),
      property: "gcpServiceAttachmentUris[1]",
      allowed: /is listed twice/,
    },
    {
      what: "an authentication scheme Atlas does not have (AWS)",
      args: () => link("AWS", "MSK", { authenticationScheme: "PLAIN" }),
      property: "authenticationScheme",
      allowed: /must be one of TLS, SASL_SCRAM, IAM, got value="PLAIN"/,
    },
    {
      what: "a region with a space in it (GCP PUBSUB)",
      args: () => link("GCP", "PUBSUB", { region: "us central1" }),
      property: "region",
      allowed: /must be the target's region/,
    },
    {
      what: "an empty service endpoint (AWS S3)",
      args: () => link("AWS", "S3", { serviceEndpointId: "" }),
      property: "serviceEndpointId",
      allowed: /must be the target's service endpoint/,
    },
    // What every resource has
    {
      what: "a groupId that is too short (AZURE)",
      args: () => link("AZURE", "EVENTHUB", { groupId: "5f1a2b" }),
      property: "groupId",
      allowed: HEX24,
    },
    {
      what: "an unknown cloudProvider",
      args: () => link("AWS", "MSK", { cloudProvider: "ORACLE" }),
      property: "cloudProvider",
      allowed: CLOUDS,
    },
    {
      what: "adoptExisting as a string (GCP)",
      args: () => link("GCP", "PUBSUB", { adoptExisting: "yes" }),
      property: "adoptExisting",
      allowed: FLAG,
    },
    {
      what: "a create timeout that is not a duration (AWS)",
      args: () => link("AWS", "LAMBDA", { timeouts: { create: "soon" } }),
      property: "timeouts.create",
      allowed: DURATION,
    },
  ];

  test.each(STREAM_LINK_COMBINATIONS)("the valid %s %s inputs the cases start from pass check", async (cloud, vendor) => {
    expect((await streamLinkProvider.check({}, { ...link(cloud, vendor), __provider: PROVIDER_TEXT })).failures).toEqual([]);
  });

  checkTable({
    name: "StreamPrivateLink",
    provider: streamLinkProvider,
    cases: CASES,
    createReads: (args) => STREAM_LINK_INPUT_KEYS[cloudIn(args, STREAM_LINK_INPUT_KEYS)],
    inputKeys: STREAM_LINK_INPUT_KEYS,
  });
});

describe("StreamPrivateLink: bad input only Atlas can recognise", () => {
  test.each([
    {
      what: "a project Atlas does not have",
      args: () => streamLinkArgs(hex(24), "AWS", "MSK"),
      env: () => ({}),
      method: "GET",
      status: 404,
      message:
        /^Atlas has no project groupId="[0-9a-f]{24}" these credentials can see \(Atlas answered 404 GROUP_NOT_FOUND .*\)\. Check groupId\.$/,
    },
    {
      what: "a read-only API key",
      args: () => streamLinkArgs(harness.seed.groupId, "GCP", "PUBSUB"),
      env: readOnlyKey,
      method: "POST",
      status: 403,
      message:
        /^Atlas does not allow these credentials to create the GCP PUBSUB stream private link to [a-z0-9-]+ in project groupId="[0-9a-f]{24}": Atlas answered 403 USER_UNAUTHORIZED .*Project Owner role/,
    },
  ])("fails create with $what, mapping Atlas's error, creating nothing", async (c) => {
    const inputs = await harness.checkedStreamLink(c.args());
    await withEnv(c.env(), async () => {
      await harness.clearRequests();
      const error = await harness.failure(streamLinkProvider.create(inputs));
      expect(error).not.toBeInstanceOf(ResourceInitError);
      expect(error.message).toMatch(c.message);
      const answered = (await harness.requests()).filter(
        (r) => r.method === c.method && r.path.endsWith("/privateLinkConnections") && r.auth !== "challenge",
      );
      expect(answered.map((r) => r.status)).toEqual([c.status]);
    });
    expect(await harness.control.streamPrivateLinks()).toEqual([]);
  });
});

describe("after the table", () => {
  test("no endpoint was created in the simulator", async () => {
    expect(await harness.endpoints()).toEqual([]);
  });

  test("nothing returned, thrown or printed holds a credential, token, digest response or auth header", () => {
    const texts = wire.texts();
    expect(wire.bearerTokens.size).toBeGreaterThan(0); // the read-only service account's
    expect(wire.secrets.size).toBeGreaterThan(wire.bearerTokens.size);
    expect(wire.leaks([`planted ${[...wire.secrets][0]}`])).toHaveLength(1);
    expect(wire.leaks(texts)).toEqual([]);
  });
});

describe("RegionalMode: bad input stopped by check", () => {
  const regional = regionalModeProvider as Required<typeof regionalModeProvider>;
  const valid = (): Args => ({ groupId: harness.seed.shardedProject.groupId, enabled: true });
  const REGIONAL_CASES: CheckCase[] = [
    { what: "a groupId that is too short", args: () => ({ ...valid(), groupId: "5f1a2b" }), property: "groupId", allowed: HEX24 },
    { what: "a missing groupId", args: () => without(valid(), "groupId"), property: "groupId", allowed: /^is required \(24 hexadecimal/ },
    { what: "enabled as a string", args: () => ({ ...valid(), enabled: "yes" }), property: "enabled", allowed: FLAG },
    { what: "a missing enabled", args: () => without(valid(), "enabled"), property: "enabled", allowed: /^is required \(true or false\)$/ },
    {
      what: "restoreOnDestroy as a string",
      args: () => ({ ...valid(), restoreOnDestroy: "no" }),
      property: "restoreOnDestroy",
      allowed: FLAG,
    },
    {
      what: "a timeout that is not a duration",
      args: () => ({ ...valid(), timeouts: { create: "soon" } }),
      property: "timeouts.create",
      allowed: DURATION,
    },
    {
      what: "a cloudProvider (regional mode is one setting for every cloud)",
      args: () => ({ ...valid(), cloudProvider: "AWS" }),
      property: "cloudProvider",
      allowed: /^is not a RegionalMode property; allowed: groupId, enabled, restoreOnDestroy, timeouts$/,
    },
  ];

  test("the valid inputs the cases start from pass check", async () => {
    expect((await regional.check({}, { ...valid(), __provider: PROVIDER_TEXT })).failures).toEqual([]);
  });

  checkTable({
    name: "RegionalMode",
    provider: regional,
    cases: REGIONAL_CASES,
    createReads: () => REGIONAL_MODE_INPUT_KEYS,
    inputKeys: { project: REGIONAL_MODE_INPUT_KEYS },
  });

  test("values not known yet in preview pass check, and an unknown enabled is warned of as one that may enable it", async () => {
    const { failures } = await regional.check({}, { groupId: UNKNOWN, enabled: UNKNOWN, __provider: PROVIDER_TEXT });
    expect(failures).toEqual([]);
    expect(harness.progress.join("\n")).toMatch(/Regional mode may be enabled in the project \(its groupId is not known yet\)/);
  });
});
