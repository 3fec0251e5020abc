/**
 * The plugin's Pulumi package schema, built from the vocabulary (every kind's property table, the
 * object types, the credentials' config keys and env variables): the engine reads it for YAML
 * programs and `pulumi import`, `pulumi package gen-sdk` makes each language's SDK from it.
 * Committed as schema.json at the repo root; test/provider/plugin/schema.test.ts holds both equal.
 */
import { CONFIG_KEYS, ENV_KEYS } from "../host/connection";
import { OBJECT_TYPES, type ObjectTypeName, type PropertySpec, type PropertyType } from "../vocabulary/properties";
import { RESOURCE_KINDS, type ResourceKind } from "./kinds";

/** The plugin's package name: tokens are `atlas-private-endpoint:index:<Kind>`, the binary `pulumi-resource-atlas-private-endpoint`. */
export const PLUGIN_PACKAGE = "atlas-private-endpoint";

export function tokenOf(typeName: string): string {
  return `${PLUGIN_PACKAGE}:index:${typeName}`;
}

type ConfigField = keyof typeof CONFIG_KEYS;

/** What each credential config key means; typed by CONFIG_KEYS so a new key cannot be left out. */
const CONFIG_DESCRIPTIONS: { readonly [K in ConfigField]: { description: string; secret: boolean } } = {
  publicKey: { description: "Atlas API key: the public key.", secret: false },
  privateKey: { description: "Atlas API key: the private key.", secret: true },
  clientId: { description: "Atlas service account: the client id (a service account wins over an API key).", secret: false },
  clientSecret: { description: "Atlas service account: the client secret.", secret: true },
  baseUrl: { description: "The Atlas origin, with no path. Default https://cloud.mongodb.com.", secret: false },
};

interface SchemaProperty {
  description?: string;
  type?: string;
  items?: SchemaProperty;
  $ref?: string;
  oneOf?: SchemaProperty[];
  secret?: boolean;
}

function typeSpec(type: PropertyType): SchemaProperty {
  if ("$ref" in type) return { $ref: `#/types/${tokenOf(type.$ref)}` };
  if ("oneOf" in type) return { oneOf: type.oneOf.map(typeSpec) };
  if (type.type === "array") return { type: "array", items: typeSpec(type.items) };
  return { type: type.type };
}

function property(spec: { description: string; secret?: boolean }, type: PropertyType): SchemaProperty {
  return { description: spec.description, ...typeSpec(type), ...(spec.secret ? { secret: true } : {}) };
}

function configVariables(): Record<string, SchemaProperty> {
  const variables: Record<string, SchemaProperty> = {};
  for (const field of Object.keys(CONFIG_KEYS) as ConfigField[]) {
    const { description, secret } = CONFIG_DESCRIPTIONS[field];
    const env = ENV_KEYS[field].join(", ");
    variables[field] = {
      description: `${description} When unset (and no other credential is set in config), the plugin reads env ${env} at each operation.`,
      type: "string",
      ...(secret ? { secret: true } : {}),
    };
  }
  return variables;
}

function resourceSchema(kind: ResourceKind) {
  const entries = Object.entries(kind.properties) as [string, PropertySpec][];
  const properties = Object.fromEntries(entries.map(([name, spec]) => [name, property(spec, spec.type)]));
  const inputs = entries.filter(([, spec]) => spec.input !== undefined);
  return {
    description: kind.description,
    properties,
    required: entries.filter(([, spec]) => spec.alwaysOutput).map(([name]) => name),
    inputProperties: Object.fromEntries(inputs.map(([name, spec]) => [name, property(spec, spec.inputType ?? spec.type)])),
    requiredInputs: inputs.filter(([, spec]) => spec.input === "required").map(([name]) => name),
  };
}

function objectTypes() {
  const types: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(OBJECT_TYPES) as [ObjectTypeName, (typeof OBJECT_TYPES)[ObjectTypeName]][]) {
    const properties = Object.fromEntries(Object.entries(spec.properties).map(([key, prop]) => [key, property(prop, prop.type)]));
    types[tokenOf(name)] = { description: spec.description, type: "object", properties, required: [...spec.required] };
  }
  return types;
}

/** The schema for `version` (the package's own version: the plugin reports it, SDKs carry it). */
export function packageSchema(version: string) {
  const variables = configVariables();
  return {
    name: PLUGIN_PACKAGE,
    displayName: "MongoDB Atlas private endpoints",
    version,
    description:
      "MongoDB Atlas private endpoints (AWS, Azure, GCP) that wait until Atlas and the project's clusters are ready, adopt existing ones and can be imported.",
    keywords: ["pulumi", "mongodb", "atlas", "private-endpoint", "kind/native"],
    license: "Apache-2.0",
    config: { variables },
    provider: { description: "Atlas credentials and URL for the resources of this package.", inputProperties: variables },
    resources: Object.fromEntries(RESOURCE_KINDS.map((kind) => [tokenOf(kind.typeName), resourceSchema(kind)])),
    types: objectTypes(),
    language: {
      nodejs: { packageName: "@pulumi-atlas-private-endpoint/sdk", dependencies: { "@pulumi/pulumi": "^3.139.0" } },
      // respectSchemaVersion: the wheel, the sdist and the SDK's pulumi-plugin.json carry the package's version
      // (instead of the generator's 0.0.0 placeholder), so a Python program asks the engine for this plugin release.
      // pyproject: a PEP 621 pyproject.toml (setuptools backend) instead of a setup.py, for `python -m build`.
      python: {
        packageName: "pulumi_atlas_private_endpoint",
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        respectSchemaVersion: true,
        pyproject: { enabled: true },
      },
      go: { importBasePath: "example.com/pulumi-atlas-private-endpoint/sdk/go/atlasprivateendpoint", generateResourceContainerTypes: true },
    },
  };
}

/** The schema as the plugin serves it and schema.json holds it. */
export function schemaText(version: string): string {
  return `${JSON.stringify(packageSchema(version), null, 2)}\n`;
}
