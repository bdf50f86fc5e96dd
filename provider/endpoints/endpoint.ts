/**
 * How an endpoint is described: one record of data per endpoint (method, path template, credential, body
 * and query from the call's arguments, what a success holds, which statuses mean "already gone"), in the
 * area modules next to this one. The client turns a record and a call's arguments into a request; no
 * endpoint's request code is written anywhere else.
 */
import type { EyesonAuthKind } from "../errors";
import { REDACTED } from "../redact";
import { isCredentialField } from "../http/secrets";
import type { QueryValue } from "../http/wireCase";
import type { EyesonApi } from "../eyesonApi";

/** The HTTP methods eyeson uses (it has no PATCH). */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One field of a multipart body: a text value, or a file with its type and name. */
export type MultipartField =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string;
      readonly file: { readonly data: Uint8Array; readonly type: string; readonly filename: string };
    };

/** A request body, described: JSON already in wire shape (snake_case keys), or multipart fields. */
export type RequestBody = { readonly json: unknown } | { readonly multipart: readonly MultipartField[] };

/**
 * What a successful answer holds, and so how the client reads it and what its method resolves with:
 * - `object`: a JSON object (with `requires`, one that has that string field);
 * - `list`: a JSON array, or a page object read for its items; an empty body is an empty list;
 * - `pages`: a room's recordings or snapshots, one page of 25 or, with `all: true`, every page;
 * - `nothing`: a status only; whatever body comes back is ignored;
 * - `deleted`: a delete, resolving `true`, or `false` for a `missingOk` status (see `missingOk`);
 * - `permalinkPage`: a page of permalinks, or with `all: true` every page from `page` on, merged;
 * - `objectOrReread`: a JSON object, or nothing (204, empty 200), after which the object is read again;
 * - `webhookOrNone`: the webhook, or `null` for a 404, an empty body, JSON null or an object without `id`.
 */
export type Answer =
  "object" | "list" | "pages" | "nothing" | "deleted" | "permalinkPage" | "objectOrReread" | "webhookOrNone";

/**
 * The statuses a delete takes as "already gone" when the caller passes `missingOk`: 404 in eyeson's error
 * envelope, and 410 on access-key paths, where it means the meeting and so its objects are over
 * (`docs/api-notes.md`, "Deleting, and what \"gone\" means").
 */
export type GoneStatus = 404 | 410;

/** One endpoint of the API, as data; `A` is the shape of the call's arguments that feed body and query. */
export interface Endpoint<A = undefined> {
  readonly method: HttpMethod;
  /**
   * The path, with `{name}` for each segment taken from the call (every one URL-encoded). A segment named
   * like a credential field (`accessKey`, `guestToken`, `userToken`) is shown as `***` in errors and logs.
   */
  readonly path: string;
  /** The credential the call is authorised by; only `api_key` calls carry the `Authorization` header. */
  readonly auth: EyesonAuthKind;
  /** The body, built from the call's arguments; absent: the request has none. */
  readonly body?: (args: A) => RequestBody;
  /** Query parameters (camelCase, sent snake_case), from the call's arguments. */
  readonly query?: (args: A) => Readonly<Record<string, QueryValue>>;
  /** What a success holds: how the client reads it. */
  readonly answer: Answer;
  /** For `objectOrReread` answers: the client method that reads the object again, e.g. `getPermalink`. */
  readonly reread?: keyof EyesonApi;
  /** For `object` answers: a dotted field that must be a non-empty string, e.g. `permalink.id`. */
  readonly requires?: string;
  /** For deletes: the statuses that mean "already gone" under `missingOk`. */
  readonly missingOk?: readonly GoneStatus[];
}

/** An endpoint with the client method it is sent by, also named in errors (e.g. `createPermalink`). */
export type NamedEndpoint<A = undefined> = Endpoint<A> & { readonly operation: string };

/**
 * The names of an endpoint's `{name}` path segments, in order: the client method takes them first, in this
 * order, then the call's arguments (body or query) or a delete's options.
 */
export function pathNames(endpoint: Pick<Endpoint<never>, "path">): string[] {
  return [...endpoint.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
}

/** The values of an endpoint's `{name}` path segments. */
export type PathParams = Readonly<Record<string, string | number>>;

/** A request path, the same path with credentials replaced by `***`, and those credentials. */
export interface Route {
  readonly path: string;
  readonly redacted: string;
  readonly secrets: readonly string[];
}

/** A JSON body from arguments in program shape (camelCase), already converted by the caller. */
export function json(body: unknown): RequestBody {
  return { json: body };
}

/**
 * The route of `endpoint` for `params`: every segment URL-encoded, credentials hidden in `redacted`. Throws a
 * `TypeError` naming (never showing) a segment that is missing or empty: it may be a credential.
 */
export function routeOf(endpoint: Pick<Endpoint<never>, "path">, params: PathParams): Route {
  const secrets: string[] = [];
  let path = "";
  let redacted = "";
  for (const part of endpoint.path.split(/(\{[A-Za-z]+\})/)) {
    const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      path += part;
      redacted += part;
      continue;
    }
    const raw = params[name];
    const text = typeof raw === "number" ? String(raw) : raw;
    if (typeof text !== "string" || text === "") {
      throw new TypeError(`eyeson client: ${name} must be a non-empty string`);
    }
    const encoded = encodeURIComponent(text);
    path += encoded;
    if (isCredentialField(name)) {
      redacted += REDACTED;
      secrets.push(text);
    } else {
      redacted += encoded;
    }
  }
  return { path, redacted, secrets };
}
