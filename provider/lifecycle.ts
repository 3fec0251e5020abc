/**
 * The path every serialized provider in state `require`s: `dist/provider/lifecycle.js` of the
 * installed package (state written by 0.1.0 names it, test/e2e/alias.test.ts runs such a state).
 * Stacks depend on it, so it stays here with the same exports whatever the layout; the code lives in
 * resource/lifecycle.ts. resource/provider.ts imports this file, not that one, so new state names
 * this same stable path.
 */
export { check, configure, create, diff, read, remove, update } from "./resource/lifecycle";
