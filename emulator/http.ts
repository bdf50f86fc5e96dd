/**
 * The small routing vocabulary shared by the route modules and the server, and the body reader and response
 * writer the controls use too.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES, type Params } from "./decode";
import type { AuthKind } from "./entities";
import { ApiError } from "./errors";
import { readParams, type Fields, type UnknownParameters } from "./params";
import type { EmulatorStore } from "./store";
import type { Json } from "./views";

/** Everything a route handler may look at. */
export interface RequestContext {
  readonly method: string;
  /** The raw path, without the query string. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** The query string and the body, merged as Rails merges them (`mergeParams` in the `decode` module). */
  readonly input: Params;
  /** What this request does with parameters its endpoint does not take; `readInput` applies it. */
  readonly unknown: UnknownParameters;
  readonly headers: IncomingHttpHeaders;
  readonly store: EmulatorStore;
  /** Set by the auth helpers; logged with the request. */
  auth: AuthKind;
}

/** What a handler answers; `body` undefined means an empty body. */
export interface ApiResponse {
  readonly status: number;
  readonly body?: Json;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The fields of a context a route's `when` predicate may use (the body is not decoded yet). */
export type RouteProbe = Pick<RequestContext, "params" | "headers" | "store">;

/** One endpoint: method, path pattern with `:name` segments, and its handler. */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly pattern: string;
  /** Path parameters that carry credentials; the request log shows them as `***`. */
  readonly secret?: readonly string[];
  /** Disambiguates two routes with the same shape (e.g. `/rooms/:accessKey` vs `/rooms/:roomId`). */
  readonly when?: (probe: RouteProbe) => boolean;
  readonly handle: (ctx: RequestContext) => ApiResponse;
}

/** A route that matched a path, with its decoded parameters. */
export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
  /** `METHOD /pattern`, e.g. `POST /permalink/:userToken`. */
  readonly name: string;
}

/** Matches `path` against `pattern`; returns the parameters or undefined. */
function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i].startsWith(":")) {
      let value: string;
      try {
        value = decodeURIComponent(got[i]);
      } catch {
        return undefined;
      }
      params[want[i].slice(1)] = value;
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

/**
 * Finds the route for a request. When nothing matched, `allowed` lists the methods the path has (in route
 * order): non-empty means a 405 with those methods in `Allow`, empty a 404.
 */
export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
  probe: Omit<RouteProbe, "params">,
): { match?: RouteMatch; allowed: readonly string[] } {
  const allowed: string[] = [];
  let methodServed = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method !== method) {
      if (!allowed.includes(route.method)) allowed.push(route.method);
      continue;
    }
    methodServed = true;
    if (route.when && !route.when({ ...probe, params })) continue;
    return { match: { route, params, name: `${route.method} ${route.pattern}` }, allowed: [] };
  }
  // The path takes this method but no route's `when` accepted the request: unknown object, not wrong method.
  return { allowed: methodServed ? [] : allowed };
}

/**
 * Reads a request's parameters (`ctx.input`, or a reshaped copy of it such as the unwrapped `playback[...]`)
 * against the endpoint's schema, ignoring and noting, or in strict mode refusing, the keys it does not name.
 * Every handler calls it once, also one that takes nothing (`NO_PARAMS`), so that every request says what it
 * ignored.
 */
export function readInput<T>(ctx: RequestContext, fields: Fields, input: Params = ctx.input): T {
  return readParams<T>(fields, input, ctx.unknown);
}

/** A JSON response. */
export function json(status: number, body: Json): ApiResponse {
  return { status, body };
}

/** A response with no body (most action endpoints answer only a status; `docs/api-notes.md`, "Errors and statuses"). */
export function empty(status: number): ApiResponse {
  return { status };
}

/** True when the request carries an `Authorization` header (any value). */
export function hasAuthorization(probe: Pick<RequestContext, "headers">): boolean {
  return typeof probe.headers.authorization === "string";
}

/**
 * Checks the raw API key in `Authorization` (no `Bearer`; `docs/api-notes.md`, "Credentials"). Failures answer `failStatus`: 401 on
 * the permalink and forward calls, 403 on `/rooms`, `/webhooks`, recordings and snapshots ("Errors and statuses").
 */
export function requireApiKey(ctx: RequestContext, failStatus: 401 | 403): string {
  ctx.auth = "api_key";
  const header = ctx.headers.authorization;
  if (typeof header !== "string" || header === "") throw new ApiError(failStatus, "Missing API key");
  if (!ctx.store.core.apiKeys.includes(header)) throw new ApiError(failStatus, "Invalid API key");
  return header;
}

/**
 * Reads the body; fails with 413 as soon as it is known to exceed `MAX_BODY_BYTES` (from `Content-Length`
 * before any byte arrives, else while counting) and drains the rest, so the connection stays usable.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge();
      else chunks.push(chunk);
    };
    const tooLarge = (): void => {
      req.off("data", onData);
      req.resume();
      reject(new ApiError(413, "Request body too large"));
    };
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) tooLarge();
    else req.on("data", onData);
  });
}

/** Writes a JSON or empty response (no body for 204, and none when the handler gave none). */
export function send(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string | number> = { ...(response.headers ?? {}) };
  if (response.body === undefined || response.status === 204) {
    headers["content-length"] = 0;
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  headers["content-type"] = "application/json; charset=utf-8";
  headers["content-length"] = Buffer.byteLength(text);
  res.writeHead(response.status, headers);
  res.end(text);
}
