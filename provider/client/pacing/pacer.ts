import type { Clock } from "../../vocabulary/time";

/**
 * Client-side pacing shared by every request to one Atlas (AWS SDKs' "adaptive" retry mode, in
 * AIMD form). Unlimited until Atlas refuses a request (429); then every request waits for
 * a turn: nobody sends before the refusal's Retry-After has passed, and afterwards requests go out
 * at a rate cut to a fraction of what Atlas was accepting, growing slowly while Atlas accepts.
 * RateLimit-Limit / RateLimit-Remaining, when Atlas sends them, steer the rate before any 429:
 * they describe the bucket every process and tool using this project spends, so processes that
 * never talk to each other all read the same signal. Below a quarter full the rate is cut (and
 * pacing starts) once per second, as with a refusal but gentler; below half it is held; at half
 * or more it grows, fast. Everyone eases off together while the shared bucket empties, and the
 * bucket's last quarter is left as the margin that absorbs their bursts.
 * Pure timing over an injected clock: no I/O of its own.
 */

export interface PacerSettings {
  /** The rate after a refusal: this times what Atlas accepted over the last window. */
  decreaseFactor: number;
  /** Gentler cut when Atlas reports an empty bucket without refusing yet. */
  emptyBucketFactor: number;
  /** While Atlas accepts, the rate grows by this fraction per second of paced sending... */
  growthPerSecond: number;
  /** ...plus this many requests per second, per second (so a low rate recovers in seconds). */
  additiveGrowthPerSecond: number;
  /** Refusals closer together than this are one overload: the rate is cut once for them. */
  minDecreaseIntervalMs: number;
  /** Growth per second while RateLimit-Remaining shows the bucket at least half full. */
  fastGrowthPerSecond: number;
  /** Never slower than this (requests per second). */
  minRatePerSecond: number;
  /** Accepted answers are counted over this window to measure what Atlas lets through. */
  measureWindowMs: number;
  /** Pacing ends after this long without a refusal (or a nearly empty bucket). */
  liftAfterMs: number;
  /** A refusal without Retry-After blocks for this, doubled per consecutive refusal, up to the cap. */
  refusalBaseDelayMs: number;
  refusalMaxDelayMs: number;
  /** RateLimit-Remaining at or below this share of RateLimit-Limit counts as nearly empty: pacing starts, the rate is not grown. */
  lowRemainingShare: number;
  /** At or below this share the rate is also cut by emptyBucketFactor (once per minDecreaseIntervalMs). */
  easeRemainingShare: number;
  /** Below this share (and above the low one) the rate is held: the bucket is emptying. */
  holdBelowShare: number;
}

export const DEFAULT_PACER_SETTINGS: Readonly<PacerSettings> = {
  decreaseFactor: 0.7,
  emptyBucketFactor: 0.8,
  growthPerSecond: 0.05,
  additiveGrowthPerSecond: 0.5,
  minDecreaseIntervalMs: 1_000,
  fastGrowthPerSecond: 0.5,
  // Low enough that several processes at the floor stay below a small bucket's refill (three at
  // 1 per second kept a 2 per second bucket refusing every third request).
  minRatePerSecond: 0.2,
  measureWindowMs: 2_000,
  liftAfterMs: 30_000,
  refusalBaseDelayMs: 1_000,
  refusalMaxDelayMs: 30_000,
  lowRemainingShare: 0.25,
  easeRemainingShare: 0.25,
  holdBelowShare: 0.5,
};

/**
 * The pacer before it steered by RateLimit-Remaining ahead of refusals (nearly empty at 15 %, a
 * cut only at 0, growth at any level above that, never below 1 request per second): the benchmark's baseline, never the provider's.
 */
export const REFUSAL_DRIVEN_PACER_SETTINGS: Partial<PacerSettings> = {
  minRatePerSecond: 1,
  emptyBucketFactor: 0.9,
  lowRemainingShare: 0.15,
  easeRemainingShare: 0,
  holdBelowShare: 0,
};

/** What the pacer needs to know of one answer. */
export interface PacedAnswer {
  status: number;
  retryAfterMs?: number;
  /** RateLimit-Limit and RateLimit-Remaining, when sent. */
  limit?: number;
  remaining?: number;
}

/** Rate limiting only: a 503 is an outage, retried by the caller, not a signal to slow everyone. */
export const isRefusalStatus = (status: number): boolean => status === 429;

export class Pacer {
  readonly #clock: Clock;
  readonly #settings: PacerSettings;
  readonly #log: (line: string) => void;
  readonly #name: string;
  /** Requests per second; Infinity while not pacing. */
  #rate = Infinity;
  #nextSlotAt = -Infinity;
  #blockedUntil = -Infinity;
  #lastDecreaseAt = -Infinity;
  /** The last gentle cut for an empty bucket: kept apart, so it never hides a refusal's cut. */
  #lastEaseAt = -Infinity;
  #lastGrowthAt = -Infinity;
  #lastPressureAt = -Infinity;
  #consecutiveRefusals = 0;
  /** Bumped whenever reserved turns become stale (a new block or a lower rate). */
  #epoch = 0;
  #accepted: number[] = [];
  #refusals = 0;

  constructor(options: { name: string; clock: Clock; log?: (line: string) => void; settings?: Partial<PacerSettings> }) {
    this.#name = options.name;
    this.#clock = options.clock;
    this.#log = options.log ?? (() => undefined);
    this.#settings = { ...DEFAULT_PACER_SETTINGS, ...options.settings };
  }

  /** Requests per second now, Infinity when not pacing. */
  get rate(): number {
    return this.#rate;
  }

  /** Refusals seen in this process. */
  get refusals(): number {
    return this.#refusals;
  }

