import type { z } from "zod";
import { isSuccess, readAnswer, type AtlasAnswer } from "./answer";
import type { Authenticator, RetryAuthorization } from "./authenticator";
import { DigestAuthenticator } from "./digest/digest-authenticator";
import { AtlasApiError } from "./errors/atlas-api-error";
import { AtlasResponseShapeError } from "./errors/atlas-response-shape-error";
import { OAuthAuthenticator } from "./oauth/oauth-authenticator";
import { requestAccessToken } from "./oauth/token-endpoint";
import { TokenSource } from "./oauth/token-source";
import { normalizeOptions, type AtlasClientOptions, type NormalizedOptions } from "./options";
import { CLUSTER_MEDIA_TYPE, clusterPageSchema, clusterSchema, type Cluster } from "./cluster-schemas";
import { regionalModeSchema, type RegionalModeSetting } from "./regional-mode-schemas";
import {
  dataFederationEndpointPageSchema,
  dataFederationEndpointSchema,
  type DataFederationEndpointEntry,
  type DataFederationEndpointRequest,
} from "./data-federation-endpoint-schemas";
import {
  STREAM_PRIVATE_LINK_MEDIA_TYPE,
  streamPrivateLinkPageSchema,
  streamPrivateLinkSchema,
  type CreateStreamPrivateLinkRequest,
  type StreamPrivateLink,
} from "./stream-private-link-schemas";
import {
  clusterPath,
  clustersPath,
  dataFederationEndpointPath,
  dataFederationEndpointsPath,
  endpointPath,
  endpointServiceCreatePath,
  endpointServicePath,
  endpointServiceUpdatePath,
  endpointServicesPath,
  endpointsPath,
  regionalModePath,
  streamPrivateLinkPath,
  streamPrivateLinksPath,
} from "./paths";
import {
  describeIssues,
  endpointServiceSchemas,
  privateEndpointSchemas,
  readApiErrorBody,
  type EndpointService,
  type AtlasEndpoint,
  type Page,
} from "./schemas";
import type { Pacer } from "./pacing/pacer";
import { atlasIdentityKey, pacerFor } from "./pacing/registry";
import { parseRetryAfterMs } from "./retry-timing";
import { sendWithRetries } from "./send-with-retries";
import { createAxiosTransport, type Transport } from "./transport";
import type { CloudProvider } from "../vocabulary/clouds";
import type { EndpointRef, ServiceRef, StreamPrivateLinkRef } from "../vocabulary/refs";
import { realClock } from "../vocabulary/time";
import type { CreateEndpointRequest, CreateEndpointServiceRequest } from "./types";
import { USER_AGENT } from "./version";

export const ATLAS_MEDIA_TYPE = "application/vnd.atlas.2023-01-01+json";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** See AtlasClient.whyNotFound. */
export type NotFoundVerdict =
  | { gone: true; because: "endpoint" | "service" }
  | { gone: false; because: "notAtlas" | "projectNotFound" | "serviceUnreadable"; detail: string };
/** Atlas's largest itemsPerPage for every list read here: one GET for a project with up to 500 clusters, entries or connections. */
const PAGE_SIZE = 500;

/**
 * Typed Atlas Admin API client for private endpoints. Retries (429, 5xx, network, timeouts) happen
 * here, so callers never retry HTTP themselves. Credentials live in private (#) fields only: they
 * do not show in util.inspect, JSON.stringify or any error.
 */
export class AtlasClient {
  readonly #options: Omit<NormalizedOptions, "credentials">;
  readonly #transport: Transport;
  readonly #auth: Authenticator;
  readonly #pacer: Pacer | undefined;
  readonly #sharingKey: string;
  /** Atlas's clock minus this client's, as the last answer's Date header gave it. */
  #atlasClockOffsetMs: number | undefined;

