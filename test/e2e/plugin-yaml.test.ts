import { fixturesDir } from "../support/cli-harness";
import { pluginStack } from "../support/plugin-harness";
import { journeyScenarios } from "./plugin-journey-scenarios";

// A YAML program (no Node.js in it) runs an EndpointService and a PrivateEndpoint registered with it through
// the provider plugin, installed with `pulumi plugin install --file`, through the real CLI and pulumi-language-yaml.
jest.setTimeout(300_000);

journeyScenarios({
  language: "YAML",
  stack: (simulator) => pluginStack(simulator, `${fixturesDir}/yaml-plugin-journey`),
  waitForClusters: ["archive"],
});
