import { RECORDED_DIALECT, type Dialect } from "./dialect";
import { DigestAuthenticator } from "./http/auth/digest";
import { TokenRequestLimit } from "./http/auth/token-rate-limit";
import { TokenStore } from "./http/auth/tokens";
import { FaultInjector } from "./http/faults";
import { TokenBucket } from "./http/rate-limiter";
import { RequestLog } from "./http/request-log";
import { AtlasBackend } from "./model/backend";
import type { CloudProvider } from "./model/cloud";
import { Pace } from "./model/pace";
import type { ResolvedOptions } from "./options";
import { SEEDED_CLUSTERS, SEEDED_REGIONS, SEEDED_SHARDED_CLUSTERS, createSeedValues, type SeedValues } from "./seed";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything one running simulator holds; the control API changes it in place. */
export class SimulatorRuntime {
  /**
   * Simulated time: the wall clock plus what the control API advanced it by. Every phase, nonce,
   * token, eventual-consistency window and rate-limit refill reads this one clock, so a test can
   * hold a long phase and then move past it (POST /__simulator/clock) instead of sleeping.
   */
  readonly now = () => Date.now() + this.clockOffsetMs;
  /** Milliseconds the control API moved simulated time ahead of the wall clock; it never goes back. */
  clockOffsetMs = 0;

  /** Set when the server closes: nothing held waits any longer (a held request would keep the process alive). */
  stopped = false;

  /**
   * Resolves once simulated time reaches `at` (true): the wall clock gets it there, or an advance
   * does at once. False when the simulator stopped first.
   */
  async reach(at: number): Promise<boolean> {
    // A short nap per look, so an advance lets go within one of them.
    for (let left = at - this.now(); left > 0; left = at - this.now()) {
      if (this.stopped) return false;
      await sleep(Math.min(left, 20));
    }
    return !this.stopped;
  }
  readonly seedValues: SeedValues;
  readonly pace: Pace;
  readonly backend: AtlasBackend;
  readonly digest: DigestAuthenticator;
  readonly tokens: TokenStore;
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  /**
   * Atlas requests still being handled: one a delay fault holds is still to be carried out (a
   * create answered too late still creates). Tests wait for none before judging what Atlas holds.
   */
  inFlight = 0;
  rateLimiter: TokenBucket | undefined;
  readonly tokenRequestLimit: TokenRequestLimit;
  /** One object, shared with the backend (its model variations), changed in place by the control API. */
  readonly dialect: Dialect;
  /** Writes whose answer dialect.answerLost already lost, so a retry of the same write is answered. */
  private readonly lostAnswers = new Set<string>();
  nonceTtlMs: number;
  tokenTtlSeconds: number;

  constructor(options: ResolvedOptions) {
    this.seedValues = createSeedValues(options.seedValues);
    this.pace = new Pace(options.timeScale, { ...options.delays }, options.jitter);
    this.nonceTtlMs = options.nonceTtlMs;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    this.rateLimiter = options.rateLimit ? new TokenBucket(options.rateLimit, this.now) : undefined;
    this.tokenRequestLimit = new TokenRequestLimit(options.oauthTokensPerMinute, this.now);
    this.dialect = { ...RECORDED_DIALECT, ...options.dialect };
    const patterns = options.missingIdPatterns;
    this.backend = new AtlasBackend(this.now, this.pace, {
      eventualConsistencyMs: options.eventualConsistencyMs,
      unpaidGroups: new Set(options.unpaidGroups),
      missingOnCloud: (cloud: CloudProvider, id: string) => patterns[cloud].test(id),
      variations: this.dialect,
    });
    const seed = this.seedValues;
    this.backend.addGroup(seed.groupId);
    const services = seed.endpointServices;
    this.backend.addAvailableEndpointService(seed.groupId, services.AWS, "AWS", SEEDED_REGIONS.AWS, false);
    this.backend.addAvailableEndpointService(seed.groupId, services.AZURE, "AZURE", SEEDED_REGIONS.AZURE, false);
    this.backend.addAvailableEndpointService(seed.groupId, services.GCP, "GCP", SEEDED_REGIONS.GCP, false);
    this.backend.addAvailableEndpointService(seed.groupId, services.GCP_PORT_MAPPED, "GCP", SEEDED_REGIONS.GCP_PORT_MAPPED, true);
    for (const cluster of SEEDED_CLUSTERS) this.backend.addCluster(seed.groupId, cluster);
    const sharded = seed.shardedProject;
    this.backend.addGroup(sharded.groupId);
    this.backend.addAvailableEndpointService(sharded.groupId, sharded.endpointServices.US_EAST_1, "AWS", "US_EAST_1", false);
    this.backend.addAvailableEndpointService(sharded.groupId, sharded.endpointServices.US_WEST_2, "AWS", "US_WEST_2", false);
    for (const cluster of SEEDED_SHARDED_CLUSTERS) this.backend.addCluster(sharded.groupId, cluster);
    this.digest = new DigestAuthenticator(
      new Map([
        [seed.apiKey.publicKey, { privateKey: seed.apiKey.privateKey, readOnly: false }],
        [seed.readOnlyApiKey.publicKey, { privateKey: seed.readOnlyApiKey.privateKey, readOnly: true }],
      ]),
      () => this.nonceTtlMs,
      this.now,
    );
    this.tokens = new TokenStore(
      new Map([
        [seed.serviceAccount.clientId, { clientSecret: seed.serviceAccount.clientSecret, readOnly: false }],
        [seed.readOnlyServiceAccount.clientId, { clientSecret: seed.readOnlyServiceAccount.clientSecret, readOnly: true }],
      ]),
      () => this.tokenTtlSeconds,
      this.now,
    );
  }

  /** True the first time a write is seen while dialect.answerLost is on. */
  loseAnswerOnce(write: string): boolean {
    if (this.lostAnswers.has(write)) return false;
    this.lostAnswers.add(write);
    return true;
  }

  /** Applies a validated dialect patch; switching answerLost off forgets which answers were lost. */
  setDialect(patch: Partial<Dialect>): void {
    Object.assign(this.dialect, patch);
    if (!this.dialect.answerLost) this.lostAnswers.clear();
  }
}
