/** The delete every resource runs (operations/delete.ts), on each resource. */
import { LIFECYCLE_SUBJECTS, stillBeingCreated } from "../../support/lifecycle-subjects";
import { useHarness } from "../../support/provider-harness";

const harness = useHarness();

describe.each(LIFECYCLE_SUBJECTS)("$name", (subject) => {
  test("the second look after a DELETE's 404 rides out refusals only until the delete timeout, and then keeps it in the stack", async () => {
    const args = subject.args(harness, 1);
    const { id, outs } = await harness.observe(subject.provider.create(await subject.checked(harness, args)));
    await harness.fault({ method: "DELETE", pathPattern: subject.path(args), status: 404, errorCode: "RESOURCE_NOT_FOUND", count: 1 });
    await harness.fault({ method: "GET", pathPattern: subject.path(args), status: 429, count: 10_000 });
    const error = await harness.failure(subject.provider.delete(id, { ...outs, timeouts: { delete: "1s" } }));
    expect(error.message).toMatch(/refused every look for 1s \(429\/503\), so whether it is gone is not known.*it stays in the stack/);
    const requests = (await harness.requests()).filter((r) => new RegExp(subject.path(args)).test(r.path));
    expect(requests.filter((r) => r.method === "DELETE" && r.status === 404)).toHaveLength(1);
    expect(requests.filter((r) => r.method === "GET" && r.status === 429).length).toBeGreaterThan(1);
  });
});

describe.each(LIFECYCLE_SUBJECTS)("$name still being created", (subject) => {
  test("a DELETE's 404 is looked through for the create's grace, and what Atlas then shows is deleted, not left behind", async () => {
    const { args, id, props } = await stillBeingCreated(harness, subject, 3);
    await harness.clearRequests();
    await harness.fault({ method: "DELETE", pathPattern: subject.path(args), status: 404, errorCode: "RESOURCE_NOT_FOUND", count: 1 });
    await harness.fault({ method: "GET", pathPattern: subject.path(args), status: 404, errorCode: "RESOURCE_NOT_FOUND", count: 1 });
    await harness.observe(subject.provider.delete(id, props));
    const requests = (await harness.requests()).filter((r) => new RegExp(subject.path(args)).test(r.path));
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([404, expect.any(Number)]);
    expect(requests.filter((r) => r.method === "DELETE")[1]!.status).toBeLessThan(300);
    expect(await subject.inAtlas(harness, args)).toEqual([]);
  });
});
