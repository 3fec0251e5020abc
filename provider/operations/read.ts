/**
 * Refresh and import, for any resource: GET it. A 404 drops it from the stack (an empty id) only
 * when Atlas says so and a second look after a short pause agrees (waiting/gone.ts); a record still
 * being created gets the create's grace instead. Any other error is an error, never a deletion.
 */
import { AtlasClientError, isAtlasNotFound, type AtlasClient } from "../client";
import { connectToAtlas } from "../host/connection";
import { reportProgress } from "../host/stderr";
import type { Timeouts } from "../vocabulary/time";
import { resolveWith, type InputVocabulary } from "../vocabulary/validation";
import { goneTwiceFor, graceForRecorded } from "../waiting/gone";
import type { AtlasResource, Props } from "./kind";

/** Atlas's answer first, then what it means for the stack and what to run. */
export function keptInStack(error: unknown, what: string, operation: "refresh" | "delete"): unknown {
  if (!(error instanceof AtlasClientError)) return error;
  const next =
    operation === "refresh"
      ? `Could not refresh ${what}: the stack keeps it as it was; run \`pulumi refresh\` again once Atlas answers.`
      : `Could not delete ${what}: it stays in the stack; run \`pulumi destroy\` again once the cause is fixed or Atlas recovers.`;
  return new Error(`${error.message}. ${next}`, { cause: error });
}

/**
 * After Atlas answered 404 for what `ref` names: what a second look finds, or undefined when it is
 * gone as gone.ts says (Atlas's own 404, twice; a record still being created also through the
 * create's grace).
 */
export async function lookAfterNotFound<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  client: AtlasClient,
  ref: Ref,
  notFound: unknown,
  props: Props,
  timeoutMs?: number,
): Promise<Answer | undefined> {
  const phase = resource.statuses.recordedPhase(props);
  if (phase === "pending") {
    reportProgress(
      `${resource.ids.describe(ref)}: not found in Atlas (404) while it was still being created; looking again, as Atlas may not list a new one at once`,
    );
  }
  // Only Atlas saying it is gone, twice, drops it (not a proxy's 404, not a missing project, not one lagging read).
  const look = await goneTwiceFor(resource, client, ref, notFound, {
    grace: graceForRecorded(phase),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return look.kind === "found" ? look.value : undefined;
}

/** Reads what `ref` names; undefined only when it is gone as lookAfterNotFound says. */
export async function readOrGone<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  client: AtlasClient,
  ref: Ref,
  props: Props,
): Promise<Answer | undefined> {
  try {
    return await resource.read.get(client, ref);
  } catch (error) {
    if (!isAtlasNotFound(error)) throw error;
    return lookAfterNotFound(resource, client, ref, error, props);
  }
}

/** What refresh records: the outputs, and the inputs as Atlas has them (an empty id: gone). */
export interface Refreshed<Outputs> {
  id: string;
  props?: Outputs;
  inputs?: Props;
}

export async function readWith<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs>(
  resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
  id: string,
  props: Props,
): Promise<Refreshed<Outputs>> {
  const client = connectToAtlas();
  let ref: Ref | undefined;
  let answer: Answer | undefined;
  try {
    ref = await resource.read.locate(client, id, props);
    if (ref !== undefined) answer = await readOrGone(resource, client, ref, props);
  } catch (error) {
    throw keptInStack(error, ref === undefined ? `${resource.name} ${id}` : resource.ids.describe(ref), "refresh");
  }
  if (ref === undefined || answer === undefined) {
    reportProgress(
      `${ref === undefined ? `${resource.name} ${id}` : resource.ids.describe(ref)}: not found in Atlas (404) twice; it is gone`,
    );
    return { id: "" };
  }
  const declared = declaredIn(resource, props) ?? resource.read.inAtlas(ref, props, answer);
  const outputs = resource.read.refreshedOutputs
    ? await resource.read.refreshedOutputs(client, ref, declared, answer, props)
    : resource.outputs.outputsOf(declared, answer, { ref, adopted: props.adopted === true });
  return { id: resource.ids.idOf(ref), props: outputs, inputs: resource.read.refreshedInputs(outputs, answer) };
}

/** The inputs a record declared, resolved as check would; undefined when it declares none that resolve (an import). */
function declaredIn<Inputs>(resource: { inputs: { vocabulary: InputVocabulary<Inputs> } }, props: Props): Inputs | undefined {
  try {
    return resolveWith(resource.inputs.vocabulary, props);
  } catch {
    return undefined;
  }
}
