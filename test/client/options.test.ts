import { DEFAULT_RETRY, normalizeOptions } from "../../provider/client/options";

const apiKey = { kind: "apiKey" as const, publicKey: "pub", privateKey: "priv-SECRET" };

describe("normalizeOptions", () => {
  it("fills documented defaults", () => {
    const options = normalizeOptions({ credentials: apiKey });
    expect(options).toMatchObject({
      baseUrl: "https://cloud.mongodb.com",
      retry: { maxAttempts: 8, maxElapsedMs: 120_000, baseDelayMs: 250, maxDelayMs: 15_000 },
      requestTimeoutMs: 30_000,
      envelope: false,
      pretty: false,
    });
    expect(() => options.log("line")).not.toThrow();
  });

  it("merges a partial retry object over the defaults, ignoring undefined fields", () => {
    expect(normalizeOptions({ credentials: apiKey, retry: { maxAttempts: 3, baseDelayMs: undefined } }).retry).toEqual({
      ...DEFAULT_RETRY,
      maxAttempts: 3,
    });
  });

  it("drops a trailing slash from baseUrl and keeps a path prefix", () => {
    expect(normalizeOptions({ credentials: apiKey, baseUrl: "https://cloud.mongodbgov.com/" }).baseUrl).toBe(
      "https://cloud.mongodbgov.com",
    );
    expect(normalizeOptions({ credentials: apiKey, baseUrl: "http://127.0.0.1:8080/atlas/" }).baseUrl).toBe("http://127.0.0.1:8080/atlas");
  });

  it("rejects a baseUrl that is not http(s), or carries user info or a query", () => {
    expect(() => normalizeOptions({ credentials: apiKey, baseUrl: "cloud.mongodb.com" })).toThrow(
      /baseUrl must be an absolute http\(s\) URL \(value="cloud.mongodb.com"\)/,
    );
    expect(() => normalizeOptions({ credentials: apiKey, baseUrl: "ftp://x" })).toThrow(/baseUrl must use http or https/);
    expect(() => normalizeOptions({ credentials: apiKey, baseUrl: "https://u:p@x" })).toThrow(/must not contain user info/);
  });

  it("names the field and value of a bad retry or timeout setting", () => {
    expect(() => normalizeOptions({ credentials: apiKey, retry: { maxAttempts: 0 } })).toThrow(
      "AtlasClientOptions.retry.maxAttempts must be an integer >= 1 (value=0)",
    );
    expect(() => normalizeOptions({ credentials: apiKey, requestTimeoutMs: 1.5 })).toThrow(
      "AtlasClientOptions.requestTimeoutMs must be an integer >= 1 (value=1.5)",
    );
  });

  it("names a missing credential field without echoing any credential value", () => {
    const attempt = () => normalizeOptions({ credentials: { ...apiKey, privateKey: "" } });
    expect(attempt).toThrow("AtlasClientOptions.credentials.privateKey must be a non-empty string");
    expect(() =>
      normalizeOptions({ credentials: { kind: "serviceAccount", clientId: "id", clientSecret: 42 as unknown as string } }),
    ).toThrow("AtlasClientOptions.credentials.clientSecret must be a non-empty string");
    expect(() => normalizeOptions({ credentials: { kind: "password" } as never })).toThrow(
      'credentials.kind must be "apiKey" or "serviceAccount" (value="password")',
    );
    expect(() => normalizeOptions({} as never)).toThrow("AtlasClientOptions.credentials is required");
  });
});
