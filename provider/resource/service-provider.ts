import type * as pulumi from "@pulumi/pulumi";
import * as lifecycle from "../endpoint-service-lifecycle";

/**
 * The EndpointService dynamic provider. Serialized into state like PrivateEndpoint's, so it only
 * delegates to the lifecycle module, required from the installed package by its stable path.
 */
export const endpointServiceProvider: pulumi.dynamic.ResourceProvider = {
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
