/** Every response a test client saw, kept per test file for the contract check in afterAll. */
export type RecordedExchange = {
  method: string;
  /** Path and query exactly as sent (percent-encoding kept). */
  target: string;
  status: number;
  contentType: string | null;
  text: string;
  /** True when the answer came from a fault the test injected (X-Simulator-Fault), not from the simulator's behaviour. */
  injectedFault?: boolean;
  /** True when a dialect variation was on (X-Simulator-Dialect: varied): its answers leave the spec on purpose. */
  variedDialect?: boolean;
  /** The JSON request body, when one was sent. */
  requestBody?: unknown;
  /** The request's Content-Type (its API version), when a body was sent. */
  requestContentType?: string;
};

export const recorded: RecordedExchange[] = [];

export function record(exchange: RecordedExchange): void {
  recorded.push(exchange);
}
