import { configure, resolveConnection } from "../../../provider/host/connection";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

afterEach(() => configure(config({})));

describe("resolveConnection", () => {
  test("uses API keys from stack config with the @pulumi/mongodbatlas key names", () => {
    configure(
      config({ "mongodbatlas:publicKey": "pub", "mongodbatlas:privateKey": "priv", "mongodbatlas:baseUrl": "http://127.0.0.1:9/" }),
    );
    expect(resolveConnection({})).toEqual({
      credentials: { kind: "apiKey", publicKey: "pub", privateKey: "priv" },
      baseUrl: "http://127.0.0.1:9",
    });
  });

  test("prefers a service account when a source holds both kinds", () => {
    configure(
      config({
        "mongodbatlas:publicKey": "pub",
        "mongodbatlas:privateKey": "priv",
        "mongodbatlas:clientId": "id",
        "mongodbatlas:clientSecret": "secret",
      }),
    );
    expect(resolveConnection({}).credentials).toEqual({ kind: "serviceAccount", clientId: "id", clientSecret: "secret" });
  });

  test("stack config wins over env, and the two are never merged", () => {
    configure(config({ "mongodbatlas:clientId": "id", "mongodbatlas:clientSecret": "secret" }));
    const env = { MONGODB_ATLAS_PUBLIC_API_KEY: "envpub", MONGODB_ATLAS_PRIVATE_API_KEY: "envpriv", MONGODB_ATLAS_BASE_URL: "http://env" };
    expect(resolveConnection(env)).toEqual({
      credentials: { kind: "serviceAccount", clientId: "id", clientSecret: "secret" },
      baseUrl: "http://env",
    });
  });

  test.each([
    [{ MONGODB_ATLAS_PUBLIC_API_KEY: "a", MONGODB_ATLAS_PRIVATE_API_KEY: "b" }],
    [{ MONGODB_ATLAS_PUBLIC_KEY: "a", MONGODB_ATLAS_PRIVATE_KEY: "b" }],
    [{ MCLI_PUBLIC_API_KEY: "a", MCLI_PRIVATE_API_KEY: "b" }],
  ])("reads API keys from env %j", (env) => {
    expect(resolveConnection(env).credentials).toEqual({ kind: "apiKey", publicKey: "a", privateKey: "b" });
  });

  test("reads a service account and MCLI_OPS_MANAGER_URL from env", () => {
    expect(
      resolveConnection({ MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: "s", MCLI_OPS_MANAGER_URL: "http://ops" }),
    ).toEqual({
      credentials: { kind: "serviceAccount", clientId: "id", clientSecret: "s" },
      baseUrl: "http://ops",
    });
  });

  test("treats empty variables as unset", () => {
    expect(() => resolveConnection({ MONGODB_ATLAS_PUBLIC_API_KEY: "", MONGODB_ATLAS_PRIVATE_API_KEY: "" })).toThrow(
      /No Atlas credentials found/,
    );
  });

  test("without credentials throws one message listing every option", () => {
    expect(() => resolveConnection({})).toThrow(
      expect.objectContaining({
        name: "MissingCredentialsError",
        message: expect.stringMatching(
          /mongodbatlas:publicKey.*mongodbatlas:privateKey.*mongodbatlas:clientId.*mongodbatlas:clientSecret.*MONGODB_ATLAS_PUBLIC_API_KEY\/MONGODB_ATLAS_PUBLIC_KEY\/MCLI_PUBLIC_API_KEY.*MONGODB_ATLAS_PRIVATE_API_KEY\/MONGODB_ATLAS_PRIVATE_KEY\/MCLI_PRIVATE_API_KEY.*MONGODB_ATLAS_CLIENT_ID.*MONGODB_ATLAS_CLIENT_SECRET.*mongodbatlas:baseUrl.*MONGODB_ATLAS_BASE_URL\/MCLI_OPS_MANAGER_URL/,
        ),
      }),
    );
  });

  test("half a credential names the missing half, never the value present", () => {
    let message = "";
    try {
      resolveConnection({ MONGODB_ATLAS_PUBLIC_API_KEY: "pub-value-xyz" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Atlas credentials in environment variables are incomplete: privateKey is missing/);
    expect(message).not.toContain("pub-value-xyz");
  });
});
