import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_KEYS, ENV_KEYS } from "../../../provider/host/connection";
import { packageSchema, schemaText, tokenOf } from "../../../provider/plugin/schema";
import { CLOUD_PROVIDERS } from "../../../provider/vocabulary/clouds";
import { INPUT_KEYS, PRIVATE_ENDPOINT_INPUTS } from "../../../provider/private-endpoint/inputs";
import { resolveWith } from "../../../provider/vocabulary/validation";
import { toOutputs } from "../../../provider/private-endpoint/outputs";
import { ENDPOINT_SERVICE_INPUTS, SERVICE_INPUT_KEYS } from "../../../provider/endpoint-service/inputs";

const resolveInputs = (props: Record<string, unknown>) => resolveWith(PRIVATE_ENDPOINT_INPUTS, props);
const resolveServiceInputs = (props: Record<string, unknown>) => resolveWith(ENDPOINT_SERVICE_INPUTS, props);
import { toOutputs as toServiceOutputs } from "../../../provider/endpoint-service/outputs";
import {
  DATA_FEDERATION_ENDPOINT_INPUTS,
  INPUT_KEYS as DATA_FEDERATION_INPUT_KEYS,
} from "../../../provider/data-federation-endpoint/inputs";
import { outputsOf as dataFederationOutputsOf } from "../../../provider/data-federation-endpoint/outputs";
import { REGIONAL_MODE_INPUT_KEYS, REGIONAL_MODE_INPUTS } from "../../../provider/regional-mode/inputs";
import { toOutputs as toRegionalModeOutputs } from "../../../provider/regional-mode/outputs";
import { packageVersion } from "../../../scripts/lib/plugin-package";
import { repoRoot } from "../../../scripts/lib/pulumi-workspace";

const schema = packageSchema(packageVersion());
const endpoint = schema.resources[tokenOf("PrivateEndpoint")]!;
const service = schema.resources[tokenOf("EndpointService")]!;
const dataFederation = schema.resources[tokenOf("DataFederationEndpoint")]!;
const regionalMode = schema.resources[tokenOf("RegionalMode")]!;

const GROUP = "a".repeat(24);
const SERVICE = "b".repeat(24);
const DECLARED = {
  AWS: { groupId: GROUP, endpointServiceId: SERVICE, endpointId: "vpce-0123456789abcdef0" },
  AZURE: {
    groupId: GROUP,
    cloudProvider: "AZURE",
    endpointServiceId: SERVICE,
    endpointId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe",
    privateEndpointIPAddress: "10.0.0.5",
  },
  GCP: {
    groupId: GROUP,
    cloudProvider: "GCP",
    endpointServiceId: SERVICE,
    gcpProjectId: "my-project",
    endpointGroupName: "group",
    endpoints: [{ endpointName: "rule-1", ipAddress: "10.0.0.6" }],
  },
};
/** An Atlas answer with every field any cloud reports, so toOutputs writes every output it can. */
const EVERY_FIELD = {
  cloudProvider: "AWS",
  connectionStatus: "AVAILABLE",
  status: "AVAILABLE",
  errorMessage: "boom",
  deleteRequested: false,
  interfaceEndpointId: "vpce-0123456789abcdef0",
  privateEndpointConnectionName: "conn",
  privateEndpointIPAddress: "10.0.0.5",
  privateEndpointResourceId: "/subscriptions/x",
  endpointGroupName: "group",
  gcpProjectId: "my-project",
  portMappingEnabled: false,
  endpoints: [{ endpointName: "rule-1", ipAddress: "10.0.0.6", status: "AVAILABLE" }],
};

test("schema.json at the repo root is the schema the plugin serves (run `npm run schema` after changing the vocabulary)", () => {
  expect(readFileSync(join(repoRoot, "schema.json"), "utf8")).toBe(schemaText(packageVersion()));
});

test("the schema's inputs are exactly the inputs check accepts, for every cloud together", () => {
  const accepted = new Set(CLOUD_PROVIDERS.flatMap((cloud) => [...INPUT_KEYS[cloud]]));
  expect(Object.keys(endpoint.inputProperties).sort()).toEqual([...accepted].sort());
});

test("the schema requires exactly the inputs every cloud requires", () => {
  const requiredEverywhere = [...INPUT_KEYS.AWS].filter((key) =>
    CLOUD_PROVIDERS.every((cloud) => {
      const { [key]: _dropped, ...without } = DECLARED[cloud] as Record<string, unknown>;
      if (!(key in DECLARED[cloud])) return false;
      try {
        resolveInputs(without);
        return false;
      } catch {
        return true;
      }
    }),
  );
  expect([...endpoint.requiredInputs].sort()).toEqual(requiredEverywhere.sort());
});

