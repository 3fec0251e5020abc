/** Unit, contract and provider tests run in parallel; e2e tests drive the real CLI and run serially in their own project. Both run in test/support/node-environment.ts. */
const base = {
  preset: "ts-jest",
  testEnvironment: "<rootDir>/test/support/node-environment.ts",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // The examples import the package by name, as a user's program does; in tests that is this source tree.
  moduleNameMapper: { "^pulumi-atlas-private-endpoint$": "<rootDir>/provider/index.ts" },
};
module.exports = {
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/test/**/*.test.ts"], testPathIgnorePatterns: ["/test/e2e/"] },
    { ...base, displayName: "e2e", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"], globalSetup: "<rootDir>/test/e2e/global-setup.ts" },
  ],
};
