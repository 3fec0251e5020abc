/**
 * The resources the provider plugin serves: one entry per kind, each naming the same lifecycle module
 * its dynamic resource runs (so both packagings share one set of operations) and the vocabulary the
 * schema is built from. A new resource is one more entry here; nothing else in plugin/ names a kind.
 */
import * as dataFederationEndpointLifecycle from "../data-federation-endpoint-lifecycle";
import * as endpointServiceLifecycle from "../endpoint-service-lifecycle";
import * as privateEndpointLifecycle from "../lifecycle";
import * as regionalModeLifecycle from "../regional-mode-lifecycle";
import { ID_FORMAT as SERVICE_ID_FORMAT } from "../endpoint-service/ids";
import { ENDPOINT_SERVICE_DESCRIPTION, ENDPOINT_SERVICE_PROPERTIES } from "../endpoint-service/properties";
import { ID_FORMAT as ENDPOINT_ID_FORMAT } from "../private-endpoint/ids";
import { PRIVATE_ENDPOINT_DESCRIPTION, PRIVATE_ENDPOINT_PROPERTIES } from "../private-endpoint/properties";
import { ID_FORMAT as DATA_FEDERATION_ID_FORMAT } from "../data-federation-endpoint/ids";
import { DATA_FEDERATION_ENDPOINT_DESCRIPTION, DATA_FEDERATION_ENDPOINT_PROPERTIES } from "../data-federation-endpoint/properties";
import * as streamPrivateLinkLifecycle from "../stream-private-link-lifecycle";
import { ID_FORMAT as STREAM_LINK_ID_FORMAT } from "../stream-private-link/ids";
import { STREAM_PRIVATE_LINK_DESCRIPTION, STREAM_PRIVATE_LINK_PROPERTIES } from "../stream-private-link/properties";
import { ID_FORMAT as REGIONAL_MODE_ID_FORMAT } from "../regional-mode/ids";
import { REGIONAL_MODE_DESCRIPTION, REGIONAL_MODE_PROPERTIES } from "../regional-mode/properties";
import type { Lifecycle } from "../operations/lifecycle";
import type { Lookup } from "../operations/lookup";
import { lookups as endpointServiceLookups } from "../endpoint-service/lookup";
import { lookups as privateEndpointLookups } from "../private-endpoint/lookup";
import { lookups as dataFederationEndpointLookups } from "../data-federation-endpoint/lookup";
import { lookups as streamPrivateLinkLookups } from "../stream-private-link/lookup";
import { lookups as regionalModeLookups } from "../regional-mode/lookup";
import type { PropertySpec } from "../vocabulary/properties";

export interface ResourceKind {
  /** The type name in the token `atlas-private-endpoint:index:<typeName>`. */
  typeName: string;
  description: string;
  /** The lifecycle its stable require path exports: the very operations its dynamic resource runs. */
  lifecycle: Lifecycle<object>;
  properties: Readonly<Record<string, PropertySpec>>;
  /** How `pulumi import` names one (shown in errors and docs). */
  idFormat: string;
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  {
    typeName: "PrivateEndpoint",
    description: PRIVATE_ENDPOINT_DESCRIPTION,
    lifecycle: privateEndpointLifecycle,
    properties: PRIVATE_ENDPOINT_PROPERTIES,
    idFormat: ENDPOINT_ID_FORMAT,
  },
  {
    typeName: "EndpointService",
    description: ENDPOINT_SERVICE_DESCRIPTION,
    lifecycle: endpointServiceLifecycle,
    properties: ENDPOINT_SERVICE_PROPERTIES,
    idFormat: SERVICE_ID_FORMAT,
  },
  {
    typeName: "DataFederationEndpoint",
    description: DATA_FEDERATION_ENDPOINT_DESCRIPTION,
    lifecycle: dataFederationEndpointLifecycle,
    properties: DATA_FEDERATION_ENDPOINT_PROPERTIES,
    idFormat: DATA_FEDERATION_ID_FORMAT,
  },
  {
    typeName: "StreamPrivateLink",
    description: STREAM_PRIVATE_LINK_DESCRIPTION,
    lifecycle: streamPrivateLinkLifecycle,
    properties: STREAM_PRIVATE_LINK_PROPERTIES,
    idFormat: STREAM_LINK_ID_FORMAT,
  },
  {
    typeName: "RegionalMode",
    description: REGIONAL_MODE_DESCRIPTION,
    lifecycle: regionalModeLifecycle,
    properties: REGIONAL_MODE_PROPERTIES,
    idFormat: REGIONAL_MODE_ID_FORMAT,
  },
];

/** The look-ups the plugin serves as functions (`fn::invoke`), every resource folder's: one line per folder. */
export const LOOKUPS: readonly Lookup[] = [
  ...endpointServiceLookups,
  ...privateEndpointLookups,
  ...dataFederationEndpointLookups,
  ...streamPrivateLinkLookups,
  ...regionalModeLookups,
];
