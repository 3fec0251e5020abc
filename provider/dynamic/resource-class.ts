import * as pulumi from "@pulumi/pulumi";
import { type OutputProperties, unknownOutputs } from "./args";
import { preloadSchemeOnlyBuiltins } from "./quiet-builtins";
import { DYNAMIC_MODULE, dynamicTypeToken } from "./type-token";

// Before any resource of this package is serialized: see quiet-builtins.ts (Node 26's ExperimentalWarning for FFI).
preloadSchemeOnlyBuiltins();

/**
 * A resource class: `new X(name, args, opts)`, whose instances have every output of `Outputs` (see
 * OutputProperties), and whose `typeToken` is what previews, state and policy packs call its resources.
 */
export type ResourceClass<Args, Outputs, Present extends keyof Outputs = never> = (new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputProperties<Outputs, Present>) & { readonly typeToken: string };

/**
 * The class of one of this package's resources: a dynamic resource typed `pulumi-nodejs:dynamic/atlas:<typeName>`,
 * whose outputs (every property its table declares) start as undefined, so preview shows what only `pulumi up`
 * knows. The engine sets each output on the instance; the type says which (OutputProperties).
 */
export function resourceClass<Args extends object, Outputs, Present extends keyof Outputs = never>(
  typeName: string,
  provider: pulumi.dynamic.ResourceProvider,
  properties: Readonly<Record<string, unknown>>,
  /** Types the resource was registered as before: the engine moves such state to this type in place. */
  formerTypes?: string[],
): ResourceClass<Args, Outputs, Present>;
// The signature above says what the engine does and the compiler cannot see: it sets every output
// the properties table declares on the instance (OutputProperties). The class itself knows none.
export function resourceClass(
  typeName: string,
  provider: pulumi.dynamic.ResourceProvider,
  properties: Readonly<Record<string, unknown>>,
  formerTypes: string[] = [],
): ResourceClass<object, unknown> {
  const unknown = unknownOutputs(properties);
  const aliases = formerTypes.map((type) => ({ type }));
  const resource = class extends pulumi.dynamic.Resource {
    static readonly typeToken = dynamicTypeToken(typeName);
    constructor(name: string, args: object, opts?: pulumi.CustomResourceOptions) {
      const options = aliases.length > 0 ? { ...opts, aliases: [...aliases, ...(opts?.aliases ?? [])] } : opts;
      super(provider, name, { ...unknown, ...args }, options, DYNAMIC_MODULE, typeName);
    }
  };
  // Named as users wrote it (stack traces, the debugger).
  Object.defineProperty(resource, "name", { value: typeName });
  return resource;
}
