/** The create every resource runs (operations/create.ts), on each resource. */
import { LIFECYCLE_SUBJECTS } from "../../support/lifecycle-subjects";
import { useHarness } from "../../support/provider-harness";
import { useRewritingProxy } from "../../support/rewriting-proxy";

const harness = useHarness();

const proxy = useRewritingProxy(harness);

describe.each(LIFECYCLE_SUBJECTS)("$name", (subject) => {
  test("after a lost answer, the search for what the create made rides out 503s past the client's retries, and finds it", async () => {
    const args = subject.args(harness, 4);
    // A create that lists before its POST (a service's region, a project's stream links): that list goes through.
    if (subject.searchesBeforeCreate)
      proxy.rules.push({ method: "GET", path: subject.searchPath, rewrite: { kind: "body", change: (body) => body }, count: 1 });
    proxy.rules.push({ method: "POST", path: subject.createPath, rewrite: { kind: "forwardThenDrop" }, count: 1 });
    // Two requests' worth of the client's 8 attempts each: the search itself must wait them out.
    proxy.rules.push({ method: "GET", path: subject.searchPath, rewrite: { kind: "answer", status: 503 }, count: 16 });
    process.env.MONGODB_ATLAS_BASE_URL = proxy.baseUrl;
    const { outs } = await harness.observe(subject.provider.create(await subject.checked(harness, args)));
    expect(outs).toMatchObject({ adopted: false });
    expect(proxy.log.filter((entry) => entry.action === "forwardThenDrop")).toHaveLength(1);
    expect(proxy.log.filter((entry) => entry.action === "answer" && entry.status === 503)).toHaveLength(16);
    expect(await subject.inAtlas(harness, args)).toHaveLength(1);
    expect(proxy.errors).toEqual([]);
  });
});
