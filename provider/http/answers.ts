/**
 * How the client reads an answer that is not the success it expected: a delete's "already gone", and a 2xx
 * whose body is not what the endpoint returns.
 */
import { EyesonApiError, EyesonGoneError, isEyesonNotFound } from "../errors";
import type { HttpRequest, Reply } from "./transport";

/** True when `err` is one of `statuses`' way of saying the object is gone. */
export function alreadyGone(err: unknown, statuses: readonly (404 | 410)[]): boolean {
  if (statuses.includes(404) && isEyesonNotFound(err)) return true;
  return statuses.includes(410) && EyesonGoneError.isInstance(err);
}

/** The error for a 2xx answer that is not what the endpoint returns. */
export function unexpected(req: HttpRequest, reply: Reply, wanted: string, cause?: unknown): EyesonApiError {
  return new EyesonApiError(
    {
      status: reply.status,
      method: req.method,
      path: req.route.redacted,
      apiMessage: `the response was not ${wanted}`,
      operation: req.operation,
      retryable: false,
      hint: "is eyeson:endpoint an eyeson API?",
    },
    cause === undefined ? undefined : { cause },
  );
}

/** The value at a dotted path (`permalink.id`) of a parsed answer, or undefined. */
export function stringAt(body: object, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
