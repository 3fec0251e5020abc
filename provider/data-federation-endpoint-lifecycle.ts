/**
 * The path every serialized DataFederationEndpoint provider in state `require`s
 * (`dist/provider/data-federation-endpoint-lifecycle.js` of the installed package). Stacks depend on it, so it
 * keeps these exports whatever the layout.
 */
import { lifecycle } from "./data-federation-endpoint/lifecycle";

export const { check, configure, create, diff, read, remove, update } = lifecycle;
