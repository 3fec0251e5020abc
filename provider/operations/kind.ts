/**
 * A resource, as the lifecycle in this folder runs it: a record of what differs from one Atlas
 * resource to the next (its Atlas calls, statuses, ids, inputs and outputs, adoption and diff
 * rules). Each resource folder's lifecycle.ts fills one in; create, settle, read, update, delete
 * and diff here are the same code for all of them.
 */
import type { AtlasClient } from "../client";
import type { Observation } from "../waiting/status-table";
import type { Watched } from "../waiting/watched";
import type { Timeouts } from "../vocabulary/time";
import type { InputVocabulary } from "../vocabulary/validation";
import type { DiffRules } from "./diff";

export type Props = Record<string, unknown>;

/** Where the Atlas object a create settles on came from. */
export interface Placed<Ref, Answer> {
  ref: Ref;
  /** What Atlas last answered for it; undefined when it said yes with an answer that could not be read. */
  answer: Answer | undefined;
  /** It existed before this resource and was taken over. */
  adopted: boolean;
  /** When Atlas accepted the create (its 404s soon after are eventual consistency); undefined when adopted or resumed. */
  acceptedAt?: number;
}

/** One settle: after Atlas said yes to a create (or an adoption, or a resumed create). */
export interface Settling<Inputs, Ref, Answer> {
  /** The Pulumi id, recorded even when the wait fails. */
  id: string;
  inputs: Inputs;
  placed: Placed<Ref, Answer>;
  /** The serialized provider, copied into recorded properties so later operations can load it. */
  provider: unknown;
  /** The create timeout, counted from `startedAt` (when the create or its resumption began). */
  timeoutMs: number;
  startedAt: number;
}

/**
 * A resource is its folder: each file of it (inputs.ts, ids.ts, statuses.ts, create.ts ...) exports
 * the same names in every resource folder, and its lifecycle.ts puts the files together as this
 * record. A reader who knows one folder knows them all; the operations here know only this shape.
 */
export interface AtlasResource<Inputs extends { timeouts?: Timeouts }, Ref, Answer, Outputs> extends Watched<Ref, Answer> {
  readonly inputs: {
    /** What check validates, and the typed inputs every operation resolves. */
    readonly vocabulary: InputVocabulary<Inputs>;
  };
  readonly outputs: {
    /** The one converter to outputs. `answer` is undefined when Atlas was never read; `ref` when Atlas has not named it yet. */
    outputsOf(inputs: Inputs, answer: Answer | undefined, placed: { ref: Ref | undefined; adopted: boolean }): Outputs;
  };
  readonly ids: Watched<Ref, Answer>["ids"] & {
    /** The Pulumi id of the object `ref` names. */
    idOf(ref: Ref): string;
    /** The id recorded for a create Atlas may have carried out but never confirmed. */
    unconfirmedId(inputs: Inputs): string;
  };
  readonly statuses: Watched<Ref, Answer>["statuses"] & {
    /** Where the recorded outputs say it is (its recorded status); undefined when they record none. */
    recordedPhase(props: Props): Observation["phase"] | undefined;
  };
  readonly create: {
    /**
     * Finds or makes the Atlas object: the POST, a 409, an answer lost or unreadable, adoption.
     * Throws CreateUnconfirmed when Atlas may hold one this create cannot name yet.
     */
    place(client: AtlasClient, inputs: Inputs): Promise<Placed<Ref, Answer>>;
    /** What a resumed update says when Atlas no longer has it ("registering it again"). */
    readonly again: string;
  };
  readonly settle: {
    /** How a message says Atlas holds it ("is registered with Atlas", "exists in Atlas"). */
    readonly held: string;
    /** After the ready-wait: what else to wait for (an endpoint's clusters); the outputs. */
    ready?(client: AtlasClient, settling: Settling<Inputs, Ref, Answer>, answer: Answer, record: () => Props): Promise<Outputs>;
    /** What to run after it failed (FAILED, REJECTED, gone while waiting). */
    failedAdvice(observation: Observation): string;
    /** The create deadline passed: what to do and say (the default records it as not ready). */
    onDeadline?(
      resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
      client: AtlasClient,
      settling: Settling<Inputs, Ref, Answer>,
      lastStatus: string,
      record: () => Props,
    ): Promise<never>;
  };
  readonly read: Watched<Ref, Answer>["read"] & {
    /**
     * The object a record in state names. Undefined: the record is of a create Atlas never confirmed,
     * and Atlas holds nothing it could be.
     */
    locate(client: AtlasClient, id: string, props: Props): Promise<Ref | undefined>;
    /**
     * The inputs when the record declares none that resolve (an import: no state), from what the ref and Atlas
     * say they are; `props` may still hold the options (which Atlas does not know).
     */
    inAtlas(ref: Ref, props: Props, answer: Answer): Inputs;
    /** The refreshed outputs (default: the converter's); an endpoint also reads its connection strings. */
    refreshedOutputs?(client: AtlasClient, ref: Ref, declared: Inputs, answer: Answer, props: Props): Promise<Outputs>;
    /** The inputs as Atlas has them now, so a refresh shows drift against the program. */
    refreshedInputs(outputs: Outputs, answer: Answer): Props;
  };
  readonly update: {
    /** A resource recorded as ready: options, and whatever Atlas changes in place. */
    updateSettled(id: string, olds: Props, news: Props, inputs: Inputs): Promise<Outputs>;
  };
  readonly delete: {
    /** Asks Atlas to delete it (a DELETE). */
    remove(client: AtlasClient, ref: Ref): Promise<void>;
    /** Why destroy leaves it in Atlas (an adopted service other stacks may use); undefined to delete it. */
    keeps?(id: string, props: Props): string | undefined;
    /**
     * What destroy waits for after `remove`, for a resource Atlas never forgets (a project setting,
     * which `remove` puts back as it was): resolves when done, throws what to do when not.
     * Undefined: until Atlas answers its own 404 (waiting/waits.ts, waitUntilGone).
     */
    untilRemoved?(client: AtlasClient, ref: Ref, deleteTimeoutMs: number): Promise<void>;
    /** Atlas refused the DELETE (not a 404): resolves when it is going anyway, else throws what to do. */
    refused(
      resource: AtlasResource<Inputs, Ref, Answer, Outputs>,
      client: AtlasClient,
      ref: Ref,
      refusal: Error,
      deleteTimeoutMs: number,
    ): Promise<void>;
  };
  readonly diff: {
    readonly rules: DiffRules;
  };
}
