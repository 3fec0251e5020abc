/**
 * The resources the provider plugin serves: one entry per kind, each naming the same lifecycle module
 * its dynamic resource runs (so both packagings share one set of operations) and the vocabulary the
 * schema is built from. A new resource is one more entry here; nothing else in plugin/ names a kind.
 */
import type { CheckResult, ConfigureRequest, CreateResult, DiffResult, ReadResult, UpdateResult } from "@pulumi/pulumi/dynamic";
import * as endpointServiceLifecycle from "../endpoint-service-lifecycle";
import * as privateEndpointLifecycle from "../lifecycle";
import {
  ENDPOINT_SERVICE_DESCRIPTION,
  ENDPOINT_SERVICE_PROPERTIES,
  PRIVATE_ENDPOINT_DESCRIPTION,
  PRIVATE_ENDPOINT_PROPERTIES,
  type PropertySpec,
} from "../vocabulary/properties";

type Props = Record<string, unknown>;

/** The operations every kind's lifecycle module exports, with the signatures of provider/lifecycle.ts. */
export interface KindLifecycle {
  configure(request: ConfigureRequest): void;
  check(olds: Props, news: Props): CheckResult;
  diff(id: string, olds: Props, news: Props): DiffResult;
  create(props: Props): Promise<CreateResult<object>>;
  read(id: string, props: Props): Promise<ReadResult<object>>;
  update(id: string, olds: Props, news: Props): Promise<UpdateResult<object>>;
  remove(id: string, props: Props): Promise<void>;
}

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
  {
    typeName: "EndpointService",
    description: ENDPOINT_SERVICE_DESCRIPTION,
    lifecycle: endpointServiceLifecycle,
    properties: ENDPOINT_SERVICE_PROPERTIES,
    idFormat: "<groupId>:<AWS|AZURE|GCP>:<endpointServiceId>",
  },
];
