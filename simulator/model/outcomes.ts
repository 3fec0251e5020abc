/** The kinds of entity whose end a test can decide before they are created. */
export type OutcomeKind = "dataFederationEndpoint" | "streamPrivateLink";

/**
 * How the next created entity of a kind ends instead of its normal sequence: FAILED with a message, or held in its
 * pending phase for good (PENDING for a Data Federation entry, WORKING for a stream private link).
 */
export type Outcome = { status: "FAILED" | "HELD"; errorMessage: string | undefined };

/** Outcomes armed by a test (POST /__simulator/<kind>/next), each used by one create, in order. */
export class NextOutcomes {
  private readonly queues = new Map<OutcomeKind, Outcome[]>();

  arm(kind: OutcomeKind, outcome: Outcome, count: number): number {
    const queue = this.queues.get(kind) ?? [];
    for (let index = 0; index < count; index++) queue.push(outcome);
    this.queues.set(kind, queue);
    return queue.length;
  }

  take(kind: OutcomeKind): Outcome | undefined {
    return this.queues.get(kind)?.shift();
  }

  pending(kind: OutcomeKind): number {
    return this.queues.get(kind)?.length ?? 0;
  }

  clear(kind: OutcomeKind): void {
    this.queues.delete(kind);
  }
}
