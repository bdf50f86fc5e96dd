/**
 * The one module that talks HTTP: a keep-alive undici agent, one request with its timeout, retries by the
 * policy in `retry.ts`, a debug line per attempt, and the right error for every failure, scrubbed of every
 * credential the client knows.
 */
import { Blob } from "node:buffer";
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { Agent, FormData, request, type Dispatcher } from "undici";
import { requireApiKey } from "../config";
import {
  EyesonConnectionError,
  errorFromConnectionFailure,
  errorFromResponse,
  type EyesonApiError,
  type EyesonAuthKind,
} from "../errors";
import {
  backoffDelay,
  isIdempotent,
  neverReachedServer,
  notProcessed,
  parseRetryAfter,
  RETRYABLE_CONNECTION_CODES,
  type RetryPolicy,
} from "../retry";
import type { HttpMethod, RequestBody, Route } from "../endpoints/endpoint";
import { queryString, type QueryValue } from "./wireCase";

/** Default time allowed for one request, response body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const USER_AGENT = "pulumi-eyeson";

/**
 * The longest a connection is kept idle for the next request, even when the server's `Keep-Alive` header
 * allows longer. A client should close an idle connection before the server does: a request sent on a
 * connection the server is closing fails, and a POST that failed so is not sent again (it may have been
 * carried out). undici already stops reusing a connection two seconds before the server's announced
 * timeout; this bound keeps the margin wide when that timeout is long and the machine runs undici's timers
 * late.
 */
export const KEEP_ALIVE_IDLE_MS = 10_000;

/**
 * An undici dispatcher (`Agent`, `Pool`, `ProxyAgent`, `MockAgent`…), described by the one method the client's
 * requests go through. A structural type, so the package's declarations do not load undici's (about 80 files
 * a user's `tsc` would otherwise check).
 */
export interface HttpDispatcher {
  /** Starts one request; see undici's `Dispatcher.dispatch`. */
  dispatch(options: object, handler: object): boolean;
}

/** What the transport needs to know; the client resolves every default. */
export interface TransportOptions {
  /** Base URL without a trailing slash. */
  readonly endpoint: string;
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** A dispatcher of the caller's, left open by `close()`; without one the transport owns a keep-alive agent. */
  readonly dispatcher?: HttpDispatcher;
  readonly log: ((line: string) => void) | undefined;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Credentials seen in responses so far, scrubbed from every error message. */
  readonly learned: () => Iterable<string>;
}

/** One request, ready to send. */
export interface HttpRequest {
  /** The client method, named in errors. */
  readonly operation: string;
  readonly method: HttpMethod;
  readonly route: Route;
  readonly auth: EyesonAuthKind;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: RequestBody;
}

/** A 2xx answer: its status and the whole body as text. */
export interface Reply {
  readonly status: number;
  readonly text: string;
}

/** One successful answer, as `EyesonClientOptions.onAnswer` sees it. */
export interface ClientAnswer {
  /** The client method, e.g. `listPermalinks`. */
  readonly operation: string;
  readonly method: string;
  /** The path with every credential replaced by `***`. */
  readonly path: string;
  /** The 2xx status. */
  readonly status: number;
  /** The body as sent, possibly empty; may hold tokens. */
  readonly body: string;
}

type Outcome = { readonly reply: Reply } | { readonly error: EyesonApiError; readonly retryAfterMs?: number };

