/** What the simulator saw: never headers or bodies, so no secret can land here. */
export type RequestLogEntry = {
  method: string;
  /** The raw path as received, still percent-encoded. */
  path: string;
  /** The raw query string without `?` ("" if none). */
  query: string;
  /** 0 while unanswered, or when a fault dropped the connection. */
  status: number;
  /** "challenge" = a 401 that carried a digest challenge. */
  auth: "none" | "digest" | "bearer" | "challenge";
  at: number;
  /** The handler ran, then dialect.answerLost dropped the connection or answered 502. */
  answerLost?: true;
  /**
   * The status an entity answer carried (an endpoint's connectionStatus or status, an endpoint service's or Data
   * Federation entry's status, a stream private link's state), if any.
   */
  answeredStatus?: string;
  /**
   * The dialect variations that shaped this answer's body, so a test can show the client met them:
   * `omitCreateStatus`, `extraFields`, `portMappedEndpointName`.
   */
  shapedBy?: string[];
};

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  all(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
