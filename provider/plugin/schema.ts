/**
 * The plugin's Pulumi package schema, built from the vocabulary (every kind's property table, the
 * object types, the credentials' config keys and env variables): the engine reads it for YAML
 * programs and `pulumi import`, and every language's SDK is generated from it (`pulumi package add`; scripts/gen-sdk here).
 * Committed as schema.json at the repo root; test/provider/plugin/schema.test.ts holds both equal.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CONFIG_KEYS, ENV_KEYS } from "../host/connection";
import { OBJECT_TYPES, type ObjectTypeName, type PropertySpec, type PropertyType } from "../vocabulary/properties";
import type { Lookup } from "../operations/lookup";
import { LOOKUPS, RESOURCE_KINDS, type ResourceKind } from "./kinds";

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

/** A look-up as a schema function: its arguments and its result as object types of properties. */
function functionSchema(lookup: Lookup) {
  const object = (specs: Readonly<Record<string, PropertySpec>>, required: (spec: PropertySpec) => boolean) => {
    const entries = Object.entries(specs) as [string, PropertySpec][];
    return {
      properties: Object.fromEntries(entries.map(([name, spec]) => [name, property(spec, spec.inputType ?? spec.type)])),
      required: entries.filter(([, spec]) => required(spec)).map(([name]) => name),
    };
  };
  return {
    description: lookup.description,
    inputs: object(lookup.inputs, (spec) => spec.input === "required"),
    outputs: object(lookup.outputs, (spec) => spec.alwaysOutput === true),
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

/**
 * Where the package is published, all derived from one setting: package.json's `repository`
 * (`https://github.com/<owner>/<repo>`), which npm's provenance checks against the repository that
 * built a release anyway, so a fork changes it there and nowhere else.
 */
export interface Publishing {
  owner: string;
  repo: string;
}

/** package.json's `repository` of this package (above the running file, in dist/ or the source tree). */
export function manifestRepository(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    let manifest: { name?: string; repository?: string | { url?: string } };
    try {
      manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue; // no package.json here: keep looking up
    }
    if (manifest.name !== "pulumi-atlas-private-endpoint") continue;
    const url = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
    if (url) return url;
    throw new Error(`${join(dir, "package.json")} has no repository: the schema's publisher and download URL come from it`);
  }
  throw new Error(`pulumi-atlas-private-endpoint's package.json was not found above ${__dirname}`);
}

/** `git+https://github.com/<owner>/<repo>.git` (npm's normal form) or `https://github.com/<owner>/<repo>`. */
export function publishingOf(repositoryUrl: string): Publishing {
  const match = /^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(repositoryUrl);
  if (!match) throw new Error(`package.json repository ${JSON.stringify(repositoryUrl)} is not https://github.com/<owner>/<repo>`);
  return { owner: match[1]!, repo: match[2]! };
}

/** The names each registry knows the package by; tokens and the plugin name never change with them. */
export function publishedNames({ owner, repo }: Publishing) {
  const repository = `https://github.com/${owner}/${repo}`;
  return {
    publisher: owner,
    repository,
    // The CLI looks for releases of github://api.github.com/<owner> in <owner>/pulumi-<plugin name>; a repository
    // named otherwise is named in the URL.
    pluginDownloadURL:
      repo === `pulumi-${PLUGIN_PACKAGE}` ? `github://api.github.com/${owner}` : `github://api.github.com/${owner}/${repo}`,
    npmSdk: `@${owner}/sdk`,
    pythonSdk: "pulumi_atlas_private_endpoint",
    // The Go module is <repository>/sdk/go, tagged sdk/go/v<version> (Pulumi's layout for SDKs with their own go.mod).
    goModule: `github.com/${owner}/${repo}/sdk/go`,
    goImportBasePath: `github.com/${owner}/${repo}/sdk/go/atlasprivateendpoint`,
  };
}

/** The schema for `version` (the package's own version: the plugin reports it, SDKs carry it). */
export function packageSchema(version: string, repositoryUrl: string = manifestRepository()) {
  const variables = configVariables();
  const names = publishedNames(publishingOf(repositoryUrl));
  return {
    name: PLUGIN_PACKAGE,
    displayName: "MongoDB Atlas private endpoints",
    version,
    description:
      "MongoDB Atlas private endpoints (AWS, Azure, GCP) that wait until Atlas and the project's clusters are ready, adopt existing ones and can be imported.",
    keywords: ["pulumi", "mongodb", "atlas", "private-endpoint", "kind/native", "category/network"],
    homepage: names.repository,
    license: "Apache-2.0",
    repository: names.repository,
    publisher: names.publisher,
    pluginDownloadURL: names.pluginDownloadURL,
    // Every SDK carries this version (package.json, pyproject, Go's pulumi-plugin.json) and Go gets its own go.mod.
    meta: { supportPack: true },
    config: { variables },
    provider: { description: "Atlas credentials and URL for the resources of this package.", inputProperties: variables },
    resources: Object.fromEntries(RESOURCE_KINDS.map((kind) => [tokenOf(kind.typeName), resourceSchema(kind)])),
    functions: Object.fromEntries(LOOKUPS.map((lookup) => [tokenOf(lookup.name), functionSchema(lookup)])),
    types: objectTypes(),
    language: {
      nodejs: { packageName: names.npmSdk, dependencies: { "@pulumi/pulumi": "^3.139.0" } },
      // respectSchemaVersion: the wheel, the sdist and the SDK's pulumi-plugin.json carry the package's version
      // (instead of the generator's 0.0.0 placeholder), so a Python program asks the engine for this plugin release.
      // pyproject: a PEP 621 pyproject.toml (setuptools backend) instead of a setup.py, for `python -m build`.
      python: {
        packageName: names.pythonSdk,
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        respectSchemaVersion: true,
        pyproject: { enabled: true },
      },
      go: { importBasePath: names.goImportBasePath, generateResourceContainerTypes: true },
    },
  };
}

/** The schema as the plugin serves it and schema.json holds it. */
export function schemaText(version: string, repositoryUrl?: string): string {
  return `${JSON.stringify(packageSchema(version, repositoryUrl), null, 2)}\n`;
}
