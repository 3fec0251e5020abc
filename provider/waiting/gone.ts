import {
  AtlasClientError,
  isAtlasNotFound,
  type AtlasApiError,
  type AtlasClient,
  type EndpointRef,
  type NotFoundVerdict,
  type ServiceRef,
} from "../client";
import { CONFIG_KEYS, ENV_KEYS } from "../host/connection";
import { reportProgress } from "../host/stderr";
import { describeEndpoint, describeService } from "../vocabulary/ids";

/** A 404 that is not Atlas saying this endpoint is gone: the stack must keep the endpoint. */
export class NotConfirmedGone extends AtlasClientError {
  override name = "NotConfirmedGone";
}

/**
 * Resolves when Atlas said the endpoint is gone (see AtlasClient.whyNotFound); throws
 * NotConfirmedGone, saying what to check, when the 404 could mean something else.
 */
export async function confirmGone(client: AtlasClient, ref: EndpointRef, notFound: unknown): Promise<void> {
  if (!isAtlasNotFound(notFound)) throw notFound;
  const error = notFound as AtlasApiError;
  const verdict = await client.whyNotFound(ref, error);
  const what = describeEndpoint(ref);
  if (verdict.gone) {
    if (verdict.because === "service")
      reportProgress(`${what}: its endpoint service ${ref.endpointServiceId} is gone from Atlas, and the endpoint with it`);
    return;
  }
  throwNotGone(verdict, what, ref, error);
}

/**
 * The same rule for an endpoint service: only Atlas's own 404 for the service (not GROUP_NOT_FOUND,
 * not a proxy's 404) says it is gone. Resolves when it is; throws NotConfirmedGone otherwise.
 */
export function confirmServiceGone(client: AtlasClient, service: ServiceRef, notFound: unknown): void {
  if (!isAtlasNotFound(notFound)) throw notFound;
  const error = notFound as AtlasApiError;
  const verdict = client.whyServiceNotFound(error);
  if (verdict.gone) return;
  throwNotGone(verdict, describeService(service), service, error);
}

function throwNotGone(verdict: Extract<NotFoundVerdict, { gone: false }>, what: string, ref: ServiceRef, error: AtlasApiError): never {
  const request = { method: error.method, path: error.path };
  switch (verdict.because) {
    case "notAtlas":
      throw new NotConfirmedGone(
        `${verdict.detail}, without an Atlas error body, so it is not taken to mean that ${what} is gone: something other than Atlas answered ` +
          `(a proxy, or a base URL with a path). Check ${CONFIG_KEYS.baseUrl} / ${ENV_KEYS.baseUrl.join("/")} (the Atlas origin only, e.g. https://cloud.mongodb.com) and any proxy in between`,
        request,
      );
    case "projectNotFound":
      throw new NotConfirmedGone(
        `${verdict.detail}: project groupId="${ref.groupId}" does not exist or these credentials cannot see it, so whether ${what} is gone is not known. ` +
          "Check groupId and that the API key or service account has access to the project. If the project was deleted (its endpoints went with it), " +
          "remove this resource from the stack with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists the URNs)",
        request,
      );
    case "serviceUnreadable":
      throw new NotConfirmedGone(
        `${error.message}, but reading its endpoint service ${ref.endpointServiceId} did not confirm it is gone (${verdict.detail}). ` +
          `Check that endpoint service ${ref.endpointServiceId} exists in project groupId="${ref.groupId}"`,
        request,
      );
    default:
      return verdict.because satisfies never;
  }
}
