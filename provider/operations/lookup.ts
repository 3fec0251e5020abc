/**
 * A look-up: a read of what Atlas holds that a program asks for by its properties rather than declares (a region's
 * endpoint service, a service's endpoints). One definition serves both packagings: TypeScript programs call `run`
 * (exported by the package under `name`), and the plugin serves it as the function
 * `atlas-private-endpoint:index:<name>` of its schema, so `fn::invoke` works in YAML and every SDK gets it.
 * Each resource folder that has look-ups exports them from its lookup.ts as `lookups`. A look-up reads Atlas, so a
 * program that calls one needs credentials at preview too.
 */
import type { z } from "zod";
import { connectToAtlas } from "../host/connection";
import type { AtlasClient } from "../client";
import type { PropertySpec } from "../vocabulary/properties";
import { propertyPath } from "../vocabulary/validation";

export interface Lookup<
  Args extends Record<string, unknown> = Record<string, unknown>,
  Result extends object = object,
  Name extends string = string,
> {
  /** The function's name: the package export and the schema token's last part ("getEndpointService"). */
  readonly name: Name;
  readonly description: string;
  /** The arguments, as properties (`input: "required"` where one must be given). */
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  /** The result's properties. */
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  /** What `run` accepts, checked: every argument's rule and message (the inputs above describe them for the schema). */
  readonly args: z.ZodType<Args>;
  /**
   * Validates `args` (a clear error naming the argument and what is allowed) and reads Atlas; no state is written.
   * Takes any record: from YAML or an SDK it arrives unchecked; `Args` is what it accepts.
   */
  run(args: Readonly<Record<string, unknown>>): Promise<Result>;
}

/**
 * A look-up from its argument schema and its read: the arguments are checked first (every failure named at once,
 * with what is allowed), then `read` gets them typed and a client of this moment's credentials.
 */
export function lookup<Args extends Record<string, unknown>, Result extends object, const Name extends string>(definition: {
  name: Name;
  description: string;
  inputs: Readonly<Record<string, PropertySpec>>;
  outputs: Readonly<Record<string, PropertySpec>>;
  args: z.ZodType<Args>;
  read(client: AtlasClient, args: Args): Promise<Result>;
}): Lookup<Args, Result, Name> {
  const { read, ...described } = definition;
  return {
    ...described,
    async run(args) {
      const parsed = definition.args.safeParse(args);
      if (!parsed.success) {
        const failures = parsed.error.issues.map((issue) =>
          issue.code === "unrecognized_keys"
            ? `${issue.keys.join(", ")}: not an argument (${Object.keys(definition.inputs).join(", ")})`
            : `${propertyPath(issue.path) || "(arguments)"} ${issue.message}`,
        );
        throw new Error(`${definition.name}: ${failures.join("; ")}`);
      }
      return read(connectToAtlas(), parsed.data);
    },
  };
}
