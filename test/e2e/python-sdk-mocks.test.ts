import { join } from "node:path";
import { runCommand } from "../../scripts/lib/run-command";
import { fixturesDir, TYPES } from "../support/cli-harness";
import { pythonEnvironment } from "../support/python-harness";

// The generated Python SDK, installed from its wheel into a venv with the pinned `pulumi` package, imported and run
// by a Python program under pulumi.runtime.set_mocks (fixtures/python-mocks/program.py): what reaches the engine is
// the schema's, whatever Python calls it.
jest.setTimeout(300_000);

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

interface Report {
  registered: Registered[];
  read: Record<string, unknown>;
}

let report: Report;

beforeAll(async () => {
  const { python } = await pythonEnvironment();
  const program = join(fixturesDir, "python-mocks");
  const ran = await runCommand(python, ["program.py"], { cwd: program });
  if (ran.code !== 0) throw new Error(`program.py exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  report = JSON.parse(ran.stdout) as Report;
});

const registered = (type: string) => report.registered.find((r) => r.type === type);

test("the SDK's classes register the plugin's type tokens, in the order the program declares them", () => {
  expect(report.registered.map((r) => [r.type, r.name])).toEqual([
    ["pulumi:providers:atlas-private-endpoint", "atlas"],
    [TYPES.plugin.service, "service"],
    [TYPES.plugin.endpoint, "endpoint"],
  ]);
});

test("snake_case arguments reach the engine under the schema's camelCase names, nested types included", () => {
  expect(registered(TYPES.plugin.service)?.inputs).toEqual({
    groupId: "5f1e2d3c4b5a697887766554",
    region: "eu-west-1",
  });
  expect(registered(TYPES.plugin.endpoint)?.inputs).toEqual({
    groupId: "5f1e2d3c4b5a697887766554",
    endpointServiceId: "65a1b2c3d4e5f60718293a4b",
    endpointId: "vpce-0123456789abcdef0",
    waitForClusters: true,
    timeouts: { create: "30m" },
  });
});

test("the provider's private key, a secret in the schema, goes to the engine marked secret; the public key does not", () => {
  expect(registered("pulumi:providers:atlas-private-endpoint")?.inputs).toEqual({
    publicKey: "mock-public-key",
    privateKey: { secret: "mock-private-key-3f9c2a" },
  });
});

test("the service's endpoint_service_id output flows into the endpoint, and the endpoint's outputs read back under Python names", () => {
  expect(report.read).toEqual({
    "service.endpoint_service_id": "65a1b2c3d4e5f60718293a4b",
    "endpoint.endpoint_service_id": "65a1b2c3d4e5f60718293a4b",
    "endpoint.id": "5f1e2d3c4b5a697887766554:AWS:65a1b2c3d4e5f60718293a4b:vpce-0123456789abcdef0",
    "endpoint.connection_status": "AVAILABLE",
    "endpoint.private_connection_strings[0]": {
      cluster_name: "archive",
      srv_connection_string: "mongodb+srv://archive-pl-0.mock.mongodb.net",
    },
  });
});