  /** Waits for this request's turn; resolves with the moment it may be sent (pass it to `record`). */
  async turn(): Promise<number> {
    for (;;) {
      const now = this.#clock.now();
      const slot = Math.max(now, this.#blockedUntil, this.#nextSlotAt);
      if (Number.isFinite(this.#rate)) this.#nextSlotAt = slot + 1000 / this.#rate;
      if (slot <= now) return now;
      const epoch = this.#epoch;
      await this.#clock.sleep(slot - now);
      // A refusal while asleep may have moved every turn: take a new one, in wake-up order.
      if (this.#epoch === epoch) return this.#clock.now();
    }
  }

  /** Tells the pacer how Atlas answered a request sent at `sentAt` (from `turn`). */
  record(sentAt: number, answer: PacedAnswer): void {
    const now = this.#clock.now();
    const s = this.#settings;
    if (isRefusalStatus(answer.status)) {
      this.#refusals += 1;
      this.#lastPressureAt = now;
      this.#consecutiveRefusals += 1;
      const blockMs = answer.retryAfterMs ?? Math.min(s.refusalMaxDelayMs, s.refusalBaseDelayMs * 2 ** (this.#consecutiveRefusals - 1));
      const wasPacing = Number.isFinite(this.#rate);
      // A new block (the last one had ended) or a cut in rate is a change worth a line; echoes are not.
      let changed = this.#blockedUntil <= now;
      if (now + blockMs > this.#blockedUntil) {
        this.#blockedUntil = now + blockMs;
        this.#nextSlotAt = this.#blockedUntil;
        this.#epoch += 1;
      }
      // Answers to requests sent before the last cut are echoes of the same overload.
      if (sentAt >= this.#lastDecreaseAt && now - this.#lastDecreaseAt >= s.minDecreaseIntervalMs) {
        const base = Math.min(this.#rate, Math.max(this.#acceptedPerSecond(now), s.minRatePerSecond));
        this.#rate = Math.max(s.minRatePerSecond, base * s.decreaseFactor);
        this.#lastDecreaseAt = now;
        this.#lastGrowthAt = this.#blockedUntil;
        changed = true;
      }
      if (changed) {
        this.#log(
          `Atlas at ${this.#name} ${wasPacing ? "refused again" : "is rate limiting"} (${answer.status}${answer.retryAfterMs !== undefined ? `, Retry-After ${seconds(answer.retryAfterMs)}` : ""}): ` +
            `every request to it waits ${seconds(blockMs)}, then goes at about ${perSecond(this.#rate)}`,
        );
      }
      return;
    }
    if (answer.status >= 200 && answer.status < 500) this.#accept(now);
    this.#consecutiveRefusals = 0;
    const known = answer.limit !== undefined && answer.remaining !== undefined && answer.limit > 0;
    const atOrBelow = (share: number) => known && answer.remaining! <= Math.max(0, Math.floor(answer.limit! * share));
    const nearlyEmpty = atOrBelow(s.lowRemainingShare);
    if (nearlyEmpty) {
      this.#lastPressureAt = now;
      if (!Number.isFinite(this.#rate)) {
        // Atlas has not refused yet, but its bucket is about to run dry: pace before it does.
        this.#rate = Math.max(s.minRatePerSecond, this.#acceptedPerSecond(now));
        this.#lastDecreaseAt = now;
        this.#lastGrowthAt = now;
        this.#log(
          `Atlas at ${this.#name} reports ${answer.remaining} of ${answer.limit} requests left: pacing every request to it at about ${perSecond(this.#rate)}`,
        );
      } else if (
        atOrBelow(s.easeRemainingShare) &&
        sentAt >= Math.max(this.#lastDecreaseAt, this.#lastEaseAt) &&
        now - Math.max(this.#lastDecreaseAt, this.#lastEaseAt) >= s.minDecreaseIntervalMs
      ) {
        this.#rate = Math.max(s.minRatePerSecond, this.#rate * s.emptyBucketFactor);
        this.#lastEaseAt = now;
        this.#epoch += 1;
        this.#nextSlotAt = Math.min(this.#nextSlotAt, now + 1000 / this.#rate);
      }
      this.#lastGrowthAt = now;
      return;
    }
    if (!Number.isFinite(this.#rate)) return;
    if (known && answer.remaining! < answer.limit! * s.holdBelowShare) {
      // The shared bucket is emptying: hold the rate, and keep pacing on.
      this.#lastPressureAt = now;
      this.#lastGrowthAt = now;
      return;
    }
    if (now - this.#lastPressureAt >= s.liftAfterMs) {
      this.#rate = Infinity;
      this.#nextSlotAt = -Infinity;
      this.#log(`Atlas at ${this.#name} has not refused a request for ${seconds(s.liftAfterMs)}: requests to it go at full speed again`);
      return;
    }
    const growth = known && answer.remaining! >= answer.limit! / 2 ? s.fastGrowthPerSecond : s.growthPerSecond;
    const dtSeconds = Math.min(1, Math.max(0, now - this.#lastGrowthAt) / 1000);
    this.#rate += (this.#rate * growth + s.additiveGrowthPerSecond) * dtSeconds;
    this.#lastGrowthAt = now;
  }

  #accept(now: number): void {
    this.#accepted.push(now);
    const from = now - this.#settings.measureWindowMs;
    let drop = 0;
    while (drop < this.#accepted.length && this.#accepted[drop]! < from) drop++;
    if (drop > 0) this.#accepted.splice(0, drop);
  }

  #acceptedPerSecond(now: number): number {
    const from = now - this.#settings.measureWindowMs;
    return this.#accepted.filter((at) => at >= from).length / (this.#settings.measureWindowMs / 1000);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const perSecond = (rate: number) => `${rate < 10 ? rate.toFixed(1) : Math.round(rate)} requests per second`;
