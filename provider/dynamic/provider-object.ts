import type * as pulumi from "@pulumi/pulumi";
import type { Lifecycle } from "../operations/lifecycle";

/**
 * A dynamic provider object. The engine serializes it into state, so it stays tiny: each method only
 * delegates to `lifecycle`, the resource's stable-path module (provider/lifecycle.ts, ...), which
 * the serialized code `require`s from the installed package. No client, schema, credential or
 * other closure is captured here: only that module.
 */
export function dynamicProvider(lifecycle: Lifecycle<object>): pulumi.dynamic.ResourceProvider {
  return {
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
}
