/**
 * The path every serialized RegionalMode provider in state `require`s
 * (`dist/provider/regional-mode-lifecycle.js` of the installed package). Stacks depend on it, so it
 * keeps these exports whatever the layout.
 */
import { lifecycle } from "./regional-mode/lifecycle";

export const { check, configure, create, diff, read, remove, update } = lifecycle;
