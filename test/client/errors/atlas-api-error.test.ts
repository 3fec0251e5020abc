import { AtlasApiError, isAtlasNotFound } from "../../../provider/client/errors/atlas-api-error";
import { AtlasClientError } from "../../../provider/client/errors/atlas-client-error";
import { AtlasNetworkError } from "../../../provider/client/errors/atlas-network-error";

const path = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/privateEndpoint/AWS/endpointService/5f0d1a2b3c4d5e6f7a8b9c0d/endpoint";

describe("AtlasApiError", () => {
  it("reads well in pulumi output: status, errorCode, method, path, detail", () => {
    const error = new AtlasApiError({
      method: "POST",
      path,
      status: 404,
      errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
      detail: "No endpoint service 5f0d.",
      reason: "Not Found",
    });
    expect(error.message).toBe(`Atlas answered 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND for POST ${path}: No endpoint service 5f0d.`);
    expect(error).toBeInstanceOf(AtlasClientError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AtlasApiError");
    expect(error).toMatchObject({
      status: 404,
      errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
      reason: "Not Found",
      method: "POST",
      path,
    });
  });

  it("falls back to the reason when there is no errorCode or detail", () => {
    expect(new AtlasApiError({ method: "GET", path: "/x", status: 502, reason: "Bad Gateway" }).message).toBe(
      "Atlas answered 502 Bad Gateway for GET /x",
    );
    expect(new AtlasApiError({ method: "GET", path: "/x", status: 418 }).message).toBe("Atlas answered 418 for GET /x");
  });

  it("says how long it tried when retries were spent", () => {
    const error = new AtlasApiError({
      method: "GET",
      path: "/x",
      status: 503,
      errorCode: "SERVICE_UNAVAILABLE",
      attempts: 8,
      elapsedMs: 12_345,
    });
    expect(error.message).toBe("Atlas answered 503 SERVICE_UNAVAILABLE for GET /x (after 8 attempts over 12 s)");
  });
});

describe("isAtlasNotFound", () => {
  it("is true only for an AtlasApiError with status 404", () => {
    expect(isAtlasNotFound(new AtlasApiError({ method: "GET", path: "/x", status: 404 }))).toBe(true);
    expect(isAtlasNotFound(new AtlasApiError({ method: "GET", path: "/x", status: 400 }))).toBe(false);
    expect(isAtlasNotFound(new AtlasNetworkError({ method: "GET", path: "/x", attempts: 1, elapsedMs: 0 }))).toBe(false);
    expect(isAtlasNotFound(Object.assign(new Error("x"), { status: 404 }))).toBe(false);
    expect(isAtlasNotFound(undefined)).toBe(false);
  });
});
