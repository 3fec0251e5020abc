import type * as pulumi from "@pulumi/pulumi";
import * as lifecycle from "../lifecycle";

/**
 * The dynamic provider. The engine serializes this object into state, so it stays tiny: each
 * method only delegates to the lifecycle module, which the serialized code `require`s from the
 * installed package by its stable path (../lifecycle.ts). No client, schema, credential or other
 * closure is captured here.
 */
export const privateEndpointProvider: pulumi.dynamic.ResourceProvider = {
  async configure(request) {
    return lifecycle.configure(request);
  },
  async check(olds, news) {
    return lifecycle.check(olds, news);
  },
  async diff(id, olds, news) {
    return lifecycle.diff(id, olds, news);
  },
  async create(inputs) {
    return lifecycle.create(inputs);
  },
  async read(id, props) {
    return lifecycle.read(id, props ?? {});
  },
  async update(id, olds, news) {
    return lifecycle.update(id, olds, news);
  },
  async delete(id, props) {
    return lifecycle.remove(id, props);
  },
};
