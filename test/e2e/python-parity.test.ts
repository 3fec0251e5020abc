import { pythonStack } from "../support/python-harness";
import { parityScenarios } from "./plugin-parity-scenarios";

// The provider plugin's lifecycle scenarios (plugin-parity.test.ts runs them from YAML), from a Python program using the
// generated SDK (fixtures/python-endpoint, python-journey), run by the CLI's Python language host.
jest.setTimeout(300_000);

parityScenarios({ stack: pythonStack, programs: { endpoint: "python-endpoint", journey: "python-journey" } });
