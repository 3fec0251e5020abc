import { CLOUD_PROVIDERS, isCloudProvider, type CloudProvider } from "../model/cloud";
import { InvalidAttribute, InvalidJson, MissingAttribute, PathParamParseError, ValidationError } from "../model/errors";
import type { CreateEndpointServiceInput } from "../model/backend";
import {
  DATA_FEDERATION_PROVIDERS,
  type DataFederationEndpointInput,
  type DataFederationProvider,
} from "../model/data-federation-endpoint";
import type { CreateEndpointInput, ForwardingRuleInput } from "../model/private-endpoint";
import {
  DEFAULT_STREAM_VENDOR,
  STREAM_FIELD_OWNERS,
  STREAM_PROVIDERS,
  STREAM_VENDOR_RULES,
  type StreamField,
  type StreamPrivateLinkInput,
  type StreamProvider,
} from "../model/stream-private-link";

/**
 * Wire-format parsing and validation, with the patterns from the Atlas OpenAPI extracts: path parameters, request
 * bodies of every resource, and list paging.
 */
const HEX24 = /^([a-f0-9]{24})$/;
const VPCE_ID = /^vpce-[0-9a-f]{17}$/;
const AZURE_ENCODED_ID =
  /^%2[fF]subscriptions%2[fF][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}%2[fF]resource[gG]roups%2[fF]([-\w._()]+)%2[fF]providers%2[fF]Microsoft\.Network%2[fF]privateEndpoints%2[fF]([-\w._()]+)$/;
const AZURE_ID =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resource[gG]roups\/([-\w._()]+)\/providers\/Microsoft\.Network\/privateEndpoints\/([-\w._()]+)$/;
const IPV4 = /^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)\.){3}(25[0-5]|(2[0-4]|1\d|[1-9]|)\d)$/;
const GCP_PROJECT_ID = /^p-[0-9a-z]{24}$/;
const GCP_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

const param = (name: string, value: unknown) => [{ name, value }];

export function parseGroupId(raw: string): string {
  if (!HEX24.test(raw))
    throw new PathParamParseError(
      `Path parameter groupId="${raw}" could not be parsed: it must be 24 hexadecimal digits.`,
      param("groupId", raw),
    );
  return raw;
}

export function parseCloudProvider(raw: string): CloudProvider {
  if (!isCloudProvider(raw)) {
    throw new PathParamParseError(
      `Path parameter cloudProvider="${raw}" could not be parsed; allowed: ${CLOUD_PROVIDERS.join(", ")}.`,
      param("cloudProvider", raw),
    );
  }
  return raw;
}

export function parseEndpointServiceId(raw: string): string {
  if (!HEX24.test(raw)) {
    throw new PathParamParseError(
      `Path parameter endpointServiceId="${raw}" could not be parsed: it must match ^([a-f0-9]{24})$.`,
      param("endpointServiceId", raw),
    );
  }
  return raw;
}

/**
 * The endpoint id exactly as it arrived in the path. Azure ids must be URL-encoded exactly once:
 * an unencoded id never reaches here (its slashes split the path, so no route matches) and a
 * double-encoded one fails the spec pattern.
 */
export function parseEndpointId(cloud: CloudProvider, raw: string): string {
  const invalid = (allowed: string) =>
    new ValidationError(`Path parameter endpointId="${raw}" is not a valid ${cloud} endpoint id: ${allowed}.`, param("endpointId", raw));
  switch (cloud) {
    case "AWS":
      if (!VPCE_ID.test(raw)) throw invalid("expected vpce- followed by 17 hexadecimal digits");
      return raw;
    case "AZURE":
      if (!AZURE_ENCODED_ID.test(raw)) throw invalid("expected the private endpoint resource id, URL-encoded once (%2F)");
      return decodeURIComponent(raw);
    case "GCP":
      if (!GCP_NAME.test(raw)) throw invalid("expected the endpoint group name");
      return raw;
    default:
      return cloud satisfies never;
  }
}

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new InvalidJson("Received JSON is malformed.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidJson("Received JSON must be an object.");
  return parsed as Record<string, unknown>;
}

