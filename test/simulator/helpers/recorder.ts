/** Every response a test client saw, kept per test file for the contract check in afterAll. */
export type RecordedExchange = {
  method: string;
  /** Path and query exactly as sent (percent-encoding kept). */
  target: string;
  status: number;
  contentType: string | null;
  text: string;
  /** The JSON request body, when one was sent. */
  requestBody?: unknown;
};

export const recorded: RecordedExchange[] = [];

export function record(exchange: RecordedExchange): void {
  recorded.push(exchange);
}
