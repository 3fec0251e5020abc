import { fixturesDir } from "../support/cli-harness";
import { addToYamlProgram, generatedCode, pluginStack } from "../support/plugin-harness";
import { importScenarios } from "./plugin-import-scenarios";

// `pulumi import` into a YAML program through the provider plugin.
jest.setTimeout(300_000);

importScenarios({
  language: "YAML",
  stack: (simulator) => pluginStack(simulator, `${fixturesDir}/yaml-plugin-empty`),
  programFile: "Pulumi.yaml",
  generatedCode,
  addToProgram: addToYamlProgram,
  expectEndpointCode(code, { vpcEndpointId }) {
    // YAML's short form of the token (atlas-private-endpoint:index:PrivateEndpoint).
    expect(code).toMatch(/^ {4}type: atlas-private-endpoint:PrivateEndpoint$/m);
    expect(code).toContain(vpcEndpointId);
  },
  expectServiceCode(code) {
    expect(code).toMatch(/^ {4}type: atlas-private-endpoint:EndpointService$/m);
    expect(code).toMatch(/^ {6}region: EU_WEST_1$/m);
  },
});
