import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { contractPath } from "../../support/contract-data";
import type { RecordedExchange } from "./recorder";

/** The private-endpoint extract, under the contract folder (test/support/contract-data.ts). */
export const SPEC_FILE = "atlas-openapi/private-endpoints.openapi.json";
export const SPEC_PATH = contractPath(SPEC_FILE);

/** The cluster-read extract, under the contract folder. */
export const CLUSTERS_SPEC_FILE = "atlas-openapi/clusters.openapi.json";

/** The regional-mode, Data Federation endpoint and stream private link extracts (issue 29), under the contract folder. */
export const REGIONAL_MODE_SPEC_FILE = "atlas-openapi/regional-mode.openapi.json";
export const DATA_FEDERATION_SPEC_FILE = "atlas-openapi/data-federation-endpoints.openapi.json";
export const STREAMS_SPEC_FILE = "atlas-openapi/stream-private-link.openapi.json";

type Json = any;

/**
 * Known errors in the published spec, corrected here on purpose and nowhere else (docs/simulator.md "Spec
 * errata": where the recordings in ../shared/atlas-recordings contradict the spec, they win).
 * - AWSPrivateLinkConnection.interfaceEndpoints: the spec says each item is 24 hex digits, but
 *   Atlas lists the vpce ids there (MongoDB's own Kubernetes operator passes them straight to
 *   getPrivateEndpoint as endpoint ids), so the item pattern is the vpce pattern.
 * - Optional properties may be null: recorded Atlas sends absent fields as null
 *   (`"errorMessage":null`, `"endpointServiceName":null`).
 * - ApiError.parameters items are plain values (recorded `["111111111111111111111111"]`), not objects.
 */
function applyErrata(schemas: Json): void {
  if (schemas.AWSPrivateLinkConnection)
    schemas.AWSPrivateLinkConnection.properties.interfaceEndpoints.items.pattern = "^vpce-[0-9a-f]{17}$";
  if (schemas.ApiError) schemas.ApiError.properties.parameters.items = {};
  // Cluster extract: region config `regionName` is a oneOf of the three clouds' region enums but
  // also says `type: object`, which no string satisfies; and names two clouds share (US_EAST_2 is
  // AWS and Azure) match two branches, which oneOf forbids. Real answers are one string of any enum.
  for (const schema of Object.values(schemas) as Json[]) {
    const regionName = schema?.properties?.regionName;
    if (regionName?.oneOf && regionName.type === "object") {
      delete regionName.type;
      regionName.anyOf = regionName.oneOf;
      delete regionName.oneOf;
    }
  }
  // After the region fix: it looks for `type: "object"`, which this turns into ["object", "null"].
  for (const schema of Object.values(schemas)) allowNullForOptional(schema);
}

/**
 * The cluster extract's discriminated schemas are cycles (base oneOf -> branch allOf -> base; see
 * the extract's README). As the README says, validate the base's own properties plus the branch
 * chosen by the discriminator: the base gets if/then per mapping entry instead of its oneOf, and
 * each branch loses its back-reference to the base.
 */
function breakDiscriminatorCycles(spec: Json, definitions: Json): void {
  for (const [name, schema] of Object.entries(spec.components.schemas as Json) as [string, Json][]) {
    const mapping = schema.discriminator?.mapping as Record<string, string> | undefined;
    if (!mapping || !schema.oneOf) continue;
    const property = schema.discriminator.propertyName;
    const base = definitions[name];
    delete base.oneOf;
    base.allOf = Object.entries(mapping).map(([value, target]) => {
      const branch = target.replace("#/components/schemas/", "");
      const branchSchema = definitions[branch];
      if (Array.isArray(branchSchema?.allOf))
        branchSchema.allOf = branchSchema.allOf.filter((member: Json) => member.$ref !== `atlas#/definitions/${name}`);
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema if/then, not a thenable
      return { if: { properties: { [property]: { const: value } }, required: [property] }, then: { $ref: `atlas#/definitions/${branch}` } };
    });
  }
}

function allowNullForOptional(schema: Json): void {
  if (typeof schema !== "object" || schema === null) return;
  for (const member of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) allowNullForOptional(member);
  if (!schema.properties) return;
  const required: string[] = schema.required ?? [];
  for (const [name, property] of Object.entries(schema.properties as Record<string, Json>)) {
    if (required.includes(name)) continue;
    if (typeof property.type === "string") property.type = [property.type, "null"];
    else if (Array.isArray(property.type) && !property.type.includes("null")) property.type.push("null");
    else if (property.$ref) schema.properties[name] = { anyOf: [{ $ref: property.$ref }, { type: "null" }] };
    if (Array.isArray(property.enum) && !property.enum.includes(null)) property.enum.push(null);
  }
}

/**
 * Statuses the recordings show instead of the spec's (service create 201, service delete 202 with
 * `{}`), and the same pair for the endpoint operations, whose real status is not recorded (the
 * simulator serves both through its dialect). Key: operationId; value: recorded status -> spec status.
 */
