/** The API's error envelope (`docs/api-notes.md`, "Errors and statuses"): every failure answers `{"error": "<message>"}` with a fitting status. */

/** A failure a route handler raises; the server turns it into the error envelope. */
export class ApiError extends Error {
  /** Creates an error answered with `status` and `{"error": message}`. */
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The JSON body of an error response. */
export function errorBody(message: string): { error: string } {
  return { error: message };
}

/** Longest parameter name an error message repeats; a caller's 10 MB key is not echoed back whole. */
const MAX_SHOWN_NAME = 100;

function shown(name: string): string {
  return name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME)}…` : name;
}

/** 400 for a required parameter that is missing; `name` uses the wire form, e.g. `user[name]`. */
export function missingParameter(name: string): ApiError {
  return new ApiError(400, `Missing parameter: ${shown(name)}`);
}

/** 400 for a parameter with a value the API does not accept. */
export function invalidParameter(name: string, why?: string): ApiError {
  return new ApiError(
    400,
    why ? `Invalid parameter: ${shown(name)} (${why})` : `Invalid parameter: ${shown(name)}`,
  );
}

/** 400 for a parameter the endpoint does not know. */
export function unknownParameter(name: string): ApiError {
  return new ApiError(400, `Unknown parameter: ${shown(name)}`);
}

/** 404 for an object that does not exist (or belongs to another API key). */
export function notFound(what: string): ApiError {
  return new ApiError(404, `${what} not found`);
}

/** The reason phrase of a status code, used as the default message of injected faults. */
export function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    423: "Locked",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return texts[status] ?? `Status ${status}`;
}
