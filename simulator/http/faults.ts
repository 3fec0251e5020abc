/** Test-only faults, set through POST /__simulator/faults, consumed by matching requests. */
export type FaultSpec = {
  method?: string;
  /** A regular expression tested against the raw request path (no query). */
  pathPattern?: string;
  status?: number;
  errorCode?: string;
  /** Sent as Retry-After with the status (e.g. 429 or 503). */
  retryAfterSeconds?: number;
  dropConnection?: boolean;
  /**
   * Hold the request this long on the simulator's clock, then go on (answer, or carry it out): an
   * advance of the clock lets go at once. Carried out even when its client has given up meanwhile.
   */
  delayMs?: number;
  count: number;
};

type ArmedFault = FaultSpec & { id: number; remaining: number; pattern: RegExp | undefined };

export class FaultInjector {
  private faults: ArmedFault[] = [];
  private nextId = 1;

  /** Returns an error message naming the offending field, or the armed fault's id. */
  add(input: unknown): { id: number } | { error: string } {
    if (typeof input !== "object" || input === null) return { error: "body must be a JSON object" };
    const spec = input as Record<string, unknown>;
    const count = spec.count;
    if (!Number.isInteger(count) || (count as number) < 1)
      return { error: `count must be a positive integer, got count=${JSON.stringify(count)}` };
    if (spec.method !== undefined && typeof spec.method !== "string") return { error: "method must be a string" };
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || (spec.status as number) < 100 || (spec.status as number) > 599)) {
      return { error: `status must be an HTTP status code, got status=${JSON.stringify(spec.status)}` };
    }
    if (spec.delayMs !== undefined && (typeof spec.delayMs !== "number" || spec.delayMs < 0))
      return { error: "delayMs must be a non-negative number" };
    if (spec.status === undefined && !spec.dropConnection && spec.delayMs === undefined) {
      return { error: "a fault needs at least one of status, dropConnection, delayMs" };
    }
    let pattern: RegExp | undefined;
    if (spec.pathPattern !== undefined) {
      try {
        pattern = new RegExp(String(spec.pathPattern));
      } catch {
        return { error: `pathPattern is not a valid regular expression: pathPattern=${JSON.stringify(spec.pathPattern)}` };
      }
    }
    const id = this.nextId++;
    this.faults.push({ ...(spec as FaultSpec), id, remaining: count as number, pattern });
    return { id };
  }

  /** The first armed fault matching this request, consuming one of its uses. */
  take(method: string, rawPath: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        (candidate.pattern === undefined || candidate.pattern.test(rawPath)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }
}
