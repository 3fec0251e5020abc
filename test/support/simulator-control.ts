import type {
  ClusterInput,
  DataFederationEndpointSummary,
  EndpointSummary,
  FaultSpec,
  RequestLogEntry,
  StreamPrivateLinkSummary,
  TransitionDelays,
} from "../../simulator";

/**
 * Looks until `condition` holds. The count of looks is only a ceiling for a failing run (a state
 * that never comes), never a race with the work.
 */
export async function until(condition: () => Promise<boolean> | boolean, what: string, looks = 3_000): Promise<void> {
  for (let look = 0; !(await condition()); look++) {
    if (look >= looks) throw new Error(`gave up after ${looks} looks waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** An endpoint as the simulator holds it (its control API's view of what Atlas has). */
export type SimulatedEndpoint = EndpointSummary;
/** A Data Federation / Online Archive private endpoint entry as the simulator holds it. */
export type SimulatedDataFederationEndpoint = DataFederationEndpointSummary;
/** A stream processing private link connection as the simulator holds it. */
export type SimulatedStreamPrivateLink = StreamPrivateLinkSummary;

/** How the next new Data Federation entries end: FAILED with a message, or PENDING for good. */
export type DataFederationOutcome = { status: "FAILED"; errorMessage?: string; count?: number } | { status: "PENDING"; count?: number };
/** How the next new stream private link connections end: FAILED with a message, or WORKING for good. */
export type StreamPrivateLinkOutcome = { state: "FAILED"; errorMessage?: string; count?: number } | { state: "WORKING"; count?: number };

export interface ControlAnswer {
  status: number;
  /** The parsed JSON body, or undefined when the answer had none. */
  body: any;
}

/**
 * The typed client of the simulator's control API (`/__simulator/*`, apart from Atlas's routes,
 * as moto keeps `/moto-api/`): request log, faults, pace and config, what it holds (endpoints, regional mode,
 * Data Federation entries, stream private links), how the next entries end, and its clusters.
 * Client, provider, e2e and simulator tests all drive the simulator through this one client.
 */
export class SimulatorControl {
  constructor(readonly baseUrl: string) {}

  /** Any control call, whatever it answers (tests of the control API check its refusals). */
  async send(method: string, path: string, body?: unknown): Promise<ControlAnswer> {
    const response = await fetch(`${this.baseUrl}/__simulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A control call that must succeed; throws naming the call and the answer. */
  async call(method: string, path: string, body?: unknown): Promise<any> {
    const answer = await this.send(method, path, body);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`simulator control ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  async requests(): Promise<RequestLogEntry[]> {
    return ((await this.call("GET", "requests")) as { requests: RequestLogEntry[] }).requests;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "requests");
  }

  /** Atlas requests the simulator is still handling (a delay fault holds one until it is carried out). */
  async inFlight(): Promise<number> {
    return ((await this.call("GET", "in-flight")) as { inFlight: number }).inFlight;
  }

  /**
   * Resolves once the simulator handles no Atlas request: a request a delay fault holds is still
   * carried out after its client gave up (a late create still creates), so what Atlas holds is only
   * final after it. The count of looks is a ceiling for a failing run, never a race with the work.
   */
  async settled(): Promise<void> {
    await until(async () => (await this.inFlight()) === 0, "the simulator handles no request", 6_000);
  }

  async fault(spec: FaultSpec): Promise<void> {
    await this.call("POST", "faults", spec);
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "faults");
  }

  async config(patch: Record<string, unknown>): Promise<void> {
    await this.call("POST", "config", patch);
  }

  async delays(delays: Partial<TransitionDelays>): Promise<void> {
    await this.config({ delays });
  }

  /**
   * Moves the simulator's clock forward by `ms` (wall-clock ms, not scaled): phases, nonces, tokens,
   * eventual consistency and rate-limit refills all see the jump. Lets a test hold a long phase and
   * then end it, instead of sleeping. Answers the simulator's time after the jump.
   */
  async advance(ms: number): Promise<{ now: number; offsetMs: number }> {
    return await this.call("POST", "clock", { advanceMs: ms });
  }

  /** Switches on Atlas dialect variations (null: back to the recorded default). */
  async dialect(patch: Record<string, unknown> | null): Promise<void> {
    if (patch === null) await this.call("DELETE", "dialect");
    else await this.call("POST", "dialect", patch);
  }

  async endpoints(): Promise<SimulatedEndpoint[]> {
    return ((await this.call("GET", "endpoints")) as { endpoints: SimulatedEndpoint[] }).endpoints;
  }

  /** Every project's regionalized private endpoint setting. */
  async regionalModes(): Promise<{ groupId: string; enabled: boolean }[]> {
    return ((await this.call("GET", "regional-mode")) as { projects: { groupId: string; enabled: boolean }[] }).projects;
  }

  /** Every Data Federation entry Atlas still holds (DELETING ones included, until they are gone). */
  async dataFederationEndpoints(): Promise<SimulatedDataFederationEndpoint[]> {
    return ((await this.call("GET", "data-federation-endpoints")) as { entries: SimulatedDataFederationEndpoint[] }).entries;
  }

  /** Every stream private link connection Atlas still holds (deleting ones included, until they are gone). */
  async streamPrivateLinks(): Promise<SimulatedStreamPrivateLink[]> {
    return ((await this.call("GET", "stream-private-links")) as { connections: SimulatedStreamPrivateLink[] }).connections;
  }

  /** Decides how the next new Data Federation entries end; answers how many outcomes are armed. */
  async nextDataFederationEndpoint(outcome: DataFederationOutcome): Promise<number> {
    return ((await this.call("POST", "data-federation-endpoints/next", outcome)) as { armed: number }).armed;
  }

  /** Decides how the next new stream private link connections end; answers how many outcomes are armed. */
  async nextStreamPrivateLink(outcome: StreamPrivateLinkOutcome): Promise<number> {
    return ((await this.call("POST", "stream-private-links/next", outcome)) as { armed: number }).armed;
  }

  /** Disarms every outcome a test armed and no create used. */
  async clearOutcomes(): Promise<void> {
    await this.call("DELETE", "data-federation-endpoints/next");
    await this.call("DELETE", "stream-private-links/next");
  }

  /** Adds a cluster (to the seeded project unless `groupId` names another); answers its ClusterDescription. */
  async addCluster(input: ClusterInput, groupId?: string): Promise<any> {
    return await this.call("POST", `clusters${groupQuery(groupId)}`, input);
  }

  async removeCluster(name: string, groupId?: string): Promise<void> {
    await this.call("DELETE", `clusters/${encodeURIComponent(name)}${groupQuery(groupId)}`);
  }

  /** Holds a cluster UPDATING (an upgrade, say) or releases it. */
  async holdCluster(name: string, busy: boolean, groupId?: string): Promise<void> {
    await this.call("POST", `clusters/${encodeURIComponent(name)}/busy${groupQuery(groupId)}`, { busy });
  }
}

const groupQuery = (groupId: string | undefined) => (groupId === undefined ? "" : `?groupId=${groupId}`);
