/**
 * The path every serialized EndpointService provider in state `require`s
 * (`dist/provider/endpoint-service-lifecycle.js` of the installed package). Stacks depend on it, so
 * it keeps these exports whatever the layout.
 */
import { lifecycle } from "./endpoint-service/lifecycle";

export const { check, configure, create, diff, read, remove, update } = lifecycle;