function rejectUnknown(body: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw new InvalidAttribute(`Invalid attribute ${key} specified; allowed: ${allowed.join(", ")}.`, param(key, body[key]));
  }
}

function requiredString(body: Record<string, unknown>, field: string, pattern: RegExp | undefined, allowed: string): string {
  const value = body[field];
  if (value === undefined || value === null)
    throw new MissingAttribute(`The required attribute ${field} was not specified.`, param(field, field));
  if (typeof value !== "string" || (pattern && !pattern.test(value))) {
    throw new InvalidAttribute(
      `Invalid attribute ${field} specified: ${field}=${JSON.stringify(value)}, expected ${allowed}.`,
      param(field, value),
    );
  }
  return value;
}

export function parseCreateEndpointBody(cloud: CloudProvider, body: Record<string, unknown>): CreateEndpointInput {
  if (body.cloudProvider !== undefined && body.cloudProvider !== cloud) {
    throw new InvalidAttribute(
      `Invalid attribute cloudProvider specified: cloudProvider=${JSON.stringify(body.cloudProvider)} does not match the path (${cloud}).`,
      param("cloudProvider", body.cloudProvider),
    );
  }
  switch (cloud) {
    case "AWS":
      rejectUnknown(body, ["cloudProvider", "id"]);
      return { cloudProvider: "AWS", id: requiredString(body, "id", VPCE_ID, "vpce- followed by 17 hexadecimal digits") };
    case "AZURE":
      rejectUnknown(body, ["cloudProvider", "id", "privateEndpointIPAddress"]);
      return {
        cloudProvider: "AZURE",
        id: requiredString(
          body,
          "id",
          AZURE_ID,
          "/subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
        ),
        privateEndpointIPAddress: requiredString(body, "privateEndpointIPAddress", IPV4, "an IPv4 address"),
      };
    case "GCP": {
      rejectUnknown(body, ["cloudProvider", "endpointGroupName", "gcpProjectId", "endpoints"]);
      const endpointGroupName = requiredString(body, "endpointGroupName", GCP_NAME, "a GCP resource name");
      const gcpProjectId = requiredString(body, "gcpProjectId", GCP_PROJECT_ID, "p- followed by 24 lower-case letters or digits");
      return { cloudProvider: "GCP", endpointGroupName, gcpProjectId, endpoints: parseForwardingRules(body.endpoints) };
    }
    default:
      return cloud satisfies never;
  }
}

function parseForwardingRules(value: unknown): ForwardingRuleInput[] {
  if (value === undefined || value === null)
    throw new MissingAttribute("The required attribute endpoints was not specified.", param("endpoints", "endpoints"));
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidAttribute(
      "Invalid attribute endpoints specified: expected a non-empty list of forwarding rules.",
      param("endpoints", value),
    );
  }
  return value.map((rule: unknown, index) => {
    if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
      throw new InvalidAttribute(
        `Invalid attribute endpoints[${index}] specified: expected an object.`,
        param(`endpoints[${index}]`, rule),
      );
    }
    const record = rule as Record<string, unknown>;
    rejectUnknown(record, ["endpointName", "ipAddress"]);
    return {
      endpointName: requiredString(record, "endpointName", GCP_NAME, "a GCP forwarding rule name"),
      ipAddress: requiredString(record, "ipAddress", IPV4, "an IPv4 address"),
    };
  });
}

