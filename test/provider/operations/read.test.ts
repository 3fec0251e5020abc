/** The refresh every resource runs (operations/read.ts), on each resource. */
import { LIFECYCLE_SUBJECTS, stillBeingCreated } from "../../support/lifecycle-subjects";
import { useHarness } from "../../support/provider-harness";

const harness = useHarness();

describe.each(LIFECYCLE_SUBJECTS)("$name", (subject) => {
  test("a refresh of one still being created looks through 404s for the create's grace instead of dropping it at the second", async () => {
    const { args, id, props } = await stillBeingCreated(harness, subject, 2);
    await harness.clearRequests();
    await harness.fault({ method: "GET", pathPattern: subject.path(args), status: 404, errorCode: "RESOURCE_NOT_FOUND", count: 2 });
    const read = await harness.observe(subject.provider.read(id, props));
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ adopted: false });
    const reads = (await harness.requests()).filter((r) => r.method === "GET" && new RegExp(subject.path(args)).test(r.path));
    expect(reads.map((r) => r.status)).toEqual([404, 404, 200]);
    expect(harness.progress.some((line) => line.includes("while it was still being created; looking again"))).toBe(true);
  });
});
