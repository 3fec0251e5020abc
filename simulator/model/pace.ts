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
  /** Any endpoint, endpoint service, Data Federation entry or stream link: DELETING -> gone (GET answers 404). */
  deletingMs: number;
  /** A newly created endpoint service: INITIATING -> AVAILABLE. */
  endpointServiceInitiatingMs: number;
  /**
   * A cluster applying an endpoint that became AVAILABLE, or was deleted, or a change of the project's regional
   * mode: UPDATING -> IDLE.
   */
  clusterUpdateMs: number;
  /** A Data Federation / Online Archive private endpoint entry: PENDING -> OK (or -> FAILED). */
  dataFederationPendingMs: number;
  /** A stream processing private link connection: IDLE -> WORKING. */
  streamLinkIdleMs: number;
  /** A stream processing private link connection: WORKING -> DONE (or -> FAILED), when its interface endpoint exists. */
  streamLinkWorkingMs: number;
  /** A deleted stream processing private link connection: DELETE_REQUESTED -> DELETING (then `deletingMs` to the 404). */
  streamLinkDeleteRequestedMs: number;
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
  dataFederationPendingMs: 4000,
  streamLinkIdleMs: 2000,
  streamLinkWorkingMs: 8000,
  streamLinkDeleteRequestedMs: 2000,
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
