/**
 * A look-up: a read of what Atlas holds that a program asks for by its properties rather than declares (a region's
 * endpoint service, a service's endpoints). One definition serves both packagings: TypeScript programs call `run`
 * (exported by the package under `name`), and the plugin serves it as the function
 * `atlas-private-endpoint:index:<name>` of its schema, so `fn::invoke` works in YAML and every SDK gets it.
 * Each resource folder that has look-ups exports them from its lookup.ts as `lookups`.
 */
import type { PropertySpec } from "../vocabulary/properties";

export interface Lookup<Args extends Record<string, unknown> = Record<string, unknown>, Result extends object = object> {
  /** The function's name: the package export and the schema token's last part ("getEndpointService"). */
  readonly name: string;
  readonly description: string;
  /** The arguments, as properties (`input: "required"` where one must be given). */
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  /** The result's properties. */
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  /** Validates `args` (a clear error naming the argument and what is allowed) and reads Atlas; no state is written. */
  run(args: Args): Promise<Result>;
}
