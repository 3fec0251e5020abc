import axios from "axios";
import type { Harness } from "./provider-harness";
import { AUTH_HEADER_TEXT, describeForScan } from "./secret-scan";

const realCreate = axios.create;

/**
 * Remembers every secret that crossed the wire in a test file (bearer tokens, digest responses,
 * the Basic header of token requests) by wrapping each axios instance the client builds, and
 * collects every text the provider produced (results, errors incl. util.inspect, progress lines,
 * stderr) so one scan can look for those secrets and for the seeded credentials.
 */
export interface WireSecrets {
  /** Bearer tokens seen on the wire so far (to revoke them, and to scan for them). */
  readonly bearerTokens: Set<string>;
  /** Every secret seen on the wire: tokens, digest responses, Basic credentials. */
  readonly secrets: Set<string>;
  /** Every text the provider produced in this file so far. */
  texts(): string[];
  /** Texts holding a credential, a wire secret or an auth header name. */
  leaks(texts?: string[]): string[];
}

export function useWireSecrets(harness: Harness): WireSecrets {
  const bearerTokens = new Set<string>();
  const secrets = new Set<string>();
  const printed: string[] = [];

  const remember = (authorization: unknown) => {
    if (typeof authorization !== "string") return;
    const bearer = /^Bearer\s+(\S+)/i.exec(authorization);
    if (bearer) {
      bearerTokens.add(bearer[1]!);
      secrets.add(bearer[1]!);
    }
    const basic = /^Basic\s+(\S+)/i.exec(authorization);
    if (basic) secrets.add(basic[1]!);
    const response = /\bresponse="([^"]+)"/.exec(authorization);
    if (response) secrets.add(response[1]!);
  };

  beforeEach(() => {
    jest.spyOn(axios, "create").mockImplementation((config) => {
      const instance = realCreate(config);
      instance.interceptors.request.use((request) => {
        remember(request.headers?.get?.("Authorization") ?? request.headers?.Authorization);
        return request;
      });
      return instance;
    });
    const write = process.stderr.write.bind(process.stderr);
    jest.spyOn(process.stderr, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write);
  });

  afterEach(() => {
    // Progress lines are reset per test by the harness; keep them for the file-wide scan.
    printed.push(...harness.progress);
  });

  const credentials = () => {
    const seed = harness.seed;
    return [
      seed.apiKey.publicKey,
      seed.apiKey.privateKey,
      seed.readOnlyApiKey.publicKey,
      seed.readOnlyApiKey.privateKey,
      seed.serviceAccount.clientId,
      seed.serviceAccount.clientSecret,
      seed.readOnlyServiceAccount.clientId,
      seed.readOnlyServiceAccount.clientSecret,
    ];
  };

  return {
    bearerTokens,
    secrets,
    texts: () => [...harness.seen.flatMap(describeForScan), ...printed],
    leaks: (texts) => {
      const needles = [...credentials(), ...secrets];
      return (texts ?? [...harness.seen.flatMap(describeForScan), ...printed]).filter(
        (text) => needles.some((needle) => text.includes(needle)) || AUTH_HEADER_TEXT.test(text),
      );
    },
  };
}
