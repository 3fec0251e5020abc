/**
 * Time as every layer measures and writes it: the one clock (injectable, so tests wait in
 * milliseconds or on a fake clock) and the durations users write in `timeouts`.
 */

/** Injectable time. `now()` is epoch milliseconds, so deadlines can be handed between layers. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Epoch milliseconds that never jump back (performance.now from the process's time origin): a
 * wall-clock step (NTP, a laptop's sleep) must not stretch or cut a wait or a retry budget.
 */
export const realClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Durations for `timeouts.create` / `timeouts.delete`: a number of seconds, or a Go-style
 * duration string ("45m", "1h30m", "90s", "1.5h", "500ms"). Terraform users write the strings;
 * YAML users often write plain numbers.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export type DurationInput = string | number;

export const DURATION_HELP = 'a duration such as "45m", "1h30m" or "90s", or a number of seconds';

/** Milliseconds, or undefined when the value is not a positive duration. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value * 1_000 : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return parseDurationMs(Number(text));
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return total > 0 ? total : undefined;
}

/** "1h 5m 3s" style text for messages and progress lines. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(1))}s`;
  const totalSeconds = Math.round(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  return [hours ? `${hours}h` : "", minutes ? `${minutes}m` : "", seconds ? `${seconds}s` : ""].filter(Boolean).join(" ");
}

/** How long a resource waits before giving up. Not a change to anything in Atlas. */
export interface Timeouts {
  /** Wait for the resource to be ready after a create, e.g. "45m" or a number of seconds. Default "60m". */
  create?: DurationInput;
  /** Wait for Atlas to forget the resource after a delete. Default "30m". */
  delete?: DurationInput;
}

/** Defaults for `timeouts`; never scaled by PULUMI_ATLAS_PE_TIME_SCALE (they are the user's). */
export const DEFAULT_TIMEOUTS_MS = { create: 60 * 60_000, delete: 30 * 60_000 } as const;

export function timeoutMs(timeouts: Timeouts | undefined, which: keyof Timeouts): number {
  return parseDurationMs(timeouts?.[which]) ?? DEFAULT_TIMEOUTS_MS[which];
}

/** Recorded timeouts as a record holds them (any shape a past version wrote). */
export function recordedTimeouts(value: unknown): Timeouts | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { create, delete: remove } = value as Record<string, unknown>;
  const duration = (part: unknown) => (typeof part === "string" || typeof part === "number" ? part : undefined);
  return { create: duration(create), delete: duration(remove) };
}

/** "45m" and 2700 are the same timeout: compared as durations, so a spelling change is no change. */
export function sameTimeouts(a: unknown, b: unknown): boolean {
  const ms = (value: unknown, key: keyof Timeouts) => {
    const raw = recordedTimeouts(value)?.[key];
    return raw === undefined ? undefined : (parseDurationMs(raw) ?? raw);
  };
  return ms(a, "create") === ms(b, "create") && ms(a, "delete") === ms(b, "delete");
}
