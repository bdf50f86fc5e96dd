/**
 * The errors pulumi-eyeson throws: a small vocabulary, one factory per failure source, no secrets.
 *
 * Every class carries a brand (a `Symbol.for` key, so two loaded copies of this module agree): `instanceof`
 * and `static isInstance()` both check the brand, so either works across package copies. Every class has a
 * stable `code` (its static `code`, also on each instance), and a failure caused by another error (a socket
 * error, a body that is not JSON) carries it as `cause`, scrubbed of secrets like the message.
 */
import { STATUS_CODES } from "node:http";
import { redact } from "./redact";

export { redact, REDACTED } from "./redact";

const KINDS = Symbol.for("pulumi-eyeson:error-kinds");
const KIND = Symbol.for("pulumi-eyeson:error-kind");

/** How the failed request was authorised; it decides which hint helps (`docs/api-notes.md`, "Credentials"). */
export type EyesonAuthKind = "api_key" | "access_key" | "token";

/** What every error constructor takes besides its message: the error that caused it, as `Error` does. */
export interface EyesonErrorOptions {
  /** The underlying failure; its message must already be free of secrets. */
  readonly cause?: unknown;
}

/**
 * Brands an error with the kind of its class and of every eyeson class above it, read from the constructor
 * chain of `ctor` (the class `new` was called with). Not enumerable: JSON.stringify and spreads of an error
 * stay about the failure.
 */
function brand(target: object, ctor: object): void {
  const kinds: string[] = [];
  for (
    let c: object | null = ctor;
    c !== null && c !== Error;
    c = Object.getPrototypeOf(c) as object | null
  ) {
    if (Object.prototype.hasOwnProperty.call(c, KIND)) kinds.unshift((c as { [KIND]: string })[KIND]);
  }
  Object.defineProperty(target, KINDS, { value: kinds, enumerable: false, configurable: true });
}

