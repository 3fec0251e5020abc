import { join } from "node:path";
import { fixturesDir } from "../support/cli-harness";
import { addToPythonProgram, generatedPythonCode, pythonStack } from "../support/python-harness";
import { importScenarios } from "./plugin-import-scenarios";

// `pulumi import` into a Python program: the CLI asks the Python language host to turn what it imported into code
// (GenerateProgram), and that code, added to the program, runs on the SDK.
jest.setTimeout(300_000);

importScenarios({
  language: "Python",
  stack: (simulator) => pythonStack(simulator, join(fixturesDir, "python-empty")),
  programFile: "__main__.py",
  generatedCode: generatedPythonCode,
  addToProgram: addToPythonProgram,
  expectEndpointCode(code, { groupId, vpcEndpointId }) {
    expect(code).toMatch(/^import pulumi_atlas_private_endpoint as atlas_private_endpoint$/m);
    expect(code).toMatch(/^orders_db = atlas_private_endpoint\.PrivateEndpoint\("orders-db",$/m);
    expect(code).toContain(`endpoint_id="${vpcEndpointId}"`);
    expect(code).toContain(`group_id="${groupId}"`);
  },
  expectServiceCode(code) {
    expect(code).toMatch(/^atlas_service = atlas_private_endpoint\.EndpointService\("atlas-service",$/m);
    expect(code).toContain('region="EU_WEST_1"');
  },
});
