import { SecretScan } from "./secret-scan";

describe("SecretScan (the tool the suite's secret checks rely on)", () => {
  it("flags a known secret inside an error message", async () => {
    const scan = new SecretScan();
    await scan.rejection(Promise.reject(new Error("failed with key s3cr3t-value")));
    expect(() => scan.expectClean(["s3cr3t-value"])).toThrow();
  });

  it("flags a secret in a log line, an Authorization-like value or a digest response", () => {
    const leaks = [
      "retry with s3cr3t-value",
      'Digest username="pub", response="0123456789abcdef0123456789abcdef"',
      "Bearer abcdefghijklmnopqrstuvwxyz012345",
      "header Authorization was set",
    ];
    for (const line of leaks) {
      const scan = new SecretScan();
      scan.log(line);
      expect(() => scan.expectClean(["s3cr3t-value"])).toThrow();
    }
  });

  it("flags an error that carries an axios-style config or cause, even with a clean message", () => {
    const scan = new SecretScan();
    scan.record(Object.assign(new Error("clean"), { config: {} }));
    expect(() => scan.expectClean([])).toThrow();
  });

  it("flags a secret hidden in an error property that the message does not show", () => {
    const scan = new SecretScan();
    scan.record(Object.assign(new Error("clean"), { detail: { nested: ["s3cr3t-value"] } }));
    expect(() => scan.expectClean(["s3cr3t-value"])).toThrow();
  });

  it("passes ordinary Atlas messages", () => {
    const scan = new SecretScan();
    scan.log("GET /api/atlas/v2/groups/x answered 401; retrying once with the new digest challenge");
    scan.record(new Error("Atlas answered 401 UNAUTHORIZED for GET /x: Digest authentication failed: wrong digest."));
    expect(() => scan.expectClean(["s3cr3t-value"])).not.toThrow();
  });
});
