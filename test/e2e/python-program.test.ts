import { join } from "node:path";
import { fixturesDir } from "../support/cli-harness";
import { pythonStack } from "../support/python-harness";
import { journeyScenarios } from "./plugin-journey-scenarios";

// A Python program using the generated SDK (pulumi_atlas_private_endpoint, installed from its wheel) runs an
// EndpointService and a PrivateEndpoint registered with it through the provider plugin, through the real CLI and
// its Python language host (scripts/pulumi-language-python, or upstream's where the released CLI ships it).
jest.setTimeout(300_000);

journeyScenarios({
  language: "Python",
  stack: (simulator) => pythonStack(simulator, join(fixturesDir, "python-journey")),
  // True or False: the SDK cannot pass a list of names (docs/python.md).
  waitForClusters: true,
});
