/**
 * The path every serialized StreamPrivateLink provider in state `require`s
 * (`dist/provider/stream-private-link-lifecycle.js` of the installed package). Stacks depend on it, so
 * it keeps these exports whatever the layout.
 */
import { lifecycle } from "./stream-private-link/lifecycle";

export const { check, configure, create, diff, read, remove, update } = lifecycle;