export function parseCreateEndpointServiceBody(body: Record<string, unknown>): CreateEndpointServiceInput {
  rejectUnknown(body, ["providerName", "region", "portMappingEnabled", "supportedRemoteRegions"]);
  const providerName = requiredString(body, "providerName", /^(AWS|AZURE|GCP)$/, CLOUD_PROVIDERS.join(" | ")) as CloudProvider;
  const region = requiredString(body, "region", /^[A-Za-z][A-Za-z0-9_-]*$/, "a region name such as US_EAST_1");
  const portMappingEnabled = body.portMappingEnabled ?? false;
  if (typeof portMappingEnabled !== "boolean" || (portMappingEnabled && providerName !== "GCP")) {
    throw new InvalidAttribute(
      `Invalid attribute portMappingEnabled specified: portMappingEnabled=${JSON.stringify(portMappingEnabled)}, only GCP services use port mapping.`,
      param("portMappingEnabled", portMappingEnabled),
    );
  }
  return { providerName, region, portMappingEnabled, supportedRemoteRegions: parseRemoteRegions(body.supportedRemoteRegions) };
}

export function parseUpdateEndpointServiceBody(body: Record<string, unknown>): string[] | null {
  rejectUnknown(body, ["cloudProvider", "supportedRemoteRegions"]);
  requiredString(body, "cloudProvider", /^AWS$/, "AWS");
  return parseRemoteRegions(body.supportedRemoteRegions);
}

function parseRemoteRegions(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > 35 || !value.every((item) => typeof item === "string")) {
    throw new InvalidAttribute(
      "Invalid attribute supportedRemoteRegions specified: expected at most 35 region names.",
      param("supportedRemoteRegions", value),
    );
  }
  return value as string[];
}

/** Optional properties may come back as null (a client echoing a GET body, which sends absent fields as null). */
function present(body: Record<string, unknown>, field: string): boolean {
  return body[field] !== undefined && body[field] !== null;
}

function optionalString(body: Record<string, unknown>, field: string, pattern: RegExp | undefined, allowed: string): string | undefined {
  return present(body, field) ? requiredString(body, field, pattern, allowed) : undefined;
}

function optionalStrings(body: Record<string, unknown>, field: string, min: number, max: number, unique: boolean): string[] | undefined {
  if (!present(body, field)) return undefined;
  const value = body[field];
  const ok =
    Array.isArray(value) &&
    value.length >= min &&
    value.length <= max &&
    value.every((item) => typeof item === "string" && item !== "") &&
    (!unique || new Set(value).size === value.length);
  if (!ok) {
    const shape = `${unique ? "unique " : ""}strings, ${min === max ? min : `${min} to ${max}`} of them`;
    throw new InvalidAttribute(
      `Invalid attribute ${field} specified: ${field}=${JSON.stringify(value)}, expected a list of ${shape}.`,
      param(field, value),
    );
  }
  return value as string[];
}

// Regional mode: privateEndpoint/regionalMode

export function parseRegionalModeBody(body: Record<string, unknown>): boolean {
  rejectUnknown(body, ["enabled"]);
  if (!present(body, "enabled"))
    throw new MissingAttribute("The required attribute enabled was not specified.", param("enabled", "enabled"));
  if (typeof body.enabled !== "boolean") {
    throw new InvalidAttribute(
      `Invalid attribute enabled specified: enabled=${JSON.stringify(body.enabled)}, expected true or false.`,
      param("enabled", body.enabled),
    );
  }
  return body.enabled;
}

// Data Federation / Online Archive private endpoints: privateNetworkSettings/endpointIds

/**
 * The entry id exactly as it arrived in the path: a vpce id, or an Azure private endpoint resource id URL-encoded
 * exactly once (an unencoded one splits the path and reaches no route; a double-encoded one fails the pattern).
 */
export function parseDataFederationEndpointId(raw: string): string {
  if (VPCE_ID.test(raw)) return raw;
  if (AZURE_ENCODED_ID.test(raw)) return decodeURIComponent(raw);
  throw new ValidationError(
    `Path parameter endpointId="${raw}" is not a valid private endpoint id: expected vpce- followed by 17 hexadecimal digits, or an Azure private endpoint resource id URL-encoded once (%2F).`,
    param("endpointId", raw),
  );
}

