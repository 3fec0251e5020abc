/** getRegionalMode against the simulator: one GET, no state; a bad groupId is refused before any request. */
import { connectToAtlas } from "../../../provider/host/connection";
import { getRegionalMode, lookups } from "../../../provider/regional-mode/lookup";
import { hex, useHarness } from "../../support/provider-harness";

const harness = useHarness();

test("is exported from the folder's lookups under its schema name", () => {
  expect(lookups.map((lookup) => lookup.name)).toEqual(["getRegionalMode"]);
});

test("reads whether a project has regional mode enabled, with one GET", async () => {
  const groupId = harness.seed.shardedProject.groupId;
  await connectToAtlas().setRegionalMode({ groupId }, true);
  await harness.clearRequests();
  expect(await harness.observe(getRegionalMode.run({ groupId }))).toEqual({ groupId, enabled: true });
  const answered = (await harness.requests()).filter((r) => r.path.startsWith("/api/atlas/") && r.auth !== "challenge");
  expect(answered.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200"]);
  await connectToAtlas().setRegionalMode({ groupId }, false);
  expect(await getRegionalMode.run({ groupId })).toEqual({ groupId, enabled: false });
});

test.each([
  ["a missing groupId", {}, /^getRegionalMode: groupId is required \(24 hexadecimal characters \(the Atlas project id\)\)$/],
  [
    "a groupId that is not 24 hex characters",
    { groupId: "5f1a2b" },
    /^getRegionalMode: groupId must be 24 hexadecimal characters \(the Atlas project id\), got value="5f1a2b"$/,
  ],
])("refuses %s naming the argument, asking Atlas nothing", async (_what, args, message) => {
  await harness.clearRequests();
  await expect(getRegionalMode.run(args as never)).rejects.toThrow(message);
  expect(await harness.requests()).toEqual([]);
});

test("a project Atlas does not know fails naming it", async () => {
  const groupId = hex(24);
  await expect(getRegionalMode.run({ groupId })).rejects.toThrow(
    new RegExp(`^getRegionalMode: could not read regional mode of project groupId="${groupId}": Atlas answered 404 GROUP_NOT_FOUND`),
  );
});