test.each(CLOUD_PROVIDERS)(
  "every output toOutputs writes for %s is a schema property, and each always-present one is required",
  (cloud) => {
    const inputs = resolveInputs({ ...DECLARED[cloud], timeouts: { create: "1h" }, waitForClusters: ["orders"] });
    const outputs = toOutputs(inputs, { ...EVERY_FIELD, cloudProvider: cloud } as never, false, [
      { clusterName: "orders", type: "MONGOD", connectionString: "mongodb://x", srvConnectionString: "mongodb+srv://x" },
    ]);
    const properties = Object.keys(endpoint.properties);
    expect(Object.keys(outputs).filter((key) => !properties.includes(key))).toEqual([]);
    const bare = toOutputs(resolveInputs(DECLARED[cloud]), undefined, false);
    for (const key of endpoint.required) expect(bare).toHaveProperty(key);
  },
);

test("every $ref in the schema names one of its types", () => {
  const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map((match) => match[1]);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) expect(Object.keys(schema.types)).toContain(ref);
});

test("the plugin serves exactly PrivateEndpoint, EndpointService, DataFederationEndpoint, StreamPrivateLink and RegionalMode", () => {
  expect(Object.keys(schema.resources).sort()).toEqual([
    tokenOf("DataFederationEndpoint"),
    tokenOf("EndpointService"),
    tokenOf("PrivateEndpoint"),
    tokenOf("RegionalMode"),
    tokenOf("StreamPrivateLink"),
  ]);
});

const SERVICE_DECLARED = {
  AWS: { groupId: GROUP, region: "us-east-1", supportedRemoteRegions: ["us-west-2"] },
  AZURE: { groupId: GROUP, cloudProvider: "AZURE", region: "eastus2" },
  GCP: { groupId: GROUP, cloudProvider: "GCP", region: "us-central1", portMappingEnabled: true },
};
const EVERY_SERVICE_FIELD = {
  id: SERVICE,
  status: "AVAILABLE",
  errorMessage: "boom",
  regionName: "US_EAST_1",
  endpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123",
  interfaceEndpoints: ["vpce-0123456789abcdef0"],
  privateEndpoints: ["/subscriptions/x"],
  endpointGroupNames: ["group"],
  supportedRemoteRegions: ["US_WEST_2"],
  privateLinkServiceName: "pls",
  privateLinkServiceResourceId: "/subscriptions/y",
  portMappingEnabled: true,
  serviceAttachmentNames: ["projects/p/regions/r/serviceAttachments/s"],
};

test("EndpointService: the schema's inputs are exactly those check accepts, and it requires those every cloud requires", () => {
  const accepted = new Set(CLOUD_PROVIDERS.flatMap((cloud) => [...SERVICE_INPUT_KEYS[cloud]]));
  expect(Object.keys(service.inputProperties).sort()).toEqual([...accepted].sort());
  const requiredEverywhere = [...SERVICE_INPUT_KEYS.AWS].filter((key) =>
    CLOUD_PROVIDERS.every((cloud) => {
      const declared = SERVICE_DECLARED[cloud] as Record<string, unknown>;
      if (!(key in declared)) return false;
      const { [key]: _dropped, ...without } = declared;
      try {
        resolveServiceInputs(without);
        return false;
      } catch {
        return true;
      }
    }),
  );
  expect([...service.requiredInputs].sort()).toEqual(requiredEverywhere.sort());
});

test.each(CLOUD_PROVIDERS)("EndpointService: every output for %s is a schema property, each always-present one required", (cloud) => {
  const inputs = resolveServiceInputs({ ...SERVICE_DECLARED[cloud], timeouts: { create: "1h" } });
  const outputs = toServiceOutputs(inputs, { ...EVERY_SERVICE_FIELD, cloudProvider: cloud } as never, {
    endpointServiceId: SERVICE,
    adopted: false,
  });
  const properties = Object.keys(service.properties);
  expect(Object.keys(outputs).filter((key) => !properties.includes(key))).toEqual([]);
  const bare = toServiceOutputs(resolveServiceInputs(SERVICE_DECLARED[cloud]), undefined, { endpointServiceId: SERVICE, adopted: false });
  for (const key of service.required) expect(bare).toHaveProperty(key);
});

