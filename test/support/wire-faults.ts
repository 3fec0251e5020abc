/**
 * The fault rows every resource's fault table shares, because they test the one client under it: 429s with
 * Retry-After, a burst of 5xx, dropped connections, answers slower than the request timeout. Each resource's table
 * (fault-matrix.test.ts for PrivateEndpoint, stream-private-link/faults.test.ts) says how its operation arms a fault
 * on its own paths and which requests in the log are its own; the rows say what must happen, and what the request
 * log must show for the fault to have fired.
 */
import type { FaultSpec, RequestLogEntry } from "../../simulator";

/** What a row needs of a case: which operation, and the methods it sends to the resource. */
export interface WireCase {
  operation: "create" | "refresh" | "destroy";
  /** POST+GET for a create, GET for a refresh, DELETE+GET for a destroy. */
  methods: string[];
}

export interface WireRow<C extends WireCase> {
  sentence: string;
  outcome: "completes";
  arm(c: C): Promise<void>;
  verify(c: C, requests: RequestLogEntry[]): void;
}

export interface Wire<C extends WireCase> {
  /** Arms one fault (`count` 1 unless the spec says otherwise) per method, on the paths the case's resource uses. */
  armEach(c: C, spec: Partial<FaultSpec>, methods?: string[]): Promise<void>;
  /** The log's requests to the case's resource. */
  requestsOf(c: C, requests: RequestLogEntry[]): RequestLogEntry[];
  /** The progress lines of the current test. */
  progress(): string[];
  /** What a create's progress says when its retried POST met Atlas's 409 for the object its first POST made. */
  retriedCreateFound: string;
}

/** The four rows, in the order the tables list them: storm, burst, dropped connections, slow answers. */
export function wireFaults<C extends WireCase>(wire: Wire<C>, requestTimeoutMs: number): [WireRow<C>, WireRow<C>, WireRow<C>, WireRow<C>] {
  const retries = (pattern: RegExp) => wire.progress().filter((line) => pattern.test(line)).length;
  return [
    {
      sentence: "completes through a 429 storm with Retry-After",
      outcome: "completes",
      arm: (c) => wire.armEach(c, { status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 0, count: 5 }),
      verify: (c, requests) => expect(wire.requestsOf(c, requests).filter((r) => r.status === 429)).toHaveLength(5 * c.methods.length),
    },
    {
      sentence: "completes through a burst of 500, 502 and 503",
      outcome: "completes",
      arm: async (c) => {
        for (const status of [500, 502, 503]) await wire.armEach(c, { status });
      },
      verify: (c, requests) => expect(wire.requestsOf(c, requests).filter((r) => r.status >= 500)).toHaveLength(3 * c.methods.length),
    },
    {
      sentence: "completes through dropped connections",
      outcome: "completes",
      arm: (c) => wire.armEach(c, { dropConnection: true, count: 2 }),
      verify: () => expect(retries(/failed \(E[A-Z]+\); retrying/)).toBeGreaterThanOrEqual(2),
    },
    {
      // Two slow answers in a row: the first request is carried out after the client gave up on it, so a
      // retried create meets Atlas's 409 for the create's own object and must carry on with it.
      sentence: "completes when answers come slower than the request timeout",
      outcome: "completes",
      arm: async (c) => {
        for (const method of c.methods) {
          await wire.armEach(c, { delayMs: requestTimeoutMs + 100, count: method === "POST" ? 2 : 1 }, [method]);
        }
      },
      verify: (c, requests) => {
        expect(retries(/failed \(ETIMEDOUT\); retrying/)).toBeGreaterThanOrEqual(c.methods.length);
        if (c.operation !== "create") return;
        // One POST (the late first, unless a loaded machine let a retry overtake it) created the object; the
        // others met 409, and the create carried on with its own.
        const posts = wire
          .requestsOf(c, requests)
          .filter((r) => r.method === "POST" && r.auth !== "challenge")
          .map((r) => r.status);
        expect(posts.sort()).toEqual([200, ...posts.slice(1).map(() => 409)]);
        expect(wire.progress().some((line) => line.includes(wire.retriedCreateFound))).toBe(true);
      },
    },
  ];
}