export const STATUS_ERRATA: Record<string, Record<number, number>> = {
  createGroupPrivateEndpointEndpointService: { 201: 200 },
  deleteGroupPrivateEndpointEndpointService: { 202: 204 },
  createGroupPrivateEndpointEndpointServiceEndpoint: { 201: 200 },
  deleteGroupPrivateEndpointEndpointServiceEndpoint: { 202: 204 },
  // Recorded: the regional-mode toggle answers 202 with the setting (the spec says 200).
  toggleGroupPrivateEndpointRegionalMode: { 202: 200 },
};

/**
 * Statuses the simulator sends (as Atlas does) that an operation's `responses` does not list.
 * Their bodies must still be an ApiError.
 */
export const UNLISTED_BUT_EXPECTED: Record<string, number[]> = {
  "*": [406],
  createGroupPrivateEndpointEndpointService: [409],
  deleteGroupPrivateEndpointEndpointService: [409],
  // A body without `enabled`, or with something else in it, is refused as every other write's is.
  toggleGroupPrivateEndpointRegionalMode: [400],
};

/**
 * 202s the spec gives a media type but no body schema, which the simulator answers `{}` as recorded Atlas answers
 * its other accepted deletes (the endpoint service delete).
 */
export const EMPTY_OBJECT_FOR_NO_BODY: ReadonlySet<string> = new Set(["deleteGroupStreamPrivateLinkConnection"]);