const IP_ADDRESS = /^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)(\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/;
const REGION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * A `PrivateNetworkEndpointIdEntry` to add (or, for an id already listed, whose comment to change). `status` and
 * `errorMessage` are Atlas's and ignored: a client may send back the entry it read, as Terraform's update does.
 * `region` and `customerEndpointDNSName` each need the other (the spec); an Azure entry may name its region alone
 * (Terraform's Azure acceptance test sends region and customerEndpointIPAddress without a DNS name).
 */
export function parseDataFederationEndpointBody(body: Record<string, unknown>): DataFederationEndpointInput {
  rejectUnknown(body, [
    "endpointId",
    "provider",
    "type",
    "comment",
    "region",
    "customerEndpointDNSName",
    "azureLinkId",
    "customerEndpointIPAddress",
    "status",
    "errorMessage",
  ]);
  const provider = (optionalString(body, "provider", /^(AWS|AZURE)$/, DATA_FEDERATION_PROVIDERS.join(" | ")) ??
    "AWS") as DataFederationProvider;
  optionalString(body, "type", /^DATA_LAKE$/, "DATA_LAKE");
  const endpointId =
    provider === "AWS"
      ? requiredString(body, "endpointId", VPCE_ID, "vpce- followed by 17 hexadecimal digits")
      : requiredString(
          body,
          "endpointId",
          AZURE_ID,
          "/subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
        );
  const region = optionalString(body, "region", REGION_NAME, "a region name such as US_EAST_1");
  const customerEndpointDNSName = optionalString(body, "customerEndpointDNSName", /\S/, "a DNS name");
  if (customerEndpointDNSName !== undefined && region === undefined) {
    throw new MissingAttribute(
      "The required attribute region was not specified: customerEndpointDNSName needs the region of the customer's endpoint.",
      param("region", "region"),
    );
  }
  if (region !== undefined && customerEndpointDNSName === undefined && provider === "AWS") {
    throw new MissingAttribute(
      "The required attribute customerEndpointDNSName was not specified: region needs the customer's endpoint DNS name.",
      param("customerEndpointDNSName", "customerEndpointDNSName"),
    );
  }
  for (const azureOnly of ["azureLinkId", "customerEndpointIPAddress"]) {
    if (provider !== "AZURE" && present(body, azureOnly)) {
      throw new InvalidAttribute(
        `Invalid attribute ${azureOnly} specified: only AZURE entries take ${azureOnly}, this one is ${provider}.`,
        param(azureOnly, body[azureOnly]),
      );
    }
  }
  return {
    endpointId,
    provider,
    comment: optionalString(body, "comment", undefined, "a string"),
    region: region === undefined ? undefined : region.toUpperCase().replace(/-/g, "_"),
    customerEndpointDNSName,
    azureLinkId: optionalString(body, "azureLinkId", /\S/, "the Azure private endpoint connection's link id"),
    customerEndpointIPAddress: optionalString(body, "customerEndpointIPAddress", IP_ADDRESS, "an IPv4 or IPv6 address"),
  };
}

// Stream processing private link connections: streams/privateLinkConnections

const STREAM_INPUT_FIELDS = [
  "provider",
  "vendor",
  "region",
  "arn",
  "serviceEndpointId",
  "dnsDomain",
  "dnsSubDomain",
  "azureResourceIds",
  "gcpServiceAttachmentUris",
  "authenticationScheme",
];
/** Atlas's own fields: accepted in a request (a client may send back what it read) and ignored. */
const STREAM_OUTPUT_FIELDS = [
  "_id",
  "state",
  "errorMessage",
  "interfaceEndpointId",
  "interfaceEndpointName",
  "providerAccountId",
  "links",
  "gcpConnectionIds",
];

/**
 * A `StreamsPrivateLinkConnection` to create: the provider, the vendor (GENERIC when omitted) among those the
 * provider offers, no field of another cloud, and the fields the vendor needs (STREAM_VENDOR_RULES).
 */
export function parseStreamPrivateLinkBody(body: Record<string, unknown>): StreamPrivateLinkInput {
  rejectUnknown(body, [...STREAM_INPUT_FIELDS, ...STREAM_OUTPUT_FIELDS]);
  const provider = requiredString(body, "provider", /^(AWS|AZURE|GCP)$/, STREAM_PROVIDERS.join(" | ")) as StreamProvider;
  const vendors = STREAM_VENDOR_RULES[provider];
  const vendor = optionalString(body, "vendor", /\S/, "a vendor name") ?? DEFAULT_STREAM_VENDOR;
  const rule = vendors[vendor];
  if (!rule) {
    throw new InvalidAttribute(
      `Invalid attribute vendor specified: vendor=${JSON.stringify(vendor)} is not offered for provider ${provider}; allowed: ${Object.keys(vendors).join(", ")}.`,
      param("vendor", vendor),
    );
  }
  const input: StreamPrivateLinkInput = {
    provider,
    vendor,
    region: optionalString(body, "region", /\S/, "a region name"),
    arn: optionalString(body, "arn", /^arn:aws:kafka:[a-z0-9-]+:\d*:/, "an MSK cluster ARN, arn:aws:kafka:<region>:<account>:cluster/..."),
    serviceEndpointId: optionalString(body, "serviceEndpointId", /\S/, "a service endpoint id"),
    dnsDomain: optionalString(body, "dnsDomain", /\S/, "a domain name"),
    dnsSubDomain: optionalStrings(body, "dnsSubDomain", 0, 100, false),
    azureResourceIds: optionalStrings(body, "azureResourceIds", 1, 100, false),
    gcpServiceAttachmentUris: optionalStrings(body, "gcpServiceAttachmentUris", 1, 3, true),
    authenticationScheme: optionalString(body, "authenticationScheme", /^(TLS|SASL_SCRAM|IAM)$/, "TLS | SASL_SCRAM | IAM"),
  };
  const given = (field: StreamField) => input[field] !== undefined;
  for (const [field, owner] of Object.entries(STREAM_FIELD_OWNERS) as [StreamField, StreamProvider][]) {
    if (owner !== provider && given(field)) {
      throw new InvalidAttribute(
        `Invalid attribute ${field} specified: only ${owner} connections take ${field}, this one is ${provider}.`,
        param(field, body[field]),
      );
    }
  }
  for (const field of rule.forbidden ?? []) {
    if (given(field)) {
      throw new InvalidAttribute(
        `Invalid attribute ${field} specified: provider ${provider} with vendor ${vendor} takes no ${field}${field === "region" ? " (Atlas reads it from the arn)" : ""}.`,
        param(field, body[field]),
      );
    }
  }
  for (const field of rule.required) {
    if (!given(field)) {
      throw new MissingAttribute(
        `The required attribute ${field} was not specified: provider ${provider} with vendor ${vendor} needs ${rule.required.join(", ")}.`,
        param(field, field),
      );
    }
  }
  return input;
}

// Paging of list answers (includeCount, itemsPerPage, pageNum)

/**
 * One page of a list, as Atlas shapes it (`links`, `results`, `totalCount` unless includeCount=false). The
 * extract's bounds: itemsPerPage 1 to 500 (default 100), pageNum from 1 (default 1).
 */
export function listPage<T>(results: T[], query: URLSearchParams): { links: unknown[]; results: T[]; totalCount?: number } {
  const number = (name: string, fallback: number, max: number) => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > max)
      throw new ValidationError(
        `Query parameter ${name}=${JSON.stringify(raw)} is not valid: expected an integer from 1 to ${max}.`,
        param(name, raw),
      );
    return value;
  };
  const itemsPerPage = number("itemsPerPage", 100, 500);
  const pageNum = number("pageNum", 1, Number.MAX_SAFE_INTEGER);
  const includeCount = query.get("includeCount");
  if (includeCount !== null && includeCount !== "true" && includeCount !== "false")
    throw new ValidationError(
      `Query parameter includeCount=${JSON.stringify(includeCount)} is not valid: expected true or false.`,
      param("includeCount", includeCount),
    );
  const page = results.slice((pageNum - 1) * itemsPerPage, pageNum * itemsPerPage);
  return includeCount === "false" ? { links: [], results: page } : { links: [], results: page, totalCount: results.length };
}
