import { pluginStack } from "../support/plugin-harness";
import { parityScenarios } from "./plugin-parity-scenarios";

// The provider plugin's lifecycle scenarios, from a YAML program (no Node.js in it) run by pulumi-language-yaml.
jest.setTimeout(300_000);

parityScenarios({ stack: pluginStack, programs: { endpoint: "yaml-plugin", journey: "yaml-plugin-journey" } });
