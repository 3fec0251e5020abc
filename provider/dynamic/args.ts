import type * as pulumi from "@pulumi/pulumi";

/** Each property may be a value, a promise or an Output, at any depth. */
type Arg<T> = [NonNullable<T>] extends [readonly (infer E)[]]
  ? pulumi.Input<Arg<E>[]>
  : [NonNullable<T>] extends [string | number | boolean]
    ? pulumi.Input<NonNullable<T>>
    : pulumi.Input<{ [K in keyof NonNullable<T>]: Arg<NonNullable<T>[K]> }>;

/** A resource's public args, derived from its plain inputs type (each union member kept apart). */
export type ArgsOf<T> = T extends unknown ? { [K in keyof T]: Arg<T[K]> } : never;

/** Every output a resource declares, seeded as undefined, so preview shows what is not known until `pulumi up`. */
export function unknownOutputs(properties: Readonly<Record<string, unknown>>): Record<string, undefined> {
  return Object.fromEntries(Object.keys(properties).map((name) => [name, undefined]));
}

/**
 * A resource class's outputs, from its plain outputs type (each property's doc comment comes with it): each an
 * Output, undefined where the outputs type allows it to be absent, except `Present`, set once the resource is ready.
 */
export type OutputProperties<Outputs, Present extends keyof Outputs = never> = {
  readonly [K in keyof Outputs]-?: pulumi.Output<K extends Present ? NonNullable<Outputs[K]> : Outputs[K]>;
};
