/**
 * Usage: tsx scripts/extract-openapi-subset.ts SPEC OUT_DIR
 *
 * Cuts the OpenAPI extracts the contract tests read (atlas-openapi/*.openapi.json, one per SELECTIONS entry) out
 * of the full Atlas Admin API v2 spec, the way
 * ../shared/atlas-openapi/README.md describes: the listed operations, every component they reach through
 * `$ref` or `discriminator.mapping`, both security schemes, the top-level keys as they are and `tags` cut
 * to the ones used; JSON with 2-space indent and a trailing newline, in the source's key order.
 * scripts/fetch-contract-data.sh runs it and then checks the result against scripts/contract-data.sha256,
 * so an extraction that differs by one byte from the pinned one fails there.
 *
 * SPEC may be YAML (the upstream v2.yaml) or JSON. YAML is read with js-yaml's core schema: no timestamps,
 * as the extracts were made (js-yaml comes with @pulumi/pulumi, a dev dependency).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// js-yaml ships no types and is not a direct dependency; this is all of it the script uses.
const { CORE_SCHEMA, load } = require("js-yaml") as { CORE_SCHEMA: unknown; load(text: string, options: { schema: unknown }): unknown };

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI documents are walked generically, any shape
type Json = any;
type Selection = { file: string; tag: string; operations: [method: string, path: string][] };

const GROUP = "/api/atlas/v2/groups/{groupId}";
const SERVICE = `${GROUP}/privateEndpoint/{cloudProvider}/endpointService`;
export const SELECTIONS: Selection[] = [
  {
    file: "private-endpoints.openapi.json",
    tag: "Private Endpoint Services",
    operations: [
      ["get", SERVICE],
      ["get", `${SERVICE}/{endpointServiceId}`],
      ["delete", `${SERVICE}/{endpointServiceId}`],
      ["post", `${SERVICE}/{endpointServiceId}/endpoint`],
      ["get", `${SERVICE}/{endpointServiceId}/endpoint/{endpointId}`],
      ["delete", `${SERVICE}/{endpointServiceId}/endpoint/{endpointId}`],
      ["post", `${GROUP}/privateEndpoint/endpointService`],
      ["patch", `${GROUP}/privateEndpoint/endpointService/{endpointServiceId}`],
    ],
  },
  {
    file: "clusters.openapi.json",
    tag: "Clusters",
    operations: [
      ["get", `${GROUP}/clusters`],
      ["get", `${GROUP}/clusters/{clusterName}`],
    ],
  },
  {
    file: "regional-mode.openapi.json",
    tag: "Private Endpoint Services",
    operations: [
      ["get", `${GROUP}/privateEndpoint/regionalMode`],
      ["patch", `${GROUP}/privateEndpoint/regionalMode`],
    ],
  },
  {
    file: "data-federation-endpoints.openapi.json",
    tag: "Data Federation",
    operations: [
      ["get", `${GROUP}/privateNetworkSettings/endpointIds`],
      ["post", `${GROUP}/privateNetworkSettings/endpointIds`],
      ["get", `${GROUP}/privateNetworkSettings/endpointIds/{endpointId}`],
      ["delete", `${GROUP}/privateNetworkSettings/endpointIds/{endpointId}`],
    ],
  },
  {
    file: "stream-private-link.openapi.json",
    tag: "Streams",
    operations: [
      ["get", `${GROUP}/streams/privateLinkConnections`],
      ["post", `${GROUP}/streams/privateLinkConnections`],
      ["get", `${GROUP}/streams/privateLinkConnections/{connectionId}`],
      ["delete", `${GROUP}/streams/privateLinkConnections/{connectionId}`],
    ],
  },
];

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export function extract(spec: Json, selection: Selection): Json {
  const paths: Json = {};
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    const wanted = selection.operations.filter(([, p]) => p === path).map(([method]) => method);
    if (wanted.length === 0) continue;
    paths[path] = Object.fromEntries(Object.entries(item).filter(([key]) => !HTTP_METHODS.has(key) || wanted.includes(key)));
  }
  const found = selection.operations.filter(([method, path]) => !paths[path]?.[method]);
  if (found.length > 0) throw new Error(`${selection.file}: the spec lacks ${found.map((op) => op.join(" ")).join(", ")}`);

  // Every component reached from the kept paths, through $ref and discriminator mappings, transitively.
  const reached = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const targets: string[] = [];
    if (typeof node.$ref === "string") targets.push(node.$ref);
    if (node.discriminator?.mapping) targets.push(...(Object.values(node.discriminator.mapping) as string[]));
    for (const target of targets) {
      if (reached.has(target)) continue;
      const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(target);
      if (!match) throw new Error(`${selection.file}: unexpected reference ${target}`);
      reached.add(target);
      visit(spec.components[match[1]!]?.[match[2]!]);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(paths);

  const components: Json = {};
  for (const [section, entries] of Object.entries<Json>(spec.components)) {
    const kept =
      section === "securitySchemes"
        ? entries
        : Object.fromEntries(Object.entries(entries).filter(([name]) => reached.has(`#/components/${section}/${name}`)));
    if (Object.keys(kept).length > 0) components[section] = kept;
  }

  const out: Json = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === "paths") out.paths = paths;
    else if (key === "components") out.components = components;
    else if (key === "tags") out.tags = (value as Json[]).filter((tag) => tag.name === selection.tag);
    else out[key] = value;
  }
  return out;
}

export const serialize = (document: Json) => `${JSON.stringify(document, null, 2)}\n`;

if (require.main === module) {
  const [specFile, outDir] = process.argv.slice(2);
  if (!specFile || !outDir) {
    console.error("usage: tsx scripts/extract-openapi-subset.ts SPEC OUT_DIR");
    process.exit(2);
  }
  const text = readFileSync(specFile, "utf8");
  const spec = specFile.endsWith(".json") ? JSON.parse(text) : load(text, { schema: CORE_SCHEMA });
  mkdirSync(outDir, { recursive: true });
  for (const selection of SELECTIONS) writeFileSync(join(outDir, selection.file), serialize(extract(spec, selection)));
}
