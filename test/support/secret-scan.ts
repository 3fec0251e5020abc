import { inspect } from "node:util";

/**
 * Collects every error and log line a test file produces, so its last test can assert that no
 * secret appears in any of them.
 */
export class SecretScan {
  private readonly texts: string[] = [];
  private readonly errors: unknown[] = [];
  readonly logLines: string[] = [];

  /** Pass as AtlasClientOptions.log. */
  readonly log = (line: string): void => {
    this.logLines.push(line);
    this.texts.push(line);
  };

  /** Awaits a promise expected to reject, records the error and returns it. */
  async rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      this.record(error);
      return error as Error;
    }
    throw new Error("expected the call to fail, but it succeeded");
  }

  record(error: unknown): void {
    this.errors.push(error);
    const e = error as Error;
    this.texts.push(String(error), e?.stack ?? "", inspect(error, { depth: 10, showHidden: true }));
    try {
      this.texts.push(JSON.stringify(error));
    } catch {
      // circular: inspect above covers it
    }
  }

  get errorCount(): number {
    return this.errors.length;
  }

  /** Fails naming the kind of leak and where, without printing the secret itself. */
  expectClean(secrets: string[]): void {
    const leaks: string[] = [];
    const known = secrets.filter((s) => s.length >= 6);
    this.texts.forEach((text, index) => {
      known.forEach((secret, secretIndex) => {
        if (text.includes(secret)) leaks.push(`text #${index} contains secret #${secretIndex}`);
      });
      if (/\bDigest\s+[\w*]+\s*=|\bBearer\s+[A-Za-z0-9._~+/-]{20,}|\bBasic\s+[A-Za-z0-9+/]{12,}/.test(text)) {
        leaks.push(`text #${index} contains credentials after an auth scheme`);
      }
      if (/\bresponse="?[0-9a-f]{32}/i.test(text)) leaks.push(`text #${index} contains a digest response value`);
      if (/authorization/i.test(text)) leaks.push(`text #${index} mentions an Authorization header`);
    });
    for (const error of this.errors) {
      for (const key of ["config", "request", "response", "cause", "headers"]) {
        if (error !== null && typeof error === "object" && key in error) leaks.push(`an error carries a "${key}" property`);
      }
    }
    expect(leaks).toEqual([]);
  }
}
