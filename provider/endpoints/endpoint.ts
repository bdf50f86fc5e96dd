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
import type { EyesonApi } from "../types";

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

/** What a successful answer holds: a JSON object, a JSON array (an empty body is an empty list), nothing. */
export type Answer = "object" | "list" | "nothing";

/**
 * The statuses a delete takes as "already gone" when the caller passes `missingOk`: 404 in eyeson's error
 * envelope, and 410 on access-key paths, where it means the meeting and so its objects are over
 * (`docs/api-notes.md`, "Deleting, and what \"gone\" means").
 */
export type GoneStatus = 404 | 410;

/** One endpoint of the API, as data; `A` is the shape of the call's arguments that feed body and query. */
export interface Endpoint<A = undefined> {
  /** The client method, also named in errors, e.g. `createPermalink`. */
  readonly operation: keyof EyesonApi;
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
  /** What a success holds. */
  readonly answer: Answer;
  /** For deletes: the statuses that mean "already gone" under `missingOk`. */
  readonly missingOk?: readonly GoneStatus[];
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
