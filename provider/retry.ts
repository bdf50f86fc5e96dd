/**
 * The retry policy, as data, and the pure rules that apply it. The client's request loop is the only user.
 */

/** How the client retries: exponential backoff with full jitter, within a bounded total wait. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` requests). */
  readonly maxRetries: number;
  /** Backoff cap of the first retry; doubles for each later one. */
  readonly baseDelayMs: number;
  /** Backoff cap of any single retry (a `Retry-After` may ask for longer, within `maxTotalWaitMs`). */
  readonly maxDelayMs: number;
  /** Total time spent waiting between attempts; a wait that would exceed it ends the retries. */
  readonly maxTotalWaitMs: number;
  /** Statuses retried for GET, PUT and DELETE. */
  readonly retryStatuses: readonly number[];
  /**
   * Statuses that mean the request was not carried out, so even a POST is retried: 429 always; 503 only when
   * the answer carries `Retry-After` (the server says "later", not "I failed halfway").
   */
  readonly notProcessedStatuses?: readonly number[];
}

/** The production policy: 4 retries, 250 ms base, 8 s cap per wait, 30 s of waiting in total. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxTotalWaitMs: 30_000,
  retryStatuses: Object.freeze([429, 500, 502, 503, 504]),
  notProcessedStatuses: Object.freeze([429]),
});

/** The same retries without backoff, for tests; a server's `Retry-After` is still honoured. */
export const NO_DELAY_RETRY_POLICY: RetryPolicy = Object.freeze({
  ...DEFAULT_RETRY_POLICY,
  baseDelayMs: 0,
  maxDelayMs: 0,
});

/** Methods whose repetition cannot duplicate a side effect (eyeson has no PATCH). */
export function isIdempotent(method: string): boolean {
  return method === "GET" || method === "PUT" || method === "DELETE" || method === "HEAD";
}

/**
 * Connection failures that prove the request never reached the server; only these allow a POST to be
 * retried (a reset or timeout may come after the server acted).
 */
export function neverReachedServer(code: string): boolean {
  return NOT_CONNECTED_CODES.has(code);
}

// No connection was made, so nothing was sent: refused, no such host, no route, or no connection in time.
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Whether a POST that got `status` may be sent again: its answer says the request was not carried out.
 * 429 always means that; 503 only with a `Retry-After` (eyeson documents 503 for `POST /permalink` without
 * saying whether anything happened, so a bare 503 is not retried: the caller reconciles instead).
 */
export function notProcessed(policy: RetryPolicy, status: number, retryAfterMs: number | undefined): boolean {
  if ((policy.notProcessedStatuses ?? [429]).includes(status)) return true;
  return status === 503 && retryAfterMs !== undefined;
}

/** Low-level failure codes that are worth another attempt of an idempotent request. */
export const RETRYABLE_CONNECTION_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Full-jitter backoff before retry number `retry` (1-based): uniform in [0, min(max, base * 2^(retry-1))]. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
