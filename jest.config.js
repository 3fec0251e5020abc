const { availableParallelism } = require("node:os");

/**
 * Two projects: `unit` (simulator, client, provider: each file talks HTTP to a simulator of its own) and `e2e`
 * (the real CLI; test/support/e2e-environment.ts gives each file its own PULUMI_HOME, backend and folder, and
 * the global setup installs what they share once). Files of both run side by side on jest's workers: most of
 * their time is spent waiting (on the simulator's transitions, on the CLI's child processes), not computing,
 * so twice as many workers as cores keeps the cores busy.
 */
const base = {
  preset: "ts-jest",
  testEnvironment: "<rootDir>/test/support/node-environment.ts",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // The examples import the package by name, as a user's program does; in tests that is this source tree.
  moduleNameMapper: { "^pulumi-atlas-private-endpoint$": "<rootDir>/provider/index.ts" },
};
module.exports = {
  testTimeout: 60000,
  maxWorkers: Math.max(2, 2 * availableParallelism()),
  testSequencer: "<rootDir>/test/sequencer.js",
  reporters: ["default", "<rootDir>/test/summary-reporter.js", "<rootDir>/test/timing-reporter.js"],
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/test/**/*.test.ts"], testPathIgnorePatterns: ["/test/e2e/"] },
    {
      ...base,
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      testEnvironment: "<rootDir>/test/support/e2e-environment.ts",
      globalSetup: "<rootDir>/test/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/test/e2e/global-teardown.ts",
    },
  ],
};