const DATA_FEDERATION_CLOUDS = ["AWS", "AZURE"] as const;
const DATA_FEDERATION_DECLARED = {
  AWS: { groupId: GROUP, endpointId: "vpce-0123456789abcdef0", comment: "c", region: "us-east-1", customerEndpointDNSName: "a.b.c" },
  AZURE: {
    groupId: GROUP,
    cloudProvider: "AZURE",
    endpointId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe",
    region: "eastus2",
    azureLinkId: "1",
    customerEndpointIPAddress: "10.0.0.5",
  },
};
const resolveDataFederationInputs = (props: Record<string, unknown>) => resolveWith(DATA_FEDERATION_ENDPOINT_INPUTS, props);

test("DataFederationEndpoint: the schema's inputs are exactly those check accepts, and it requires those every cloud requires", () => {
  const accepted = new Set(DATA_FEDERATION_CLOUDS.flatMap((cloud) => [...DATA_FEDERATION_INPUT_KEYS[cloud]]));
  expect(Object.keys(dataFederation.inputProperties).sort()).toEqual([...accepted].sort());
  const requiredEverywhere = [...DATA_FEDERATION_INPUT_KEYS.AWS].filter((key) =>
    DATA_FEDERATION_CLOUDS.every((cloud) => {
      const declared = DATA_FEDERATION_DECLARED[cloud] as Record<string, unknown>;
      if (!(key in declared)) return false;
      const { [key]: _dropped, ...without } = declared;
      try {
        resolveDataFederationInputs(without);
        return false;
      } catch {
        return true;
      }
    }),
  );
  expect([...dataFederation.requiredInputs].sort()).toEqual(requiredEverywhere.sort());
});

test.each(DATA_FEDERATION_CLOUDS)(
  "DataFederationEndpoint: every output for %s is a schema property, each always-present one required",
  (cloud) => {
    const inputs = resolveDataFederationInputs({ ...DATA_FEDERATION_DECLARED[cloud], timeouts: { create: "1h" } });
    const entry = {
      ...DATA_FEDERATION_DECLARED[cloud],
      provider: cloud,
      type: "DATA_LAKE",
      status: "FAILED",
      errorMessage: "boom",
    };
    const outputs = dataFederationOutputsOf(inputs, entry as never, { adopted: true });
    const properties = Object.keys(dataFederation.properties);
    expect(Object.keys(outputs).filter((key) => !properties.includes(key))).toEqual([]);
    expect(Object.keys(outputs)).toHaveLength(12); // every property the cloud has, none dropped
    const bare = dataFederationOutputsOf(resolveDataFederationInputs(DATA_FEDERATION_DECLARED[cloud]), undefined, { adopted: false });
    for (const key of dataFederation.required) expect(bare).toHaveProperty(key);
  },
);

test("RegionalMode: the schema's inputs are exactly those check accepts, and it requires those check requires", () => {
  expect(Object.keys(regionalMode.inputProperties).sort()).toEqual([...REGIONAL_MODE_INPUT_KEYS].sort());
  const declared: Record<string, unknown> = { groupId: GROUP, enabled: true, restoreOnDestroy: false, timeouts: { create: "1h" } };
  const required = REGIONAL_MODE_INPUT_KEYS.filter((key) => {
    const { [key]: _dropped, ...without } = declared;
    try {
      resolveWith(REGIONAL_MODE_INPUTS, without);
      return false;
    } catch {
      return true;
    }
  });
  expect([...regionalMode.requiredInputs].sort()).toEqual([...required].sort());
});

test("RegionalMode: every output is a schema property, each always-present one required", () => {
  const inputs = resolveWith(REGIONAL_MODE_INPUTS, { groupId: GROUP, enabled: true, timeouts: { create: "1h" } });
  const strings = [
    { clusterName: "events", type: "MONGOS", endpoints: [{ endpointId: "vpce-1", providerName: "AWS", region: "US_EAST_1" }] },
  ];
  const outputs = toRegionalModeOutputs(inputs, { enabled: true }, false, false, strings);
  expect(Object.keys(outputs).filter((key) => !Object.keys(regionalMode.properties).includes(key))).toEqual([]);
  const bare = toRegionalModeOutputs(resolveWith(REGIONAL_MODE_INPUTS, { groupId: GROUP, enabled: false }), undefined, false, true);
  for (const key of regionalMode.required) expect(bare).toHaveProperty(key);
});

test("config has one key per credential field, secrets marked, each naming the env variables read when it is unset", () => {
  const variables = schema.config.variables as Record<string, { description: string; secret?: boolean }>;
  expect(Object.keys(variables).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  expect(Object.keys(variables).filter((key) => variables[key]!.secret)).toEqual(["privateKey", "clientSecret"]);
  for (const [field, names] of Object.entries(ENV_KEYS)) for (const name of names) expect(variables[field]!.description).toContain(name);
  expect(schema.provider.inputProperties).toEqual(variables);
});
