import type { AtlasApiError, AtlasClient } from "../client";
import type { Observation } from "./status-table";

/**
 * What the waits need of a resource, whichever it is: how to read it, what its answers mean, and how
 * messages name it. The parts of a resource folder's files (ids.ts, read.ts, statuses.ts) a wait uses.
 */
export interface Watched<Ref, Answer> {
  /** The resource's type name ("PrivateEndpoint"). */
  readonly name: string;
  readonly ids: {
    /** How progress lines and errors name one (no secrets in it). */
    describe(ref: Ref): string;
  };
  readonly read: {
    /** One GET; Atlas's 404 when it has none. */
    get(client: AtlasClient, ref: Ref): Promise<Answer>;
    /** Resolves when a 404 is Atlas saying this resource is gone; throws NotConfirmedGone (what to check) otherwise. */
    confirmGone(client: AtlasClient, ref: Ref, notFound: AtlasApiError): Promise<void>;
  };
  readonly statuses: {
    /** What the ready-wait waits for, as progress lines say it ("AVAILABLE"). */
    readonly readyStatus: string;
    /** Where an answer says the resource is (its status table). */
    observe(answer: Answer): Observation;
    /** A status the table does not list yet; undefined when known or absent. */
    unknownStatus(answer: Answer): string | undefined;
  };
}
