import { repoRoot } from "../../scripts/lib/pulumi-workspace";
import { runCommand } from "../../scripts/lib/run-command";
import { TYPES, typePattern } from "../support/cli-harness";

jest.setTimeout(600_000);

// README's first command: the demo goes from nothing to connection strings and back, through the real CLI.
test("npm run demo creates a service and an endpoint per cloud, prints the connection strings and destroys them", async () => {
  const result = await runCommand("npm", ["run", "demo", "--silent", "--", "--time-scale", "0.02"], {
    cwd: repoRoot,
    timeoutMs: 540_000,
    env: { ...process.env, PULUMI_ATLAS_PE_TIME_SCALE: "0.02" },
  });
  const text = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${text.slice(-4000)}`);
  for (const cloud of ["aws", "azure", "gcp"]) {
    expect(text).toMatch(new RegExp(`\\+\\s+${typePattern(TYPES.dynamic.service)} demo-${cloud}-service created`));
    expect(text).toMatch(new RegExp(`-\\s+${typePattern(TYPES.dynamic.endpoint)} demo-${cloud} deleted`));
  }
  expect(text).toMatch(/aws -> archive \(MONGOD\): mongodb\+srv:\/\//);
  expect(text).toMatch(/Done: created, waited for AVAILABLE, and destroyed one endpoint service and one endpoint per cloud/);
  // Node 26 lists the experimental node:ffi among the built-ins Pulumi's closure serializer loads; a program using
  // this package must not print its warning (provider/dynamic/quiet-builtins.ts). CI runs this on 22, 24 and 26.
  expect(text).not.toMatch(/ExperimentalWarning/);
});
