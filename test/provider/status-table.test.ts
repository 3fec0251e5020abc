import { observe, UNTIL_GONE, UNTIL_READY } from "../../provider/status-table";

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
    expect(observe({ cloudProvider: "AZURE", status: "INITIATING", errorMessage: "quota exceeded" })).toMatchObject({ phase: "failed", failure: "quota exceeded" });
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
    expect(all).toEqual({ phase: "ready", label: "AVAILABLE" });
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

describe("wait specs", () => {
  test("waiting for readiness keeps going through pending and eventual-consistency 404s and stops on failure or deletion", () => {
    expect(UNTIL_READY.pending).toEqual(expect.arrayContaining(["pending", "notFoundYet"]));
    expect(UNTIL_READY.target).toEqual(["ready"]);
    expect(UNTIL_READY.failure).toEqual(expect.arrayContaining(["failed", "deleting", "gone"]));
  });

  test("waiting for deletion ends only when the endpoint is gone", () => {
    expect(UNTIL_GONE.target).toEqual(["gone"]);
    expect(UNTIL_GONE.pending).toEqual(expect.arrayContaining(["pending", "ready", "failed", "deleting"]));
  });
});
