/**
 * The pace of every simulated transition, set in one place. Delays are in milliseconds at
 * time scale 1; the effective delay is `delay * timeScale`, randomized by ±jitter.
 */
export type TransitionDelays = {
  /** AWS: PENDING_ACCEPTANCE -> PENDING (or -> REJECTED when the vpce id is missing on the cloud side). */
  awsPendingAcceptanceMs: number;
  /** AWS: PENDING -> AVAILABLE. */
  awsPendingMs: number;
  /** Azure: INITIATING -> AVAILABLE (or -> FAILED). */
  azureInitiatingMs: number;
  /** GCP: INITIATING -> VERIFIED (or -> FAILED). */
  gcpInitiatingMs: number;
  /** GCP: VERIFIED -> AVAILABLE; forwarding rules become AVAILABLE one by one within this span. */
  gcpVerifiedMs: number;
  /** Any endpoint or endpoint service: DELETING -> gone (GET answers 404). */
  deletingMs: number;
  /** A newly created endpoint service: INITIATING -> AVAILABLE. */
  endpointServiceInitiatingMs: number;
  /** A cluster applying an endpoint that became AVAILABLE, or was deleted: UPDATING -> IDLE. */
  clusterUpdateMs: number;
};

export const DEFAULT_DELAYS: TransitionDelays = {
  awsPendingAcceptanceMs: 3000,
  awsPendingMs: 4000,
  azureInitiatingMs: 6000,
  gcpInitiatingMs: 3000,
  gcpVerifiedMs: 4000,
  deletingMs: 3000,
  endpointServiceInitiatingMs: 5000,
  clusterUpdateMs: 8000,
};

export type DelayName = keyof TransitionDelays;
export const DELAY_NAMES = Object.keys(DEFAULT_DELAYS) as DelayName[];

export class Pace {
  constructor(
    public timeScale: number,
    public delays: TransitionDelays,
    /** 0.5 = each delay drawn uniformly from [0.5, 1.5] x its nominal value. */
    public jitter: number,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Phase lengths (ms at time scale 1, never jittered) fixed per endpoint id ahead of its create:
   * a benchmark replays the same transitions for every poll schedule it compares.
   */
  readonly endpointDelays = new Map<string, Partial<TransitionDelays>>();

  /** Effective wall-clock milliseconds for one transition, drawn once when it is scheduled. */
  durationOf(name: DelayName, endpointId?: string): number {
    const replayed = endpointId === undefined ? undefined : this.endpointDelays.get(endpointId)?.[name];
    if (replayed !== undefined) return Math.max(0, Math.round(replayed * this.timeScale));
    const spread = this.jitter === 0 ? 1 : 1 + this.jitter * (2 * this.random() - 1);
    return Math.max(0, Math.round(this.delays[name] * this.timeScale * spread));
  }

  /** Simulated windows that are not transitions (eventual consistency) scale but never jitter. */
  scaled(ms: number): number {
    return Math.round(ms * this.timeScale);
  }
}
