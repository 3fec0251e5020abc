import { observe, unknownStatusOf } from "../../../provider/private-endpoint/statuses";
import { UNTIL_GONE, UNTIL_READY, type Observation, type WaitSpec } from "../../../provider/waiting/status-table";
import { waitFor } from "../../../provider/waiting/wait";

describe("observe", () => {
  test.each([
    [{ cloudProvider: "AWS", connectionStatus: "PENDING_ACCEPTANCE" }, "pending"],
    [{ cloudProvider: "AWS", connectionStatus: "PENDING" }, "pending"],
    [{ cloudProvider: "AWS", connectionStatus: "AVAILABLE" }, "ready"],
    [{ cloudProvider: "AWS", connectionStatus: "REJECTED" }, "failed"],
    [{ cloudProvider: "AWS", connectionStatus: "DELETING", deleteRequested: true }, "deleting"],
    [{ cloudProvider: "AZURE", status: "INITIATING" }, "pending"],
    [{ cloudProvider: "AZURE", status: "AVAILABLE" }, "ready"],
    [{ cloudProvider: "AZURE", status: "FAILED" }, "failed"],
    [{ cloudProvider: "GCP", status: "INITIATING" }, "pending"],
    [{ cloudProvider: "GCP", status: "VERIFIED" }, "pending"],
    [{ cloudProvider: "GCP", status: "AVAILABLE" }, "ready"],
    [{ cloudProvider: "GCP", status: "DELETED" }, "gone"],
    [{ cloudProvider: "AZURE" }, "pending"],
  ] as const)("reads %j as %s", (endpoint, phase) => {
    expect(observe(endpoint).phase).toBe(phase);
  });

  test("an AWS endpoint with an errorMessage has failed with Atlas's message", () => {
    const seen = observe({ cloudProvider: "AWS", connectionStatus: "REJECTED", errorMessage: "Interface endpoint vpce-0 was not found." });
    expect(seen).toEqual({ phase: "failed", label: "REJECTED", failure: "Interface endpoint vpce-0 was not found." });
  });

  test("a non-empty errorMessage fails an endpoint whatever its status", () => {
    expect(observe({ cloudProvider: "AZURE", status: "INITIATING", errorMessage: "quota exceeded" })).toMatchObject({
      phase: "failed",
      failure: "quota exceeded",
    });
  });

  test("an errorMessage of whitespace is no failure", () => {
    expect(observe({ cloudProvider: "AZURE", status: "AVAILABLE", errorMessage: "  " }).phase).toBe("ready");
  });

  test("a GCP group is ready only when every forwarding rule is AVAILABLE, and its label counts them", () => {
    const partly = observe({
      cloudProvider: "GCP",
      status: "AVAILABLE",
      endpoints: [
        { endpointName: "a", status: "AVAILABLE" },
        { endpointName: "b", status: "INITIATING" },
      ],
    });
    expect(partly).toEqual({ phase: "pending", label: "AVAILABLE (forwarding rules 1/2 AVAILABLE)" });
    const all = observe({ cloudProvider: "GCP", status: "AVAILABLE", endpoints: [{ endpointName: "a", status: "AVAILABLE" }] });
    expect(all).toEqual({ phase: "ready", label: "AVAILABLE (forwarding rules 1/1 AVAILABLE)" });
  });

  test("a GCP group with a FAILED forwarding rule has failed, naming the rule", () => {
    const seen = observe({ cloudProvider: "GCP", status: "VERIFIED", endpoints: [{ endpointName: "psc-1", status: "FAILED" }] });
    expect(seen.phase).toBe("failed");
    expect(seen.failure).toContain("psc-1 is FAILED");
  });

  test("a failure without errorMessage still says what Atlas reports", () => {
    expect(observe({ cloudProvider: "AZURE", status: "FAILED" }).failure).toBe("Atlas reports status FAILED");
  });
});

/** Runs a wait over a scripted sequence of observations on a fake clock (no real time passes). */
async function runWait(spec: WaitSpec, phases: Observation["phase"][]) {
  let now = 0;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
  let next = 0;
  const outcome = await waitFor<number>({
    spec,
    poll: async () => {
      const phase = phases[Math.min(next, phases.length - 1)]!;
      return { value: next++, observation: { phase, label: `${phase}#${next}` } };
    },
    timeoutMs: 3_600_000,
    clock,
    timeScale: 1,
    schedule: () => 1_000,
  });
  return { kind: outcome.kind, polls: next };
}

describe("wait specs", () => {
  test("waiting for readiness keeps going through pending and eventual-consistency 404s and ends at ready", async () => {
    expect(await runWait(UNTIL_READY, ["pending", "notFoundYet", "pending", "ready"])).toEqual({ kind: "reached", polls: 4 });
  });

  test.each(["failed", "deleting", "gone"] as const)("waiting for readiness stops at once on %s", async (phase) => {
    expect(await runWait(UNTIL_READY, ["pending", phase, "ready"])).toEqual({ kind: "failed", polls: 2 });
  });

  test("waiting for deletion goes through every other phase and ends only when the endpoint is gone", async () => {
    expect(await runWait(UNTIL_GONE, ["ready", "deleting", "failed", "pending", "notFoundYet", "gone"])).toEqual({
      kind: "reached",
      polls: 6,
    });
  });
});

describe("a status this version does not know", () => {
  test("is pending (waited through), labelled verbatim and reported as unknown", () => {
    const endpoint = { cloudProvider: "AWS", connectionStatus: "PENDING_REVIEW" } as const;
    expect(observe(endpoint)).toEqual({ phase: "pending", label: "PENDING_REVIEW" });
    expect(unknownStatusOf(endpoint)).toBe("PENDING_REVIEW");
    expect(unknownStatusOf({ cloudProvider: "GCP", status: "VERIFIED" })).toBeUndefined();
    expect(unknownStatusOf({ cloudProvider: "AZURE" })).toBeUndefined();
  });
});
