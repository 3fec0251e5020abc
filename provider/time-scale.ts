/**
 * PULUMI_ATLAS_PE_TIME_SCALE multiplies every internal delay of the provider (poll intervals, the
 * grace period for a 404 right after a create). It is a knob for tests and benchmarks that run the
 * simulator fast; user-supplied `timeouts` are never scaled. Read at call time, never captured.
 */
export const TIME_SCALE_ENV = "PULUMI_ATLAS_PE_TIME_SCALE";

export function timeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[TIME_SCALE_ENV];
  if (raw === undefined || raw.trim() === "") return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${TIME_SCALE_ENV} must be a positive number, got value="${raw}"`);
  }
  return value;
}

/** Internal delays that the time scale multiplies. */
export const PROVIDER_DELAYS = {
  /** Atlas may answer 404 for a few seconds after it accepted a create (eventual consistency). */
  notFoundAfterCreateGraceMs: 30_000,
  /**
   * The grace lasts at least this many looks, however long they take: a process stalled by a
   * loaded machine (or a laptop's sleep) must not call an endpoint gone on one late look.
   */
  notFoundAfterCreateMinLooks: 3,
} as const;
