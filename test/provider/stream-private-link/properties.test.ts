/** StreamPrivateLink's properties as the plugin's schema (and every SDK) says them: held to check and to the outputs. */
import { packageSchema, tokenOf } from "../../../provider/plugin/schema";
import { STREAM_LINK_INPUT_KEYS, STREAM_PRIVATE_LINK_INPUTS } from "../../../provider/stream-private-link/inputs";
import { toOutputs } from "../../../provider/stream-private-link/outputs";
import { CLOUD_PROVIDERS } from "../../../provider/vocabulary/clouds";
import { resolveWith } from "../../../provider/vocabulary/validation";
import { packageVersion } from "../../../scripts/lib/plugin-package";
import { STREAM_LINK_COMBINATIONS, streamLinkArgs } from "../../support/stream-private-links";

const schema = packageSchema(packageVersion());
const link = schema.resources[tokenOf("StreamPrivateLink")]!;
const GROUP = "a".repeat(24);

/** An Atlas answer with every field a connection has, so the converter writes every output it can. */
const EVERY_FIELD = {
  id: "b".repeat(24),
  provider: "AWS",
  region: "us-east-1",
  state: "DONE",
  errorMessage: "boom",
  interfaceEndpointId: "vpce-0123456789abcdef0",
  interfaceEndpointName: "atlas-streams-x",
  gcpConnectionIds: ["1234"],
  providerAccountId: "123456789012",
  authenticationScheme: "TLS",
  dnsSubDomain: [],
};

test("the schema's inputs are exactly the inputs check accepts, for every cloud together, and it requires only groupId (the rest is each vendor's)", () => {
  const accepted = new Set(CLOUD_PROVIDERS.flatMap((cloud) => [...STREAM_LINK_INPUT_KEYS[cloud]]));
  expect(Object.keys(link.inputProperties).sort()).toEqual([...accepted].sort());
  expect(link.requiredInputs).toEqual(["groupId"]);
});

test.each(STREAM_LINK_COMBINATIONS)(
  "every output of a %s %s link is a schema property, each always-present one required",
  (cloud, vendor) => {
    const inputs = resolveWith(STREAM_PRIVATE_LINK_INPUTS, { ...streamLinkArgs(GROUP, cloud, vendor), timeouts: { create: "1h" } });
    const outputs = toOutputs(inputs, { ...EVERY_FIELD, provider: cloud, vendor }, false);
    expect(Object.keys(outputs).filter((key) => !(key in link.properties))).toEqual([]);
    const bare = toOutputs(resolveWith(STREAM_PRIVATE_LINK_INPUTS, streamLinkArgs(GROUP, cloud, vendor)), undefined, false);
    for (const key of link.required) expect(bare).toHaveProperty(key);
  },
);

test("the look-ups' connection type is in the schema's types", () => {
  expect(Object.keys(schema.types)).toContain(tokenOf("StreamPrivateLinkConnection"));
});
