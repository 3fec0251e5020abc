/**
 * The path every serialized PrivateEndpoint provider in state `require`s: `dist/provider/lifecycle.js`
 * of the installed package (state written by 0.1.0 names it, test/e2e/alias.test.ts runs such a
 * state). Stacks depend on it, so it stays here with the same exports whatever the layout.
 */
import { lifecycle } from "./private-endpoint/lifecycle";

export const { check, configure, create, diff, read, remove, update } = lifecycle;
