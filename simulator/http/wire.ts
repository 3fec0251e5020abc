import { CLOUD_PROVIDERS, isCloudProvider, type CloudProvider } from "../model/cloud";
import { InvalidAttribute, InvalidJson, MissingAttribute, PathParamParseError, ValidationError } from "../model/errors";
import type { CreateEndpointServiceInput } from "../model/backend";
import type { CreateEndpointInput, ForwardingRuleInput } from "../model/private-endpoint";

/** Wire-format parsing and validation, with the patterns from the Atlas OpenAPI spec. */
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
