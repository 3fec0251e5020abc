import * as pulumi from "@pulumi/pulumi";
import { configure } from "../host/connection";
import type { Lookup } from "../operations/lookup";

/**
 * A look-up as a TypeScript program calls it, under its own name: in the program's own process, with the
 * credentials of the stack's `mongodbatlas:*` config (as the dynamic provider host gets them) or the environment.
 * The plain form (`getX`) takes plain values; the Output form (`getXOutput`) takes Inputs (another resource's
 * outputs) and gives an Output.
 */
export function inProgram<Args extends Record<string, unknown>, Result extends object, Name extends string>(
  lookup: Lookup<Args, Result, Name>,
): { [K in Name]: (args: Args) => Promise<Result> } & {
  [K in `${Name}Output`]: (args: pulumi.Input<{ [A in keyof Args]: pulumi.Input<Args[A]> }>) => pulumi.Output<Result>;
} {
  const call = async (args: Args): Promise<Result> => {
    // Stack config read raw (the runtime's own reader), so a secret key is not reported as read in plain text.
    configure({ get: (key) => pulumi.runtime.getConfig(key) });
    return lookup.run(args);
  };
  const output = (args: pulumi.Input<{ [K in keyof Args]: pulumi.Input<Args[K]> }>): pulumi.Output<Result> =>
    pulumi.output(args).apply((plain) => call(plain as Args)) as pulumi.Output<Result>;
  return { [lookup.name]: call, [`${lookup.name}Output`]: output } as never;
}
