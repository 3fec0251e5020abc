import type { Observation } from "../../../provider/waiting/status-table";
import { UNTIL_READY } from "../../../provider/waiting/status-table";
import { waitFor } from "../../../provider/waiting/wait";
import { fakeClock } from "../../support/fake-clock";

const seen = (label: string, phase: Observation["phase"] = "pending"): { value: string; observation: Observation } => ({
  value: label,
  observation: phase === "failed" ? { phase, label, failure: `failed: ${label}` } : { phase, label },
});

describe("waitFor", () => {
  test("polls until a target phase and reports each status change once with its elapsed time", async () => {
    const clock = fakeClock();
    const answers = [seen("PENDING"), seen("PENDING"), seen("AVAILABLE", "ready")];
    const changes: string[] = [];
    const outcome = await waitFor({
      spec: UNTIL_READY,
      initial: seen("PENDING_ACCEPTANCE"),
      poll: async () => answers.shift()!,
      timeoutMs: 60_000,
      clock,
      timeScale: 1,
      onStatusChange: ({ from, to, phase, elapsedMs }) => changes.push(`${from ?? "-"}>${to}:${phase}@${elapsedMs}`),
    });
    expect(outcome).toMatchObject({ kind: "reached", value: "AVAILABLE", polls: 3 });
    expect(changes).toEqual(["->PENDING_ACCEPTANCE:pending@0", "PENDING_ACCEPTANCE>PENDING:pending@2000", "PENDING>AVAILABLE:ready@6000"]);
  });

  test("stops at a failure phase without further polls", async () => {
    const poll = jest.fn(async () => seen("REJECTED", "failed"));
    const outcome = await waitFor({ spec: UNTIL_READY, poll, timeoutMs: 60_000, clock: fakeClock(), timeScale: 1 });
    expect(outcome).toMatchObject({ kind: "failed", observation: { failure: "failed: REJECTED" } });
    expect(poll).toHaveBeenCalledTimes(1);
  });

  test("gives up at the deadline after one last look, sleeping no further than the deadline", async () => {
    const clock = fakeClock();
    const poll = jest.fn(async () => seen("PENDING"));
    const outcome = await waitFor({ spec: UNTIL_READY, poll, timeoutMs: 20_000, clock, timeScale: 1 });
    expect(outcome).toMatchObject({ kind: "timedOut", value: "PENDING", elapsedMs: 20_000 });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  test("a status seen at the deadline itself still counts", async () => {
    const clock = fakeClock();
    const poll = jest.fn(async () => (clock.now() >= 3_000 ? seen("AVAILABLE", "ready") : seen("PENDING")));
    const outcome = await waitFor({ spec: UNTIL_READY, poll, timeoutMs: 3_000, clock, timeScale: 1 });
    expect(outcome.kind).toBe("reached");
  });

  test("the time scale shrinks poll delays but not the timeout", async () => {
    const clock = fakeClock();
    const outcome = await waitFor({ spec: UNTIL_READY, poll: async () => seen("PENDING"), timeoutMs: 1_000, clock, timeScale: 0.01 });
    expect(outcome.kind).toBe("timedOut");
    expect(clock.sleeps[0]).toBe(20);
    // 1 s at scale 0.01 is 100 s of schedule: about 13 polls (a scaled timeout would allow 1).
    expect(outcome.polls).toBeGreaterThan(10);
  });

  test("a scaled wait polls the same sequence as an unscaled one, each delay scaled", async () => {
    const sleepsAt = async (timeScale: number) => {
      const clock = fakeClock();
      let polls = 0;
      const poll = async () => (++polls === 4 ? seen("PENDING") : polls >= 12 ? seen("AVAILABLE", "ready") : seen("PENDING_ACCEPTANCE"));
      await waitFor({ spec: UNTIL_READY, poll, timeoutMs: 3_600_000, clock, timeScale });
      return clock.sleeps;
    };
    const real = await sleepsAt(1);
    const scaled = await sleepsAt(0.01);
    expect(scaled.length).toBe(real.length);
    scaled.forEach((sleep, i) => {
      expect(sleep).toBeCloseTo(real[i]! * 0.01, 6);
    });
  });

  test("an error from a poll propagates instead of being retried", async () => {
    const poll = jest.fn(async () => {
      throw new Error("Atlas answered 500");
    });
    await expect(waitFor({ spec: UNTIL_READY, poll, timeoutMs: 60_000, clock: fakeClock(), timeScale: 1 })).rejects.toThrow(
      "Atlas answered 500",
    );
    expect(poll).toHaveBeenCalledTimes(1);
  });

  test("a phase outside the spec's pending set ends the wait as failed", async () => {
    const outcome = await waitFor({
      spec: { pending: ["pending"], target: ["ready"], failure: [] },
      poll: async () => seen("DELETING", "deleting"),
      timeoutMs: 60_000,
      clock: fakeClock(),
      timeScale: 1,
    });
    expect(outcome.kind).toBe("failed");
  });

  describe("refused polls (429, 503)", () => {
    class Refused extends Error {
      constructor(readonly retryAfterMs?: number) {
        super("Atlas answered 429");
      }
    }
    const refusal = (error: unknown) =>
      error instanceof Refused ? (error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) : undefined;

    test("keep the wait going, the next poll at least Retry-After later and backing off while refusals continue", async () => {
      const clock = fakeClock();
      const answers: (() => { value: string; observation: Observation })[] = [
        () => {
          throw new Refused(1_000);
        },
        () => {
          throw new Refused(1_000);
        },
        () => {
          throw new Refused();
        },
        () => {
          throw new Refused(30_000);
        },
        () => seen("AVAILABLE", "ready"),
      ];
      const outcome = await waitFor({
        spec: UNTIL_READY,
        initial: seen("PENDING"),
        poll: async () => answers.shift()!(),
        refusal,
        timeoutMs: 600_000,
        clock,
        timeScale: 1,
      });
      expect(outcome).toMatchObject({ kind: "reached", value: "AVAILABLE", polls: 5 });
      // The schedule's 2 s, then per refusal max(Retry-After, schedule x 2^(n-1)), the back-off capped
      // at 60 s: max(1, 2x1), max(1, 2x2), 2x4 (the fast poll due at 10 s), max(30, min(60, 10x8)).
      expect(clock.sleeps).toEqual([2_000, 2_000, 4_000, 8_000, 60_000]);
    });

    test("end the wait only at its deadline, as timed out with the last status seen", async () => {
      const clock = fakeClock();
      const poll = jest.fn(async (): Promise<{ value: string; observation: Observation }> => {
        throw new Refused(5_000);
      });
      const outcome = await waitFor({
        spec: UNTIL_READY,
        initial: seen("PENDING_ACCEPTANCE"),
        poll,
        refusal,
        timeoutMs: 120_000,
        clock,
        timeScale: 1,
      });
      expect(outcome).toMatchObject({
        kind: "timedOut",
        value: "PENDING_ACCEPTANCE",
        observation: { label: "PENDING_ACCEPTANCE" },
        elapsedMs: 120_000,
      });
      expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(120_000);
    });

    test("anything the refusal test does not recognize still propagates", async () => {
      const poll = jest.fn(async () => {
        throw new Error("Atlas answered 500");
      });
      await expect(waitFor({ spec: UNTIL_READY, poll, refusal, timeoutMs: 60_000, clock: fakeClock(), timeScale: 1 })).rejects.toThrow(
        "Atlas answered 500",
      );
      expect(poll).toHaveBeenCalledTimes(1);
    });
  });
});