  constructor(options: AtlasClientOptions) {
    const { credentials, ...rest } = normalizeOptions(options);
    this.#options = rest;
    this.#sharingKey = atlasIdentityKey(rest.baseUrl, credentials);
    this.#transport = createAxiosTransport();
    this.#pacer =
      rest.pacing === false
        ? undefined
        : pacerFor(rest.baseUrl, credentials, rest.log, rest.pacing === true ? undefined : rest.pacing, rest.clock);
    switch (credentials.kind) {
      case "apiKey":
        this.#auth = new DigestAuthenticator(rest.baseUrl, credentials.publicKey, credentials.privateKey);
        break;
      case "serviceAccount": {
        const { clientId, clientSecret } = credentials;
        const transport = this.#transport;
        const tokens = new TokenSource(
          rest.baseUrl,
          clientId,
          clientSecret,
          () => requestAccessToken(transport, rest, clientId, clientSecret),
          options.clock ? () => options.clock!.now() : undefined,
        );
        this.#auth = new OAuthAuthenticator(tokens);
        break;
      }
      default: {
        const unknown: never = credentials;
        throw new TypeError(`unknown credentials kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
      }
    }
  }

  /**
   * Which Atlas this client reads and with whose rights (base URL + a hash of the public key or
   * client id): clients with the same key see the same answers, so reads may be shared among them.
   */
  get sharingKey(): string {
    return this.#sharingKey;
  }

  /**
   * Atlas's clock now, as its last answer's `Date` header gave it (whole seconds, so up to a second
   * behind) carried forward on this client's clock; undefined until an answer carried one. Atlas
   * writes the time it created an object into its id, so this tells whether an object was created
   * before or after a moment of this client's, whatever the machine's own clock says.
   */
  atlasNow(): number | undefined {
    const offset = this.#atlasClockOffsetMs;
    return offset === undefined ? undefined : (this.#options.clock ?? realClock).now() + offset;
  }

  /**
   * Registers a cloud-side endpoint with an endpoint service. A 409 means it is already
   * registered; this client does not hide that, operations/create.ts adopts it.
   */
  async createPrivateEndpoint(service: ServiceRef, request: CreateEndpointRequest): Promise<AtlasEndpoint> {
    if (request.cloudProvider !== service.cloudProvider) {
      throw new TypeError(
        `request.cloudProvider must equal service.cloudProvider (value=${JSON.stringify(request.cloudProvider)}, service=${JSON.stringify(service.cloudProvider)})`,
      );
    }
    const { cloudProvider, ...body } = request;
    const path = endpointsPath(service);
    const answer = await this.#send("POST", path, body);
    return this.#parse(privateEndpointSchemas[cloudProvider], answer, "POST", path);
  }

  /** 404 (never created, or deleted) throws an AtlasApiError with status 404: see isAtlasNotFound. */
  async getPrivateEndpoint(ref: EndpointRef): Promise<AtlasEndpoint> {
    const path = endpointPath(ref);
    const answer = await this.#send("GET", path);
    return this.#parse(privateEndpointSchemas[ref.cloudProvider], answer, "GET", path);
  }

  /** Asks Atlas to delete; the endpoint shows DELETING until it is gone (GET answers 404). */
  async deletePrivateEndpoint(ref: EndpointRef): Promise<void> {
    await this.#send("DELETE", endpointPath(ref));
  }

  /**
   * What a 404 for an endpoint means. Only an Atlas error body counts, and only when the endpoint
   * service answers 200 (the endpoint is gone) or 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND (the
   * service went, and its endpoints with it). GROUP_NOT_FOUND, a 404 from something that is not
   * Atlas (a proxy, a wrong path) or a failed service read leave it unknown.
   */
  async whyNotFound(ref: EndpointRef, notFound: AtlasApiError): Promise<NotFoundVerdict> {
    const unknownBecause = (error: AtlasApiError): NotFoundVerdict | undefined => {
      if (!error.fromAtlas) return { gone: false, because: "notAtlas", detail: error.message };
      if (error.errorCode === "GROUP_NOT_FOUND") return { gone: false, because: "projectNotFound", detail: error.message };
      return undefined;
    };
    const first = unknownBecause(notFound);
    if (first) return first;
    try {
      await this.#send("GET", endpointServicePath(ref));
      return { gone: true, because: "endpoint" };
    } catch (error) {
      if (error instanceof AtlasApiError && error.status === 404) {
        const second = unknownBecause(error);
        if (second) return second;
        if (error.errorCode === "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND") return { gone: true, because: "service" };
      }
      return { gone: false, because: "serviceUnreadable", detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Creates an endpoint service (Atlas answers 201, the spec says 200). A 409
   * PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION means the project has one for that cloud and
   * region already; this client does not hide that, the operations layer adopts it.
   */
  async createEndpointService(group: { groupId: string }, request: CreateEndpointServiceRequest): Promise<EndpointService> {
    const path = endpointServiceCreatePath(group);
    const answer = await this.#send("POST", path, request);
    return this.#parse(endpointServiceSchemas[request.providerName], answer, "POST", path);
  }

  /** AWS only: the regions outside the service's own from which endpoints may connect (null: none). */
  async updateEndpointServiceRemoteRegions(service: ServiceRef, supportedRemoteRegions: string[] | null): Promise<EndpointService> {
    const path = endpointServiceUpdatePath(service);
    const answer = await this.#send("PATCH", path, { cloudProvider: service.cloudProvider, supportedRemoteRegions });
    return this.#parse(endpointServiceSchemas[service.cloudProvider], answer, "PATCH", path);
  }

  /** Asks Atlas to delete (it answers 202, the spec says 204); the service shows DELETING until GET answers 404. */
  async deleteEndpointService(service: ServiceRef): Promise<void> {
    await this.#send("DELETE", endpointServicePath(service));
  }

  /**
   * What a 404 for an endpoint service means: gone only when Atlas itself answered (its error body)
   * and not GROUP_NOT_FOUND. No extra request: the service is the top of what a path names here.
   */
  whyServiceNotFound(notFound: AtlasApiError): NotFoundVerdict {
    if (!notFound.fromAtlas) return { gone: false, because: "notAtlas", detail: notFound.message };
    if (notFound.errorCode === "GROUP_NOT_FOUND") return { gone: false, because: "projectNotFound", detail: notFound.message };
    return { gone: true, because: "service" };
  }

  async getEndpointService(service: ServiceRef): Promise<EndpointService> {
    const path = endpointServicePath(service);
    const answer = await this.#send("GET", path);
    return this.#parse(endpointServiceSchemas[service.cloudProvider], answer, "GET", path);
  }

  async listEndpointServices(group: { groupId: string; cloudProvider: CloudProvider }): Promise<EndpointService[]> {
    const path = endpointServicesPath(group);
    const answer = await this.#send("GET", path);
    if (!answer.body.ok || !Array.isArray(answer.body.value)) {
      throw new AtlasResponseShapeError({
        method: "GET",
        path,
        status: answer.status,
        issues: "(body): expected an array of endpoint services",
      });
    }
    const schema = endpointServiceSchemas[group.cloudProvider];
    return answer.body.value.map((item, index) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        throw new AtlasResponseShapeError({
          method: "GET",
          path,
          status: answer.status,
          issues: `[${index}] ${describeIssues(parsed.error)}`,
        });
      }
      return parsed.data;
    });
  }

  /** One cluster (2024-08-05 view). 404 (no such cluster) throws an AtlasApiError with status 404. */
  async getCluster(ref: { groupId: string; clusterName: string }): Promise<Cluster> {
    const path = clusterPath(ref);
    const answer = await this.#send("GET", path, undefined, { mediaType: CLUSTER_MEDIA_TYPE });
    return this.#parse(clusterSchema, answer, "GET", path);
  }

  /** Every cluster of a project, all pages (2024-08-05 view). */
  async listClusters(group: { groupId: string }): Promise<Cluster[]> {
    return this.#allPages(clustersPath(group), clusterPageSchema, { mediaType: CLUSTER_MEDIA_TYPE });
  }

  // ---- Data Federation / Online Archive private endpoints (privateNetworkSettings/endpointIds) ----

  /**
   * Adds an entry to the project's list, or, its id already listed, changes its comment only (the spec: POST is an
   * upsert). Atlas answers 201 with the list's first page, which holds the entry unless the list is longer.
   */
  async createDataFederationEndpoint(
    group: { groupId: string },
    request: DataFederationEndpointRequest,
  ): Promise<DataFederationEndpointEntry[]> {
    const path = dataFederationEndpointsPath(group);
    const answer = await this.#send("POST", path, request);
    return this.#parse(dataFederationEndpointPageSchema, answer, "POST", path).results;
  }

  /** One entry; 404 (never added, or forgotten after a delete) throws an AtlasApiError with status 404. */
  async getDataFederationEndpoint(ref: { groupId: string; endpointId: string }): Promise<DataFederationEndpointEntry> {
    const path = dataFederationEndpointPath(ref);
    const answer = await this.#send("GET", path);
    return this.#parse(dataFederationEndpointSchema, answer, "GET", path);
  }

  /** Every entry of the project, all pages. */
  async listDataFederationEndpoints(group: { groupId: string }): Promise<DataFederationEndpointEntry[]> {
    return this.#allPages(dataFederationEndpointsPath(group), dataFederationEndpointPageSchema);
  }

  /** Asks Atlas to remove the entry (204); it answers DELETING until it is forgotten (GET answers 404). */
  async deleteDataFederationEndpoint(ref: { groupId: string; endpointId: string }): Promise<void> {
    await this.#send("DELETE", dataFederationEndpointPath(ref));
  }

  /**
   * What a 404 for an entry means: as for a service, the entry is the top of what its path names, so it is gone
   * only when Atlas itself answered (its error body) and not GROUP_NOT_FOUND.
   */
  whyDataFederationEndpointNotFound(notFound: AtlasApiError): NotFoundVerdict {
    return this.whyServiceNotFound(notFound);
  }

  // ---- Stream processing private link connections (streams/privateLinkConnections, version 2023-02-01) ----

  /**
   * Creates a connection (Atlas answers 200 with it, IDLE). A 409 means the project has a live
   * connection to the same target; this client does not hide that, the resource adopts it.
   */
  async createStreamPrivateLink(group: { groupId: string }, request: CreateStreamPrivateLinkRequest): Promise<StreamPrivateLink> {
    const path = streamPrivateLinksPath(group);
    const answer = await this.#send("POST", path, request, { mediaType: STREAM_PRIVATE_LINK_MEDIA_TYPE });
    return this.#parse(streamPrivateLinkSchema, answer, "POST", path);
  }

  /** 404 (never created, or deleted) throws an AtlasApiError with status 404: see isAtlasNotFound. */
  async getStreamPrivateLink(ref: StreamPrivateLinkRef): Promise<StreamPrivateLink> {
    const path = streamPrivateLinkPath(ref);
    const answer = await this.#send("GET", path, undefined, { mediaType: STREAM_PRIVATE_LINK_MEDIA_TYPE });
    return this.#parse(streamPrivateLinkSchema, answer, "GET", path);
  }

  /** Every connection of a project, all pages (those being deleted too, until Atlas forgets them). */
  async listStreamPrivateLinks(group: { groupId: string }): Promise<StreamPrivateLink[]> {
    return this.#allPages(streamPrivateLinksPath(group), streamPrivateLinkPageSchema, {
      mediaType: STREAM_PRIVATE_LINK_MEDIA_TYPE,
      includeCount: false,
    });
  }

  /** Asks Atlas to delete (it answers 202); the connection shows DELETE_REQUESTED, DELETING until GET answers 404. */
  async deleteStreamPrivateLink(ref: StreamPrivateLinkRef): Promise<void> {
    await this.#send("DELETE", streamPrivateLinkPath(ref), undefined, { mediaType: STREAM_PRIVATE_LINK_MEDIA_TYPE });
  }

  // ---- Regional mode: the project's regionalized private endpoint setting (privateEndpoint/regionalMode) ----

  /** Whether the project has regionalized private endpoints enabled. */
  async getRegionalMode(group: { groupId: string }): Promise<RegionalModeSetting> {
    const path = regionalModePath(group);
    const answer = await this.#send("GET", path);
    return this.#parse(regionalModeSchema, answer, "GET", path);
  }

  /**
   * Turns the setting on or off (Atlas answers 202 with the setting, also when nothing changes; the
   * spec says 200). Atlas refuses with 409 while the project holds replica sets (enabling) or while
   * endpoints sit in several regions (disabling); this client does not hide that.
   */
  async setRegionalMode(group: { groupId: string }, enabled: boolean): Promise<RegionalModeSetting> {
    const path = regionalModePath(group);
    const answer = await this.#send("PATCH", path, { enabled });
    return this.#parse(regionalModeSchema, answer, "PATCH", path);
  }

  /**
   * One API call: authenticated, retried within the budget; non-2xx becomes AtlasApiError. Each
   * operation speaks one API version, which Atlas reads from Accept (406 for another):
   * `mediaType` names it for the operations not on ATLAS_MEDIA_TYPE.
   */
  async #send(
    method: Method,
    path: string,
    jsonBody?: unknown,
    extra: { mediaType?: string; query?: Record<string, string> } = {},
  ): Promise<AtlasAnswer> {
    const options = this.#options;
    const query = new URLSearchParams(extra.query);
    if (options.envelope) query.set("envelope", "true");
    if (options.pretty) query.set("pretty", "true");
    const queryText = query.size > 0 ? `?${query.toString()}` : "";
    // The digest `uri` must be the request-target exactly as sent; let URL normalize once and use that.
    const url = new URL(options.baseUrl + path + queryText);
    const uri = url.pathname + url.search;
    const body = jsonBody === undefined ? undefined : JSON.stringify(jsonBody);
    const headers: Record<string, string> = { Accept: extra.mediaType ?? ATLAS_MEDIA_TYPE, "User-Agent": USER_AGENT };
    if (body !== undefined) headers["Content-Type"] = "application/json";

    const until = options.waitOutRateLimitsUntil;
    const clock = options.clock ?? realClock;
    const waitOutRateLimitsForMs = until === undefined ? undefined : Math.max(0, until - clock.now());
    const { response, attempts, elapsedMs, earlierAttemptMayHaveTakenEffect } = await sendWithRetries(
      { method, path, options, pacer: this.#pacer, waitOutRateLimitsForMs, clock: options.clock },
      () => this.#exchangeAuthenticated({ method, path, url: url.href, uri, headers, body }),
    );
    const dated = Date.parse(response.headers.date ?? "");
    if (Number.isFinite(dated)) this.#atlasClockOffsetMs = dated - clock.now();
    if (isSuccess(response.status)) return response;
    const error = readApiErrorBody(response.body.ok ? response.body.value : undefined);
    const retryAfterMs = parseRetryAfterMs(response.headers["retry-after"], clock.now());
    const mayHaveTakenEffect = earlierAttemptMayHaveTakenEffect || response.status >= 500;
    const fromAtlas = error.error === response.status && error.errorCode !== undefined;
    throw new AtlasApiError({
      method,
      path,
      status: response.status,
      ...omitUndefined({ ...error, retryAfterMs }),
      attempts,
      elapsedMs,
      mayHaveTakenEffect,
      fromAtlas,
    });
  }

  /** Sends once, plus once more after a 401 that brought a fresh challenge or token (twice before any challenge is known). */
  async #exchangeAuthenticated(request: {
    method: Method;
    path: string;
    url: string;
    uri: string;
    headers: Record<string, string>;
    body?: string;
  }): Promise<AtlasAnswer> {
    let rejectedCredentials = 0;
    let retry: RetryAuthorization | undefined;
    // At most: unauthenticated (no challenge yet), signed, re-signed after one more challenge.
    for (let sends = 1; ; sends++) {
      const authorization = retry ? retry.authorization : await this.#auth.authorize(request.method, request.uri);
      const response = await this.#transport({
        method: request.method,
        url: request.url,
        headers: authorization === undefined ? request.headers : { ...request.headers, Authorization: authorization },
        body: request.body,
        timeoutMs: this.#options.requestTimeoutMs,
      });
      if (retry && response.status !== 401) retry.answered();
      retry = undefined;
      if (response.status === 401) {
        if (authorization !== undefined) rejectedCredentials++;
        const recovery =
          rejectedCredentials <= 1 && sends < 3 ? await this.#auth.recover(response, authorization, request.method, request.uri) : false;
        if (recovery) {
          if (typeof recovery === "object") retry = recovery;
          if (authorization !== undefined) {
            this.#options.log(
              `${request.method} ${request.path} answered 401; retrying once with ${this.#auth instanceof DigestAuthenticator ? "the new digest challenge" : "a new access token"}`,
            );
          }
          continue;
        }
      }
      return readAnswer(response, this.#options.envelope);
    }
  }

