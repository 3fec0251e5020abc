/** The ready-wait every resource runs (waiting/waits.ts), on each resource. */
import { LIFECYCLE_SUBJECTS } from "../../support/lifecycle-subjects";
import { HELD_DELAY, HELD_MS, until, useHarness } from "../../support/provider-harness";

const harness = useHarness();

describe.each(LIFECYCLE_SUBJECTS)("$name", (subject) => {
  test("404s while waiting to be ready that outlast the create's grace are looked at again: a lagging read does not fail the create", async () => {
    await harness.delays({ [subject.held.delay]: HELD_DELAY });
    const args = subject.args(harness, 0);
    const reads = async () => (await harness.requests()).filter((r) => r.method === "GET" && new RegExp(subject.path(args)).test(r.path));
    const creating = harness.observe(subject.provider.create(await subject.checked(harness, args)));
    creating.catch(() => undefined); // awaited below
    // The create's grace is 30 s x 0.01 and at least 3 404s in a row: 8 polls are at least 5 x 20 ms + 3 x 100 ms
    // apart on the poll schedule, and a fourth 404 in a row is past the looks. Then one more look finds it.
    await until(async () => (await reads()).length >= 8, "eight polls of the held phase");
    await harness.fault({ method: "GET", pathPattern: subject.path(args), status: 404, errorCode: "RESOURCE_NOT_FOUND", count: 4 });
    await until(async () => {
      const seen = await reads();
      const lastNotFound = seen.map((r) => r.status).lastIndexOf(404);
      return (
        seen.filter((r) => r.status === 404).length === 4 &&
        seen.slice(lastNotFound + 1).some((r) => r.status === 200 && r.answeredStatus === subject.held.status)
      );
    }, "four lagging 404s, then a look that finds it still held");
    await harness.control.advance(HELD_MS);
    const created = await creating;
    expect(created.outs).toMatchObject({ adopted: false });
    expect(harness.progress.some((line) => line.includes("Atlas answered 404, but a second look found it"))).toBe(true);
    expect((await reads()).filter((r) => r.status === 404)).toHaveLength(4);
  });
});
