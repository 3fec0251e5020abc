/** StreamPrivateLink against the simulator's own variations of Atlas: answers it loses, fields it adds later. */
import { streamLinkProvider, useHarness } from "../../support/provider-harness";
import { streamLinkArgs } from "../../support/stream-private-links";

const harness = useHarness();
beforeEach(() => harness.clearRequests());
afterEach(() => harness.control.dialect(null));

const LINKS = /\/streams\/privateLinkConnections$/;
const LINK = /\/streams\/privateLinkConnections\/[0-9a-f]{24}$/;

test.each(["drop", "502"] as const)(
  "a create and a destroy whose answers Atlas lost (%s) after doing the work end with the link made, then gone, with adoptExisting false",
  async (loss) => {
    await harness.control.dialect({ answerLost: loss });
    const args = streamLinkArgs(harness.seed.groupId, "AZURE", "AZURE_BLOB_STORAGE", { adoptExisting: false });
    const { id, outs } = await harness.observe(streamLinkProvider.create(await harness.checkedStreamLink(args)));
    expect(outs).toMatchObject({ state: "DONE", adopted: false });
    const posts = (await harness.requests()).filter((r) => r.method === "POST" && LINKS.test(r.path) && r.auth !== "challenge");
    // The lost answer's POST made the link; the retry met it (409), and the search found it as this create's.
    expect(posts.map((r) => [r.status, r.answerLost ?? false])).toEqual([
      [loss === "drop" ? 0 : 502, true],
      [409, false],
    ]);

    await harness.observe(streamLinkProvider.delete(id, outs));
    const deletes = (await harness.requests()).filter((r) => r.method === "DELETE" && LINK.test(r.path) && r.auth !== "challenge");
    expect(deletes.map((r) => [r.status, r.answerLost ?? false])).toEqual([
      [loss === "drop" ? 0 : 502, true],
      [202, false],
    ]);
    expect((await harness.control.streamPrivateLinks()).filter((link) => link.connectionId === outs.connectionId)).toEqual([]);
  },
);

test("answers carrying fields Atlas added later are read, and the link is created and refreshed as usual", async () => {
  await harness.control.dialect({ extraFields: true });
  const { id, outs } = await harness.observe(
    streamLinkProvider.create(await harness.checkedStreamLink(streamLinkArgs(harness.seed.groupId, "GCP", "PUBSUB"))),
  );
  expect(outs).toMatchObject({ state: "DONE", dnsDomain: "pubsub.googleapis.com" });
  expect((await harness.requests()).some((r) => r.shapedBy?.includes("extraFields"))).toBe(true);
  const read = await harness.observe(streamLinkProvider.read(id, outs));
  expect(read).toMatchObject({ id, props: { state: "DONE" } });
});
