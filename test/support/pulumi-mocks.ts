/**
 * Runs an example program under `pulumi.runtime.setMocks`: no engine, no cloud, no Atlas. Each
 * resource the program declares is recorded with the inputs it received, so a test can follow
 * which output fed which input. Mock outputs are the inputs plus what `outputsOf` adds.
 *
 * The dynamic resources' provider serialization is stubbed: Jest's module sandbox breaks Pulumi's
 * closure serialization (pulumi/pulumi#3799), and the real serialization is exercised through the
 * real CLI by the e2e tests. Call `stubProviderSerialization()` at the top of the test file (jest
 * hoists `jest.mock`, so it lives in each file: see the files using this helper).
 */
import * as pulumi from "@pulumi/pulumi";

export interface DeclaredResource {
  type: string;
  name: string;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface MockWorld {
  resources: DeclaredResource[];
  calls: { token: string; inputs: Record<string, unknown> }[];
  byType(type: string): DeclaredResource;
}

/** What the cloud or Atlas would add to a resource's inputs: the id and outputs. */
export type OutputsOf = (type: string, name: string, inputs: Record<string, unknown>) => { id: string; outputs?: Record<string, unknown> };
export type CallResult = (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;

export function mockWorld(project: string, config: Record<string, string>, outputsOf: OutputsOf, call: CallResult = () => ({})): MockWorld {
  const world: MockWorld = {
    resources: [],
    calls: [],
    byType(type) {
      const found = world.resources.filter((resource) => resource.type === type);
      if (found.length !== 1) throw new Error(`expected one ${type}, the program declared ${found.length}`);
      return found[0] as DeclaredResource;
    },
  };
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([key, value]) => [`${project}:${key}`, value])));
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { __provider: _provider, ...inputs } = args.inputs as Record<string, unknown>;
        const { id, outputs = {} } = outputsOf(args.type, args.name, inputs);
        const state = { ...inputs, ...outputs };
        world.resources.push({ type: args.type, name: args.name, id, inputs, outputs: state });
        return { id, state };
      },
      call(args) {
        world.calls.push({ token: args.token, inputs: args.inputs });
        return call(args.token, args.inputs);
      },
    },
    project,
    "test",
    false,
  );
  return world;
}

/** Resolves an exported Output of the program (mocks resolve everything known). */
export function valueOf<T>(output: pulumi.Output<T> | undefined): Promise<T> {
  if (!output) throw new Error("the program does not export that value");
  return new Promise((resolve) => output.apply(resolve));
}

/** Waits until every resource registration the program started has reached the mocks. */
export async function settled(world: MockWorld, count: number): Promise<void> {
  for (let turns = 0; world.resources.length < count && turns < 1000; turns++) await new Promise((resolve) => setImmediate(resolve));
  if (world.resources.length < count) throw new Error(`the program declared ${world.resources.length} resources, expected ${count}`);
}
