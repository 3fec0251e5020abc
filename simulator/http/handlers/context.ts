import type { Dialect } from "../../dialect";
import type { AtlasBackend } from "../../model/backend";

export type HandlerContext = {
  /** Path parameters, raw (still percent-encoded). */
  params: Record<string, string>;
  /** The query string, parsed (paging of list operations). */
  query: URLSearchParams;
  body: Buffer;
  backend: AtlasBackend;
  dialect: Readonly<Dialect>;
};

export type HandlerResult = { status: 200 | 201 | 202; body: unknown } | { status: 204 };

export type Handler = (context: HandlerContext) => HandlerResult;
