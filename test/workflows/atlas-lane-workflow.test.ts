/**
 * The real-Atlas lane's workflow holds Atlas credentials, so what guards them is tested, not only
 * linted: it never runs a fork's code, runs on a label only when it is the lane's, stops without
 * secrets, and sweeps before and after the lane (after even when the lane failed).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const text = readFileSync(resolve(__dirname, "..", "..", ".github", "workflows", "atlas.yml"), "utf8");
const steps = text.split(/\n(?= {6}- )/).slice(1);
const stepRunning = (command: RegExp) => steps.findIndex((step) => command.test(step));

test("it runs nightly, by hand, and on a pull request's label, on no other event", () => {
  const on = /\non:\n([\s\S]*?)\n\S/.exec(text)![1]!;
  expect(on.match(/^ {2}\w+:/gm)).toEqual(["  schedule:", "  workflow_dispatch:", "  pull_request:"]);
  expect(on).toMatch(/pull_request:\n {4}types: \[labeled\]/);
  expect(text).not.toMatch(/pull_request_target/);
});

test("a pull request runs it only when labelled atlas-lane and only from a branch of this repository", () => {
  expect(text).toMatch(/github\.event\.label\.name == 'atlas-lane'/);
  expect(text).toMatch(/github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
});

test("without the secrets every step after the check is skipped, and the credentials come from the atlas-lane environment", () => {
  expect(steps[0]).toMatch(/id: secrets/);
  for (const step of steps.slice(1)) expect(step).toMatch(/steps\.secrets\.outputs\.ready == 'true'/);
  expect(text).toMatch(/environment: atlas-lane/);
  expect(text).toMatch(/permissions:\n {2}contents: read\n/);
});

test("the sweeper runs before the lane and after it, the second time even when the lane failed", () => {
  const before = stepRunning(/npm run atlas:sweep -- --yes --older-than 2h/);
  const lane = stepRunning(/npm run test:atlas/);
  const after = stepRunning(/npm run atlas:sweep -- --yes --older-than 0s/);
  expect([before >= 0, lane > before, after > lane]).toEqual([true, true, true]);
  expect(steps[after]).toMatch(/if: always\(\) && /);
  expect(text).toMatch(/concurrency:\n {2}group: atlas-lane\n {2}cancel-in-progress: false/);
});
