/**
 * The resources the provider plugin serves: one entry per kind, each naming the same lifecycle module
 * its dynamic resource runs (so both packagings share one set of operations) and the vocabulary the
 * schema is built from. A new resource is one more entry here; nothing else in plugin/ names a kind.
 */
import * as privateEndpointLifecycle from "../lifecycle";
import { PRIVATE_ENDPOINT_DESCRIPTION, PRIVATE_ENDPOINT_PROPERTIES, type PropertySpec } from "../vocabulary/properties";

/** The operations every kind exports, with the signatures of provider/lifecycle.ts. */
export type KindLifecycle = Pick<typeof privateEndpointLifecycle, "check" | "configure" | "create" | "diff" | "read" | "remove" | "update">;

export interface ResourceKind {
  /** The type name in the token `atlas-private-endpoint:index:<typeName>`. */
  typeName: string;
  description: string;
  lifecycle: KindLifecycle;
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
    idFormat: "<groupId>:<AWS|AZURE|GCP>:<endpointServiceId>:<endpointId>",
  },
  // EndpointService (issue 19) plugs in here: one entry naming ../endpoint-service-lifecycle and its vocabulary.
];