  /**
   * Every item of a paginated list (`results`, `totalCount`): a short page is the last, and so is a full one that
   * reaches the count Atlas gave (it may leave the count out). `includeCount`: asked for where the spec lists it.
   */
  async #allPages<T>(
    path: string,
    pageSchema: z.ZodType<Page<T>>,
    { mediaType, includeCount = true }: { mediaType?: string; includeCount?: boolean } = {},
  ): Promise<T[]> {
    const items: T[] = [];
    for (let pageNum = 1; ; pageNum++) {
      const query = { itemsPerPage: String(PAGE_SIZE), pageNum: String(pageNum), ...(includeCount ? { includeCount: "true" } : {}) };
      const page = this.#parse(pageSchema, await this.#send("GET", path, undefined, { mediaType, query }), "GET", path);
      items.push(...page.results);
      if (page.results.length < PAGE_SIZE || (page.totalCount !== undefined && items.length >= page.totalCount)) return items;
    }
  }

  #parse<S extends z.ZodType>(schema: S, answer: AtlasAnswer, method: Method, path: string): z.output<S> {
    if (!answer.body.ok) throw new AtlasResponseShapeError({ method, path, status: answer.status, issues: "(body): not JSON" });
    const parsed = schema.safeParse(answer.body.value);
    if (!parsed.success) throw new AtlasResponseShapeError({ method, path, status: answer.status, issues: describeIssues(parsed.error) });
    return parsed.data;
  }
}

function omitUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