/** OpenAPI 3.0 schema -> JSON Schema: nullable, readOnly/writeOnly, discriminator, $ref targets. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (["readOnly", "writeOnly", "discriminator", "example", "externalDocs", "nullable", "description", "title", "default"].includes(key))
      continue;
    if (key.startsWith("x-")) continue;
    if (key === "$ref") out.$ref = String(value).replace("#/components/schemas/", "atlas#/definitions/");
    else if (key === "properties")
      out.properties = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, toJsonSchema(sub)]));
    else out[key] = toJsonSchema(value);
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.type === undefined && out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: "null" }] };
  }
  return out;
}

type Operation = { id: string; method: string; path: string; template: RegExp; responses: Json; requestBody: Json };

export class AtlasContract {
  readonly spec: Json;
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(specPath: string = SPEC_PATH) {
    this.spec = JSON.parse(readFileSync(specPath, "utf8"));
    const definitions = Object.fromEntries(
      Object.entries(this.spec.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
    );
    applyErrata(definitions);
    breakDiscriminatorCycles(this.spec, definitions);
    this.ajv.addFormat("date-time", { type: "string", validate: (text: string) => !Number.isNaN(Date.parse(text)) });
    this.ajv.addFormat("double", { type: "number", validate: () => true });
    this.ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.ajv.addSchema({ $id: "atlas", definitions });
    for (const [path, item] of Object.entries(this.spec.paths as Json)) {
      const template = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const [method, operation] of Object.entries(item as Json)) {
        this.operations.push({
          id: (operation as Json).operationId,
          method: method.toUpperCase(),
          path,
          template,
          responses: (operation as Json).responses,
          requestBody: (operation as Json).requestBody,
        });
      }
    }
  }

  /** The spec operation for a raw path; the most specific template wins (literal segments over parameters). */
  operationFor(method: string, rawPath: string): Operation | undefined {
    const candidates = this.operations.filter((op) => op.method === method && op.template.test(rawPath));
    return candidates.sort((a, b) => literalCount(b) - literalCount(a))[0];
  }

  validator(definition: string): ValidateFunction {
    let validate = this.compiled.get(definition);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `atlas#/definitions/${definition}` });
      this.compiled.set(definition, validate);
    }
    return validate;
  }

  /** Validates a body against a schema from the spec, picking the discriminator branch by cloudProvider. */
  validateBody(schema: Json, body: unknown): string[] {
    if (schema.type === "array")
      return Array.isArray(body)
        ? body.flatMap((item, index) => this.validateBody(schema.items, item).map((e) => `[${index}] ${e}`))
        : ["expected an array"];
    const name = String(schema.$ref).replace("#/components/schemas/", "");
    const definition = this.spec.components.schemas[name];
    const errors = this.errorsOf(name, body);
    const mapping = definition?.discriminator?.mapping as Record<string, string> | undefined;
    if (mapping) {
      const branch = mapping[(body as Json)?.cloudProvider];
      if (!branch) return [...errors, `cloudProvider=${JSON.stringify((body as Json)?.cloudProvider)} names no ${name} branch`];
      errors.push(...this.errorsOf(branch.replace("#/components/schemas/", ""), body));
    }
    return errors;
  }

  private errorsOf(definition: string, body: unknown): string[] {
    const validate = this.validator(definition);
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${definition}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Every problem with one recorded exchange; empty when it matches the spec. */
  check(exchange: RecordedExchange): string[] {
    const [rawPath, query = ""] = exchange.target.split("?");
    const operation = this.operationFor(exchange.method, rawPath!);
    if (!operation) return []; // not an Atlas operation in the spec (OAuth, control API, unknown paths)
    // Variations (unknown statuses, DELETED, extra fields) are what Atlas may do beyond its spec.
    if (exchange.variedDialect) return [];
    // A gateway's own page (dialect.answerLost = "502") is not an Atlas answer.
    if (exchange.status === 502 && !exchange.contentType?.includes("json")) return [];
    // A status the test injected is the test's choice; its body must still be an ApiError.
    if (exchange.injectedFault)
      return this.validateBody({ $ref: "#/components/schemas/ApiError" }, JSON.parse(exchange.text)).map((e) => `${exchange.target}: ${e}`);
    const where = `${exchange.method} ${exchange.target} -> ${exchange.status}`;
    let status = exchange.status;
    let body: unknown = exchange.text ? JSON.parse(exchange.text) : undefined;
    if (new URLSearchParams(query).get("envelope") === "true" && status === 200) {
      if (typeof (body as Json)?.status !== "number" || !("content" in (body as Json)))
        return [`${where}: envelope without {status, content}`];
      status = (body as Json).status;
      body = (body as Json).content;
    }
    const specStatus = STATUS_ERRATA[operation.id]?.[status];
    if (specStatus === 204) {
      // Recorded: 202 with the body `{}` where the spec has 204 and no body.
      return JSON.stringify(body) === "{}" ? [] : [`${where}: a 202 delete must answer {}, got ${exchange.text.slice(0, 80)}`];
    }
    if (specStatus !== undefined) status = specStatus;
    let response = operation.responses[String(status)];
    if (!response) {
      const expected = [...(UNLISTED_BUT_EXPECTED["*"] ?? []), ...(UNLISTED_BUT_EXPECTED[operation.id] ?? [])];
      if (!expected.includes(status)) return [`${where}: status ${status} is not a response of ${operation.id}`];
      response = { content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } };
    }
    if (response.$ref) response = this.spec.components.responses[String(response.$ref).split("/").pop()!];
    // An operation may offer several versions (media types): check against the one answered.
    const offered = Object.entries(response.content ?? {});
    const [mediaType, media] = offered.find(([type]) => type === exchange.contentType?.split(";")[0]) ?? offered[0] ?? [];
    if (!media || !(media as Json).schema) {
      if (exchange.text === "") return [];
      if (EMPTY_OBJECT_FOR_NO_BODY.has(operation.id) && JSON.stringify(body) === "{}") return [];
      return [`${where}: expected no body, got ${exchange.text.slice(0, 80)}`];
    }
    const problems: string[] = [];
    if (exchange.contentType?.split(";")[0] !== mediaType)
      problems.push(`${where}: content-type ${exchange.contentType}, spec says ${mediaType}`);
    problems.push(...this.validateBody((media as Json).schema, body).map((e) => `${where}: ${e}`));
    return problems;
  }

  /**
   * Every problem with the JSON body of a request the simulator accepted (2xx), against the operation's request
   * schema in the version it was sent in. The endpoint create is left to checkCreateEndpointRequest (its schema
   * is a $ref cycle, see the extract's README).
   */
  checkAcceptedRequest(exchange: RecordedExchange): string[] {
    if (exchange.status < 200 || exchange.status > 299 || typeof exchange.requestBody !== "object" || exchange.requestBody === null)
      return [];
    const operation = this.operationFor(exchange.method, exchange.target.split("?")[0]!);
    if (!operation?.requestBody || operation.id === "createGroupPrivateEndpointEndpointServiceEndpoint") return [];
    const contentType = exchange.requestContentType?.split(";")[0]?.trim() ?? "";
    const media = operation.requestBody.content?.[contentType];
    const where = `accepted request ${exchange.method} ${exchange.target}`;
    if (!media) return [`${where}: the spec takes no ${contentType} body`];
    return this.validateBody(media.schema, exchange.requestBody).map((problem) => `${where}: ${problem}`);
  }

  /**
   * Validates a create-endpoint request body the way the spec README says: pick the branch by
   * the cloudProvider path parameter and check its inline allOf member plus the outer `required`.
   */
  checkCreateEndpointRequest(cloudProvider: string, body: unknown): string[] {
    const branch = { AWS: "CreateAWSEndpointRequest", AZURE: "CreateAzureEndpointRequest", GCP: "CreateGCPEndpointGroupRequest" }[
      cloudProvider
    ];
    if (!branch) return [`unknown cloudProvider ${cloudProvider}`];
    const definition = this.spec.components.schemas[branch];
    let validate = this.compiled.get(`request:${branch}`);
    if (!validate) {
      validate = this.ajv.compile({ ...toJsonSchema(definition.allOf[1]), required: definition.required });
      this.compiled.set(`request:${branch}`, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${branch}${e.instancePath} ${e.message}`);
  }
}

function literalCount(operation: Operation): number {
  return operation.path.split("/").filter((segment) => !segment.startsWith("{")).length;
}
