import type { CloudProvider } from "./model/cloud";
import { DEFAULT_DELAYS, type TransitionDelays } from "./model/pace";
import type { SeedValues } from "./seed";
import type { Dialect } from "./dialect";

/** Atlas's token bucket: `capacity` requests, `refillRate` tokens back every `refillIntervalSeconds`. */
export type RateLimitOptions = { capacity: number; refillRate: number; refillIntervalSeconds: number };

/** Which cloud-side ids the simulator pretends do not exist (Atlas accepts them, then fails). */
export type MissingIdPatterns = Record<CloudProvider, RegExp>;

export type SimulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies every simulated delay (transitions, eventual consistency). Default 1. */
  timeScale?: number;
  /** Transition delays in ms at time scale 1; see TransitionDelays for the names. */
  delays?: Partial<TransitionDelays>;
  /** 0.5 = each transition delay randomized by ±50%. Default 0. */
  jitter?: number;
  /** How long a digest nonce stays fresh (real ms, not scaled). Default 300000. */
  nonceTtlMs?: number;
  /** OAuth access-token lifetime (real seconds, not scaled). Default 3600. */
  tokenTtlSeconds?: number;
  /** Token bucket applied to authenticated /api requests; undefined (default) = off. */
  rateLimit?: RateLimitOptions;
  /** GET of a just-created endpoint answers 404 for this long (simulated ms). Default 0 = off. */
  eventualConsistencyMs?: number;
  /** Group ids that answer 402 NO_PAYMENT_INFORMATION_FOUND on endpoint create. */
  unpaidGroups?: string[];
  /** Override per cloud; matched against the AWS id, the Azure resource id, and GCP group and rule names. */
  missingIdPatterns?: Partial<MissingIdPatterns>;
  /** Reuse ids and credentials, e.g. when a test restarts the simulator on the same port. */
  seedValues?: Partial<SeedValues>;
  /** Variations of what Atlas answers; unset fields keep the recorded dialect (see dialect.ts). */
  dialect?: Partial<Dialect>;
  /** Token requests per client per minute at /api/oauth/token; null = unlimited. Default 50, as Atlas. */
  oauthTokensPerMinute?: number | null;
};

export const DEFAULT_MISSING_ID_PATTERNS: MissingIdPatterns = {
  AWS: /^vpce-0+$/,
  AZURE: /\/privateEndpoints\/[^/]*missing[^/]*$/i,
  GCP: /missing/i,
};

export type ResolvedOptions = Required<
  Omit<SimulatorOptions, "rateLimit" | "delays" | "missingIdPatterns" | "seedValues" | "dialect" | "oauthTokensPerMinute">
> & {
  dialect: Partial<Dialect>;
  oauthTokensPerMinute: number | null;
  rateLimit: RateLimitOptions | undefined;
  delays: TransitionDelays;
  missingIdPatterns: MissingIdPatterns;
  seedValues: Partial<SeedValues>;
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    timeScale: options.timeScale ?? 1,
    delays: { ...DEFAULT_DELAYS, ...options.delays },
    jitter: options.jitter ?? 0,
    nonceTtlMs: options.nonceTtlMs ?? 300_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    rateLimit: options.rateLimit,
    eventualConsistencyMs: options.eventualConsistencyMs ?? 0,
    unpaidGroups: options.unpaidGroups ?? [],
    missingIdPatterns: { ...DEFAULT_MISSING_ID_PATTERNS, ...options.missingIdPatterns },
    seedValues: options.seedValues ?? {},
    dialect: options.dialect ?? {},
    oauthTokensPerMinute: options.oauthTokensPerMinute === undefined ? 50 : options.oauthTokensPerMinute,
  };
}
