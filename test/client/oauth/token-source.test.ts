import { TokenSource, refreshAt } from "../../../provider/client/oauth/token-source";

describe("refreshAt", () => {
  it("refreshes a minute before expiry for ordinary tokens", () => {
    expect(refreshAt(1_000, 3600)).toBe(1_000 + 3_600_000 - 60_000);
  });

  it("refreshes a tenth of the lifetime early for short-lived tokens", () => {
    expect(refreshAt(0, 10)).toBe(9_000);
    expect(refreshAt(0, 0)).toBe(0);
  });
});

describe("TokenSource", () => {
  let now = 0;
  const clock = () => now;
  let unique = 0;
  const baseUrl = () => `http://token-source.test/${++unique}`;

  it("fetches once for concurrent callers and caches until shortly before expiry", async () => {
    let fetches = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source = new TokenSource(
      baseUrl(),
      "id",
      "secret",
      async () => {
        fetches++;
        await gate;
        return { accessToken: `token-${fetches}`, expiresInSeconds: 100 };
      },
      clock,
    );
    now = 0;
    const pending = Promise.all([source.get(), source.get(), source.get()]);
    release();
    expect(await pending).toEqual(["token-1", "token-1", "token-1"]);
    now = 89_999;
    expect(await source.get()).toBe("token-1");
    now = 90_000;
    expect(await source.get()).toBe("token-2");
    expect(fetches).toBe(2);
  });

  it("shares tokens between sources with the same base URL, client id and secret only", async () => {
    const url = baseUrl();
    let fetches = 0;
    const fetchToken = async () => ({ accessToken: `t${++fetches}`, expiresInSeconds: 3600 });
    now = 0;
    const a = await new TokenSource(url, "id", "secret", fetchToken, clock).get();
    const b = await new TokenSource(url, "id", "secret", fetchToken, clock).get();
    const otherSecret = await new TokenSource(url, "id", "rotated", fetchToken, clock).get();
    const otherId = await new TokenSource(url, "id2", "secret", fetchToken, clock).get();
    expect([a, b, otherSecret, otherId]).toEqual(["t1", "t1", "t2", "t3"]);
  });

  it("drops a rejected token but not a newer one that replaced it", async () => {
    let fetches = 0;
    const source = new TokenSource(
      baseUrl(),
      "id",
      "secret",
      async () => ({ accessToken: `t${++fetches}`, expiresInSeconds: 3600 }),
      clock,
    );
    now = 0;
    expect(await source.get()).toBe("t1");
    source.invalidate("t1");
    expect(await source.get()).toBe("t2");
    source.invalidate("t1"); // a late 401 for the old token
    expect(await source.get()).toBe("t2");
  });

  it("lets the next caller retry after a failed fetch", async () => {
    let fetches = 0;
    const source = new TokenSource(
      baseUrl(),
      "id",
      "secret",
      async () => {
        fetches++;
        if (fetches === 1) throw new Error("token endpoint down");
        return { accessToken: "ok", expiresInSeconds: 3600 };
      },
      clock,
    );
    await expect(source.get()).rejects.toThrow("token endpoint down");
    expect(await source.get()).toBe("ok");
  });
});
