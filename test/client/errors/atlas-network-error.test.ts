import { AtlasNetworkError } from "../../../provider/client/errors/atlas-network-error";
import { AtlasTimeoutError } from "../../../provider/client/errors/atlas-timeout-error";

describe("AtlasNetworkError", () => {
  it("says what was tried and for how long", () => {
    const error = new AtlasNetworkError({
      method: "DELETE",
      path: "/api/x",
      attempts: 8,
      elapsedMs: 2_500,
      code: "ECONNRESET",
      gaveUpBecause: "all 8 attempts used",
    });
    expect(error.message).toBe("Could not reach Atlas for DELETE /api/x (ECONNRESET): 8 attempts over 2.5 s, all 8 attempts used");
    expect(error).toMatchObject({
      name: "AtlasNetworkError",
      attempts: 8,
      elapsedMs: 2_500,
      code: "ECONNRESET",
      method: "DELETE",
      path: "/api/x",
    });
  });
});

describe("AtlasTimeoutError", () => {
  it("is a network error that names the per-request timeout", () => {
    const error = new AtlasTimeoutError({
      method: "GET",
      path: "/api/x",
      attempts: 1,
      elapsedMs: 30_000,
      code: "ETIMEDOUT",
      requestTimeoutMs: 30_000,
    });
    expect(error).toBeInstanceOf(AtlasNetworkError);
    expect(error.name).toBe("AtlasTimeoutError");
    expect(error.message).toBe("Atlas did not answer within 30000 ms for GET /api/x (ETIMEDOUT): 1 attempt over 30 s");
  });
});
