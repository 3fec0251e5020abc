/**
 * This package's version, kept equal to package.json by test/client/version.test.ts.
 * A constant rather than `require("../../package.json")`: the relative depth differs between
 * provider/ and dist/provider/, and the built package should not carry package.json in its code.
 */
export const PACKAGE_VERSION = "0.1.0";

export const USER_AGENT = `pulumi-atlas-private-endpoint/${PACKAGE_VERSION}`;
