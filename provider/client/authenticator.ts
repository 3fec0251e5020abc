import type { HttpResponse } from "./transport";

/** How requests get their Authorization header, and what a 401 teaches. Implemented per credential kind. */
export interface Authenticator {
  /** Header value for this request, or undefined to go without (digest before any challenge is known). */
  authorize(method: string, uri: string): Promise<string | undefined>;
  /**
   * After a 401 to a request sent with `sentAuthorization`: update state (new challenge, drop the
   * token) and say whether sending again could succeed. A `RetryAuthorization` is the header the
   * retry must use, reserved for that one request.
   */
  recover(
    response: HttpResponse,
    sentAuthorization: string | undefined,
    method: string,
    uri: string,
  ): Promise<boolean | RetryAuthorization>;
}

/** An Authorization header for one retry only; `answered` runs once that retry got a non-401 answer. */
export interface RetryAuthorization {
  authorization: string;
  answered(): void;
}