/** Sends requests: one undici dispatcher per client, every body read to the end, failures as eyeson errors. */
export class Transport {
  readonly #options: TransportOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownAgent: Agent | undefined;
  #closed: Promise<void> | undefined;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#ownAgent = options.dispatcher
      ? undefined
      : new Agent({
          keepAliveTimeout: KEEP_ALIVE_IDLE_MS,
          keepAliveMaxTimeout: KEEP_ALIVE_IDLE_MS,
          connections: 16,
        });
    // Only an undici dispatcher fits `HttpDispatcher` in practice; its full type stays out of our declarations.
    this.#dispatcher = (options.dispatcher as Dispatcher | undefined) ?? (this.#ownAgent as Agent);
  }

  /** Closes the transport's own keep-alive connections (an injected dispatcher is left to its owner). */
  close(): Promise<void> {
    this.#closed ??= this.#ownAgent ? this.#ownAgent.close() : Promise.resolve();
    return this.#closed;
  }

  /**
   * Sends `req`, retrying as the policy allows; resolves with a 2xx answer, rejects with the last failure.
   * The API key is checked before anything goes out, and only API-key calls carry it.
   */
  async send(req: HttpRequest): Promise<Reply> {
    const { apiKey, endpoint, retry: policy } = this.#options;
    const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT };
    if (req.auth === "api_key") headers.authorization = requireApiKey(apiKey);
    if (req.body !== undefined && "json" in req.body) headers["content-type"] = "application/json";
    const query = queryString(req.query);
    const url = `${endpoint}${req.route.path}${query}`;
    const shownPath = `${req.route.redacted}${query}`;
    // Gathered only when an error needs scrubbing: the learned credentials can be hundreds.
    const secrets = (): (string | undefined)[] => [apiKey, ...req.route.secrets, ...this.#options.learned()];

    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(req, url, headers, secrets, attempt, shownPath);
      if ("reply" in outcome) return outcome.reply;
      const { error } = outcome;
      if (attempt > policy.maxRetries || !this.#mayRetry(req.method, error, outcome.retryAfterMs))
        throw error;
      const wait = outcome.retryAfterMs ?? backoffDelay(policy, attempt, this.#options.random);
      // A Retry-After beyond the budget means "not now": give the caller the error instead of hanging.
      if (waited + wait > policy.maxTotalWaitMs) throw error;
      this.#options.log?.(`eyeson: ${req.method} ${shownPath} retry ${attempt} in ${wait} ms`);
      await this.#options.sleep(wait);
      waited += wait;
    }
  }

  #mayRetry(method: HttpMethod, error: EyesonApiError, retryAfterMs: number | undefined): boolean {
    const policy = this.#options.retry;
    if (error instanceof EyesonConnectionError) {
      if (!RETRYABLE_CONNECTION_CODES.has(error.code)) return false;
      return isIdempotent(method) || neverReachedServer(error.code);
    }
    if (!policy.retryStatuses.includes(error.status)) return false;
    return isIdempotent(method) || notProcessed(policy, error.status, retryAfterMs);
  }

  async #attempt(
    req: HttpRequest,
    url: string,
    headers: Record<string, string>,
    secrets: () => readonly (string | undefined)[],
    attempt: number,
    shownPath: string,
  ): Promise<Outcome> {
    const { timeoutMs, log } = this.#options;
    // undici takes an EventEmitter as `signal`: a few times cheaper per request than an AbortSignal.
    const cancel = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      cancel.emit("abort");
    }, timeoutMs);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: encodeBody(req.body),
        dispatcher: this.#dispatcher,
        signal: cancel,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // Always read the body to the end, so the keep-alive connection can be reused.
      const text = await res.body.text();
      log?.(`eyeson: ${req.method} ${shownPath} -> ${res.statusCode} (attempt ${attempt}, ${elapsed()} ms)`);
      if (res.statusCode >= 200 && res.statusCode < 300) return { reply: { status: res.statusCode, text } };
      const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
      const error = errorFromResponse({
        operation: req.operation,
        method: req.method,
        path: req.route.redacted,
        status: res.statusCode,
        body: text,
        auth: req.auth,
        secrets: secrets(),
        retryAfterMs,
        retryStatuses: this.#options.retry.retryStatuses,
      });
      return { error, retryAfterMs };
    } catch (err) {
      const isTimeout = timedOut || /TIMEOUT$/.test(failureCode(err));
      const code = timedOut ? "ETIMEDOUT" : failureCode(err);
      log?.(`eyeson: ${req.method} ${shownPath} -> ${code} (attempt ${attempt}, ${elapsed()} ms)`);
      const error = errorFromConnectionFailure({
        operation: req.operation,
        method: req.method,
        path: req.route.redacted,
        code,
        detail: err instanceof Error ? err.message : String(err),
        timedOut: isTimeout,
        timeoutMs,
        retryable: RETRYABLE_CONNECTION_CODES.has(code),
        endpoint: this.#options.endpoint,
        secrets: secrets(),
        mayHaveActed: !neverReachedServer(code),
        cause: err,
      });
      return { error };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The body as undici sends it; a multipart form is built anew for every attempt (a stream is read once). */
function encodeBody(body: RequestBody | undefined): string | FormData | undefined {
  if (body === undefined) return undefined;
  if ("json" in body) return JSON.stringify(body.json);
  const form = new FormData();
  for (const field of body.multipart) {
    if ("file" in field) {
      form.append(field.name, new Blob([field.file.data], { type: field.file.type }), field.file.filename);
    } else {
      form.append(field.name, field.value);
    }
  }
  return form;
}

/** The low-level code of a failure: `code`, the first of an `AggregateError`'s, or the error's name. */
function failureCode(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const { code, name, errors } = err as { code?: unknown; name?: unknown; errors?: unknown };
    if (typeof code === "string" && code) return code;
    // Happy-eyeballs connects fail with an AggregateError of per-address errors.
    if (Array.isArray(errors) && errors.length > 0) return failureCode(errors[0]);
    if (typeof name === "string" && name) return name;
  }
  return "EUNKNOWN";
}