function hasKind(value: unknown, kind: string): boolean {
  if (typeof value !== "object" || value === null) return false;
  const kinds = (value as { [KINDS]?: unknown })[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * Names a class and gives it its brand kind: `name` on the prototype (so the stack header is right and `name`
 * is not an own field), the kind on the constructor (read by `brand` and `Symbol.hasInstance`).
 */
function declareKind(ctor: { prototype: Error }, name: string): void {
  Object.defineProperty(ctor.prototype, "name", { value: name, enumerable: false, configurable: true });
  Object.defineProperty(ctor, KIND, { value: name, enumerable: false, configurable: true });
}

/** Base class of every pulumi-eyeson error. */
export class EyesonError extends Error {
  /** The stable code of this class; its instances carry it as `code`. */
  static readonly code: string = "EYESON_ERROR";
  /** A stable, machine-readable code: the class's `code` (an `EyesonConnectionError` carries its failure's). */
  readonly code: string;

  constructor(message: string, options?: EyesonErrorOptions) {
    super(message, options && "cause" in options ? { cause: options.cause } : undefined);
    this.code = (new.target as unknown as { readonly code: string }).code;
    brand(this, new.target);
  }

  /** `instanceof` by brand: true for an error of this class made by any copy of this module. */
  static [Symbol.hasInstance](value: unknown): boolean {
    const kind = Object.prototype.hasOwnProperty.call(this, KIND)
      ? (this as unknown as { readonly [KIND]: string })[KIND]
      : undefined;
    // A class declared outside this module has no kind of its own: plain prototype `instanceof`.
    return kind === undefined
      ? Function.prototype[Symbol.hasInstance].call(this, value)
      : hasKind(value, kind);
  }

  /** True for any pulumi-eyeson error, even one thrown by another copy of this module. */
  static isInstance(value: unknown): value is EyesonError {
    return hasKind(value, "EyesonError");
  }
}
declareKind(EyesonError, "EyesonError");

/** Missing or invalid configuration (API key, endpoint); thrown before any request is made. */
export class EyesonConfigError extends EyesonError {
  static override readonly code: string = "EYESON_CONFIG";

  constructor(message: string, options?: EyesonErrorOptions) {
    super(message, options);
    // Pulumi's program runner prints a RunError (recognised by this marker) as its message alone: a bad
    // argument or setting is a sentence to act on, and a stack trace through this package would bury it.
    Object.defineProperty(this, "__pulumiRunError", { value: true, enumerable: false });
  }

  /** True for a configuration error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonConfigError {
    return hasKind(value, "EyesonConfigError");
  }
}
declareKind(EyesonConfigError, "EyesonConfigError");

/**
 * Thrown by a resource's `create` when the object exists but a later step failed. The dynamic-provider host
 * reads `id`, `properties` and `reasons` (duck-typed, cmd/dynamic-provider `grpcResponseFromError`) and
 * answers with `ErrorResourceInitFailed`, so the engine records the object in the state instead of orphaning
 * it; the next `up` updates it. Secret outputs in `properties` are still marked secret by
 * `additionalSecretOutputs`.
 */
export class ResourceInitError extends EyesonError {
  static override readonly code: string = "EYESON_RESOURCE_INIT";

  constructor(
    message: string,
    /** The id of the object that was created. */
    readonly id: string,
    /** The outputs known so far. */
    readonly properties: object,
    /** Why the create is incomplete, shown by the engine. */
    readonly reasons: string[] = [message],
    options?: EyesonErrorOptions,
  ) {
    super(message, options);
  }

  /** True for an error that carries the id of a partly created object, from any copy of this module. */
  static override isInstance(value: unknown): value is ResourceInitError {
    return hasKind(value, "ResourceInitError");
  }
}
declareKind(ResourceInitError, "ResourceInitError");

/** Everything an API error knows; `path` is already redacted. */
export interface EyesonApiErrorInit {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly apiMessage: string;
  readonly operation: string;
  readonly retryable: boolean;
  readonly hint?: string;
  /** Replaces the default `(<status>)` in the message, e.g. for a request that got no response. */
  readonly statusText?: string;
  /** Whether the body was eyeson's error envelope (see `EyesonApiError.errorEnvelope`). */
  readonly errorEnvelope?: boolean;
}

/** A request that failed: a non-2xx answer, or (as `EyesonConnectionError`) no answer at all. */
export class EyesonApiError extends EyesonError {
  static override readonly code: string = "EYESON_API_ERROR";
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Request path with every credential replaced by `***`. */
  readonly path: string;
  /** The API's own words (`error`, or `errors[]` joined), with secrets removed. */
  readonly apiMessage: string;
  /** The client method that failed, e.g. `createPermalink`. */
  readonly operation: string;
  /** Whether the same request may succeed later (429, 5xx, connection failures). */
  readonly retryable: boolean;
  /** What the user can do about it, if anything is known. */
  readonly hint?: string;
  /**
   * True when the answer was eyeson's error envelope, a JSON object with `error` (or `errors`). A 404 without
   * it (a gateway's page, a server that is not eyeson) is never taken as "this object is gone".
   */
  readonly errorEnvelope: boolean;

  constructor(init: EyesonApiErrorInit, options?: EyesonErrorOptions) {
    const what = init.statusText ?? `(${init.status})`;
    const said = init.apiMessage ? `: ${init.apiMessage}` : "";
    super(`${init.method} ${init.path} failed ${what}${said}${init.hint ? ` — ${init.hint}` : ""}`, options);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.apiMessage = init.apiMessage;
    this.operation = init.operation;
    this.retryable = init.retryable;
    this.hint = init.hint;
    this.errorEnvelope = init.errorEnvelope ?? false;
  }

  /** True for an API error (any status) from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonApiError {
    return hasKind(value, "EyesonApiError");
  }
}
declareKind(EyesonApiError, "EyesonApiError");

/** 404: the object does not exist (deleted, expired, or never created). */
export class EyesonNotFoundError extends EyesonApiError {
  static override readonly code: string = "EYESON_NOT_FOUND";

  /** True for a 404 error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonNotFoundError {
    return hasKind(value, "EyesonNotFoundError");
  }
}
declareKind(EyesonNotFoundError, "EyesonNotFoundError");

/** 410: the meeting has ended, so its access key no longer works (`docs/api-notes.md`, "Credentials"). */
export class EyesonGoneError extends EyesonApiError {
  static override readonly code: string = "EYESON_GONE";

  /** True for a 410 error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonGoneError {
    return hasKind(value, "EyesonGoneError");
  }
}
declareKind(EyesonGoneError, "EyesonGoneError");

/** 401 or 403: the API key is wrong, or the room's options forbid the action. */
export class EyesonAuthError extends EyesonApiError {
  static override readonly code: string = "EYESON_AUTH";

  /** True for a 401/403 error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonAuthError {
    return hasKind(value, "EyesonAuthError");
  }
}
declareKind(EyesonAuthError, "EyesonAuthError");

/** 429 after the retry budget ran out; `retryAfterMs` is the server's last `Retry-After`, if any. */
export class EyesonRateLimitError extends EyesonApiError {
  static override readonly code: string = "EYESON_RATE_LIMITED";
  /** How long the server asked to wait, in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(init: EyesonApiErrorInit & { readonly retryAfterMs?: number }, options?: EyesonErrorOptions) {
    super(init, options);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** True for a 429 error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonRateLimitError {
    return hasKind(value, "EyesonRateLimitError");
  }
}
declareKind(EyesonRateLimitError, "EyesonRateLimitError");

/**
 * No response: connection refused or reset, DNS failure, or timeout (`status` 0). Its `code` is the
 * failure's own (`ECONNREFUSED`, `UND_ERR_SOCKET`, `ETIMEDOUT`), as Node's system errors carry theirs: that
 * is what a caller branches on (and what the client's retry rules read); the class's code is
 * `EyesonConnectionError.code`.
 */
export class EyesonConnectionError extends EyesonApiError {
  static override readonly code: string = "EYESON_CONNECTION";
  /** The low-level error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`, `ETIMEDOUT`. */
  declare readonly code: string;
  /** True when the request was abandoned because it took longer than the client's timeout. */
  readonly timedOut: boolean;
  /**
   * True when the request may have reached eyeson and been carried out although no answer came (a reset or a
   * timeout after sending); false when no connection was made (refused, unknown host).
   */
  readonly mayHaveActed: boolean;

  constructor(
    init: EyesonApiErrorInit & {
      readonly code: string;
      readonly timedOut: boolean;
      readonly mayHaveActed?: boolean;
    },
    options?: EyesonErrorOptions,
  ) {
    super(init, options);
    (this as { code: string }).code = init.code;
    this.timedOut = init.timedOut;
    this.mayHaveActed = init.mayHaveActed ?? true;
  }

  /** True for a connection/timeout error from any copy of this module. */
  static override isInstance(value: unknown): value is EyesonConnectionError {
    return hasKind(value, "EyesonConnectionError");
  }
}
declareKind(EyesonConnectionError, "EyesonConnectionError");

/**
 * True when `err` is eyeson saying an object does not exist: a 404 in eyeson's error envelope. The one
 * definition of "gone" for deletes with `missingOk` and for the resources' refresh.
 */
export function isEyesonNotFound(err: unknown): boolean {
  return EyesonNotFoundError.isInstance(err) && err.errorEnvelope;
}

/** What the client knows about a response that was not a success. */
export interface ApiResponseFacts {
  readonly operation: string;
  readonly method: string;
  /** Already redacted. */
  readonly path: string;
  readonly status: number;
  /** The raw response body (consumed by the caller). */
  readonly body: string;
  readonly auth: EyesonAuthKind;
  /** Exact secret strings to scrub from the API's message (API key, tokens in the path). */
  readonly secrets: readonly (string | undefined)[];
  readonly retryAfterMs?: number;
  readonly retryStatuses: readonly number[];
}

const MAX_MESSAGE_CHARS = 300;

/** The API's own words: `error`, `errors[]` (or a Rails-style `errors` map), `message`, or short plain text. */
export function apiMessageOf(body: string): string {
  const text = body.trim();
  if (!text) return "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, say): keep one short line of it only.
    const line = text.split(/\r?\n/, 1)[0] ?? "";
    return /^\s*</.test(line) ? "" : clip(line);
  }
  if (typeof parsed === "string") return clip(parsed);
  if (typeof parsed !== "object" || parsed === null) return "";
  const record = parsed as Record<string, unknown>;
  if (typeof record.error === "string") return clip(record.error);
  const errors = record.errors;
  if (Array.isArray(errors)) return clip(errors.map((e) => String(e)).join("; "));
  if (typeof errors === "object" && errors !== null) {
    const parts = Object.entries(errors).map(([field, v]) =>
      `${field} ${Array.isArray(v) ? v.map(String).join(", ") : String(v)}`.trim(),
    );
    return clip(parts.join("; "));
  }
  if (typeof record.message === "string") return clip(record.message);
  return "";
}

/** True for eyeson's error body: a JSON object with a string `error` or an `errors` list or map. */
export function hasErrorEnvelope(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
    const record = parsed as Record<string, unknown>;
    return typeof record.error === "string" || (typeof record.errors === "object" && record.errors !== null);
  } catch {
    return false;
  }
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

/** The one thing a user can do about `status` on a call authorised by `auth`. */
export function hintFor(status: number, auth: EyesonAuthKind): string | undefined {
  switch (status) {
    case 401:
      return auth === "api_key" ? "check eyeson:apiKey" : "the token in the request is not valid";
    case 403:
      return auth === "api_key"
        ? "check eyeson:apiKey"
        : "the room's options forbid this (e.g. lock_available or kick_available is false)";
    case 404:
      if (auth === "access_key")
        return "the room, access key or object is unknown (or the meeting has ended)";
      if (auth === "token") return "the token is unknown or was revoked";
      return "it does not exist (deleted, expired, or never created)";
    case 405:
      return "the room's options switch this feature off (recording_available, broadcast_available, layout_available…)";
    case 406:
      return "not possible in the meeting's current state (already running?)";
    case 409:
      return "it conflicts with the meeting's current state (e.g. a playback with that play_id is running)";
    case 410:
      return "the meeting has ended or the access key expired";
    case 423:
      return "the meeting is locked";
    case 429:
      return "eyeson is rate-limiting requests; try again later";
    default:
      return status >= 500 ? "eyeson had a server error; try again later" : undefined;
  }
}

/**
 * The hint of a 404 with a body that is not eyeson's error format: such an answer says nothing about the
 * object (see `isEyesonNotFound`), so "it does not exist" would send the reader the wrong way.
 */
const FOREIGN_404_HINT =
  "the answer is not in eyeson's error format, so it may come from a gateway or proxy, or from an " +
  "eyeson:endpoint that is not the eyeson API";

/** Builds the right `EyesonApiError` subclass from a non-2xx response. */
export function errorFromResponse(facts: ApiResponseFacts): EyesonApiError {
  const said = redact(apiMessageOf(facts.body), facts.secrets);
  const errorEnvelope = hasErrorEnvelope(facts.body);
  const foreign404 = facts.status === 404 && facts.body.trim() !== "" && !errorEnvelope;
  const init: EyesonApiErrorInit = {
    status: facts.status,
    method: facts.method,
    path: facts.path,
    apiMessage: said || STATUS_CODES[facts.status] || "",
    operation: facts.operation,
    retryable: facts.retryStatuses.includes(facts.status),
    hint: foreign404 ? FOREIGN_404_HINT : hintFor(facts.status, facts.auth),
    errorEnvelope,
  };
  switch (facts.status) {
    case 401:
    case 403:
      return new EyesonAuthError(init);
    case 404:
      return new EyesonNotFoundError(init);
    case 410:
      return new EyesonGoneError(init);
    case 429:
      return new EyesonRateLimitError({ ...init, retryAfterMs: facts.retryAfterMs });
    default:
      return new EyesonApiError(init);
  }
}

/** What the client knows about a request that got no response. */
export interface ConnectionFailureFacts {
  readonly operation: string;
  readonly method: string;
  /** Already redacted. */
  readonly path: string;
  readonly code: string;
  /** The low-level error message; scrubbed here. */
  readonly detail: string;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  readonly retryable: boolean;
  /** The configured endpoint (not secret), named in the hint. */
  readonly endpoint: string;
  readonly secrets: readonly (string | undefined)[];
  /** False when no connection was made, so the request never reached the server. */
  readonly mayHaveActed: boolean;
  /** The error the HTTP layer threw; passed on as `cause`, scrubbed of `secrets`. */
  readonly cause?: unknown;
}

/** Builds an `EyesonConnectionError` for a request that got no response. */
export function errorFromConnectionFailure(facts: ConnectionFailureFacts): EyesonConnectionError {
  const detail = facts.timedOut
    ? `no response within ${facts.timeoutMs} ms`
    : redact(facts.detail || facts.code, facts.secrets);
  const hint = !facts.mayHaveActed
    ? `could not reach ${facts.endpoint}; check eyeson:endpoint and the network`
    : facts.timedOut
      ? "eyeson did not answer in time, so the request may or may not have been carried out; try again, or raise the client's timeoutMs"
      : "the connection was lost before eyeson answered, so the request may or may not have been carried out";
  return new EyesonConnectionError(
    {
      status: 0,
      method: facts.method,
      path: facts.path,
      apiMessage: detail,
      operation: facts.operation,
      retryable: facts.retryable,
      hint,
      statusText: facts.timedOut ? "(timed out)" : `(${facts.code})`,
      code: facts.code,
      timedOut: facts.timedOut,
      mayHaveActed: facts.mayHaveActed,
    },
    facts.cause === undefined ? undefined : { cause: scrubbed(facts.cause, facts.secrets) },
  );
}

const MAX_CAUSE_DEPTH = 4;

/**
 * `err` with every secret removed from its message and stack, and from those of its causes (and an
 * `AggregateError`'s errors): the underlying error is passed on as `cause`, and Node prints causes with the
 * error. The error is changed in place: it was made for the failed request and nobody else holds it.
 */
export function scrubbed<T>(err: T, secrets: readonly (string | undefined)[], depth = 0): T {
  if (!(err instanceof Error) || depth > MAX_CAUSE_DEPTH) return err;
  const clean = (text: string): string => redact(text, secrets);
  try {
    err.message = clean(err.message);
    if (typeof err.stack === "string") err.stack = clean(err.stack);
    if (err.cause !== undefined) scrubbed(err.cause, secrets, depth + 1);
    if (err instanceof AggregateError) for (const inner of err.errors) scrubbed(inner, secrets, depth + 1);
  } catch {
    // A frozen error keeps its text; it was never ours to change.
  }
  return err;
}
