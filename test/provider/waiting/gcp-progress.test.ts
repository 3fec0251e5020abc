import { provider, useHarness } from "../../support/provider-harness";

const harness = useHarness();

// Issue 30's stumble: GCP progress lines count the forwarding rules that are AVAILABLE, but the line that reaches
// AVAILABLE dropped the count, so the last count a reader saw was the stale one of the line before
// ("VERIFIED (forwarding rules 1/2 AVAILABLE) -> AVAILABLE after 83ms").
// test.failing until provider/waiting/status-table.ts's observe() labels a GCP group with its count whatever the
// count is (today only while some rule is not AVAILABLE); with that fix this passes, so jest reports test.failing as
// failed and it becomes test(...). The fix also changes two assertions of the old label: test/provider/waiting/
// status-table.test.ts (an all-AVAILABLE group's label) and test/provider/resource/provider.test.ts (" -> AVAILABLE after").
test.failing("a GCP endpoint's line that reaches AVAILABLE counts its forwarding rules as they are then, every one AVAILABLE", async () => {
  const args = harness.gcpArgs();
  const rules = (args.endpoints as unknown[]).length;
  await harness.observe(provider.create(await harness.checked(args)));
  const lines = harness.progress.filter((line) => line.startsWith("[PrivateEndpoint]"));
  const counted = lines.filter((line) => line.includes("forwarding rules"));
  expect(counted.length).toBeGreaterThan(0); // the lines before AVAILABLE do count them
  const reached = lines.filter((line) => / -> AVAILABLE\b/.test(line));
  expect(reached).toHaveLength(1);
  expect(reached[0]).toMatch(new RegExp(` -> AVAILABLE \\(forwarding rules ${rules}/${rules} AVAILABLE\\) after `));
});
