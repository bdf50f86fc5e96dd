/**
 * The HTTP front: reads the body, answers `/__emulator/` controls, applies injected faults, routes API
 * requests to the route modules, writes the JSON (or empty) response and logs every API request without
 * its secrets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { isTokenShaped } from "../provider/tokenShape";
import { handleControl } from "./controls";
import type { EmulatorCore } from "./core";
import { decodeBody, decodeQuery, mergeParams } from "./decode";
import type { AuthKind } from "./entities";
import { ApiError, errorBody, statusText } from "./errors";
import type { FaultRule } from "./faults";
import {
  findRoute,
  readBody,
  send,
  type ApiResponse,
  type RequestContext,
  type Route,
  type RouteMatch,
} from "./http";
import { unknownParameters } from "./params";
import { activityRoutes } from "./routes/activities";
import { forwardRoutes } from "./routes/forwards";
import { permalinkRoutes } from "./routes/permalinks";
import { recordingRoutes } from "./routes/recordings";
import { roomRoutes } from "./routes/rooms";
import { snapshotRoutes } from "./routes/snapshots";
import { userRoutes } from "./routes/users";
import { applyVariant, type VariantRequest } from "./variants";
import { webhookRoutes } from "./routes/webhooks";

/** Every endpoint the emulator serves. Order matters only between routes with the same shape. */
export const ROUTES: readonly Route[] = [
  ...roomRoutes,
  ...userRoutes,
  ...permalinkRoutes,
  ...activityRoutes,
  ...recordingRoutes,
  ...snapshotRoutes,
  ...forwardRoutes,
  ...webhookRoutes,
];

/**
 * Replaces the secret segments of a path: the route's credential parameters, and anything shaped like an
 * access key or token (24 alphanumerics that are not a hex id), so even unmatched paths leak nothing.
 */
export function redactPath(path: string, match: RouteMatch | undefined): string {
  const secretIndexes = new Set<number>();
  if (match) {
    match.route.pattern
      .split("/")
      .forEach(
        (segment, i) =>
          segment.startsWith(":") && match.route.secret?.includes(segment.slice(1)) && secretIndexes.add(i),
      );
  }
  return path
    .split("/")
    .map((segment, i) => (secretIndexes.has(i) || isTokenShaped(segment) ? "***" : segment))
    .join("/");
}

/** The response header that names the parameters a request sent and the emulator ignored. */
const IGNORED_PARAMETERS_HEADER = "x-emulator-ignored-parameters";

/** How many ignored names the header and the log show at most, and how much of each. */
const MAX_IGNORED_SHOWN = 50;
const MAX_IGNORED_NAME = 100;

/**
 * The ignored names as the log and the header show them: at most `MAX_IGNORED_SHOWN`, each cut at
 * `MAX_IGNORED_NAME` characters, with a token-shaped bracket segment (`users[<access key>]`) as `***`.
 */
function shownIgnored(names: readonly string[]): string[] {
  const shown = names.slice(0, MAX_IGNORED_SHOWN).map((name) => {
    const redacted = name
      .split(/([[\]])/)
      .map((part) => (isTokenShaped(part) ? "***" : part))
      .join("");
    return redacted.length > MAX_IGNORED_NAME ? `${redacted.slice(0, MAX_IGNORED_NAME)}…` : redacted;
  });
  if (names.length > MAX_IGNORED_SHOWN) shown.push(`(and ${names.length - MAX_IGNORED_SHOWN} more)`);
  return shown;
}

/**
 * The header value: the names separated by `, `, with a comma, a percent sign and anything outside printable
 * ASCII percent-encoded as UTF-8, so any name makes a valid header.
 */
function ignoredHeader(names: readonly string[]): string {
  const encode = (name: string): string =>
    [...name]
      .map((char) =>
        /^[\x20-\x7e]$/.test(char) && char !== "," && char !== "%"
          ? char
          : [...Buffer.from(char, "utf8")]
              .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
              .join(""),
      )
      .join("");
  return names.map(encode).join(", ");
}

/** The credential kind a route uses, for requests answered before the handler ran (faults, bad bodies). */
function inferAuth(route: Route | undefined): AuthKind {
  if (!route) return "none";
  if (route.secret?.includes("accessKey")) return "access_key";
  if (route.secret && route.secret.length > 0) return "token";
  return "api_key";
}

/** What the answer variant (`variants.ts`) may look at. */
function answerContext(
  core: EmulatorCore,
  match: RouteMatch,
  method: string,
  req: IncomingMessage,
): VariantRequest {
  const header = req.headers.authorization;
  return {
    route: match.name,
    method,
    apiKey: typeof header === "string" ? header : undefined,
    store: core.store,
  };
}

/** Waits `ms`, or less when the client closes the connection first. */
function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on("close", done);
  });
}

function faultResponse(rule: FaultRule & { status: number }): ApiResponse {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers["retry-after"] = String(rule.retryAfter);
  const body = rule.body === undefined ? errorBody(statusText(rule.status)) : rule.body;
  return { status: rule.status, body: body as ApiResponse["body"], headers };
}

async function handleApi(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = url.pathname;
  const at = core.store.core.nowIso();
  const found = findRoute(ROUTES, method, path, { headers: req.headers, store: core.store });
  const match = found.match;
  let faulted = false;
  // Read once per request: a control that switches strict mode affects the requests that follow.
  const unknown = unknownParameters(core.settings.strict);
  const log = (status: number, auth: AuthKind, lost = false): void => {
    core.requestLog.push({
      method,
      path: redactPath(path, match),
      route: match?.name ?? `${method} (unmatched)`,
      status,
      auth,
      at,
      ...(lost ? { lost } : {}),
      ...(faulted ? { faulted } : {}),
      ...(unknown.ignored.length > 0 ? { ignored: shownIgnored(unknown.ignored) } : {}),
    });
  };

  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 400;
    send(res, { status, body: errorBody(err instanceof ApiError ? err.message : "Could not read the body") });
    log(status, inferAuth(match?.route));
    return;
  }

  const fault = core.faults.take(method, path);
  faulted = fault !== undefined;
  if (fault) {
    if (fault.delayMs) {
      await delay(fault.delayMs, res);
      if (res.destroyed) {
        // The client gave up while waiting (a timeout test): nothing is handled or answered.
        log(0, inferAuth(match?.route));
        return;
      }
    }
    if (fault.reset) {
      req.socket.destroy();
      log(0, inferAuth(match?.route));
      return;
    }
    if (fault.status !== undefined) {
      send(res, faultResponse({ ...fault, status: fault.status }));
      log(fault.status, inferAuth(match?.route));
      return;
    }
  }

  const ctx: RequestContext = {
    method,
    path,
    params: match?.params ?? {},
    input: {},
    unknown,
    headers: req.headers,
    store: core.store,
    auth: "none",
  };
  let response: ApiResponse;
  try {
    if (!match) {
      throw found.allowed.length > 0
        ? new ApiError(405, "Method not allowed", { allow: found.allowed.join(", ") })
        : new ApiError(404, "Not found");
    }
    // Decode inside the try so a malformed body answers 400 like any other bad parameter.
    (ctx as { input: RequestContext["input"] }).input = mergeParams(
      decodeQuery(url.searchParams),
      decodeBody(req.headers["content-type"], raw),
    );
    response = match.route.handle(ctx);
    response = applyVariant(core.variant, answerContext(core, match, method, req), response);
  } catch (err) {
    if (err instanceof ApiError) {
      response = { status: err.status, body: errorBody(err.message), headers: err.headers };
    } else {
      process.stderr.write(
        `eyeson emulator: internal error on ${method} ${match?.name ?? "(unmatched)"}: ${String(err)}\n`,
      );
      response = { status: 500, body: errorBody("Internal emulator error") };
    }
  }
  if (unknown.ignored.length > 0) {
    response = {
      ...response,
      headers: {
        ...response.headers,
        [IGNORED_PARAMETERS_HEADER]: ignoredHeader(shownIgnored(unknown.ignored)),
      },
    };
  }
  // Saved before the answer goes out: a client that saw a success finds it again after a restart.
  core.persist();
  if (fault?.lose) {
    // The server acted; the client never hears of it (a connection lost on the way back).
    req.socket.destroy();
    log(response.status, ctx.auth === "none" ? inferAuth(match?.route) : ctx.auth, true);
    return;
  }
  send(res, response);
  log(response.status, ctx.auth === "none" ? inferAuth(match?.route) : ctx.auth);
}

/** The request target as a URL, or undefined when it is not one (`GET http://[::1`, `GET //[x`). */
function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? "/", "http://emulator.invalid");
  } catch {
    return undefined;
  }
}

/** Answers a request whose target is not a URL: 400, logged without the target (it may hold a token). */
function answerUnreadableTarget(core: EmulatorCore, req: IncomingMessage, res: ServerResponse): void {
  const method = (req.method ?? "GET").toUpperCase();
  send(res, { status: 400, body: errorBody("Malformed request target") });
  core.requestLog.push({
    method,
    path: "(unreadable)",
    route: `${method} (unmatched)`,
    status: 400,
    auth: "none",
    at: core.store.core.nowIso(),
  });
}

/**
 * Answers what Node's HTTP parser could not read (a bad chunk size, a header line without a colon, headers
 * over its size limit) with the error envelope, and closes the connection: after a parse error the rest of
 * the stream cannot be trusted. There is no method or path yet, so nothing is logged.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // The same check Node's default handler makes: once a response has started on this socket, writing
  // another one would corrupt it.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code !== "ECONNRESET" && socket.writable && !inFlight?.headersSent) {
    const [status, message] =
      err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request header fields too large"]
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request timeout"]
          : [400, "Malformed HTTP request"];
    const body = JSON.stringify(errorBody(message));
    socket.write(
      `HTTP/1.1 ${status} ${statusText(status)}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** How long the emulator keeps an idle connection open for the client's next request. */
export const EMULATOR_KEEP_ALIVE_MS = 65_000;

/** Creates the HTTP server of an emulator (not yet listening). */
export function createEmulatorServer(core: EmulatorCore): Server {
  const server = createServer((req, res) => {
    const url = targetOf(req);
    if (!url) {
      answerUnreadableTarget(core, req, res);
      return;
    }
    const work =
      url.pathname === "/__emulator" || url.pathname.startsWith("/__emulator/")
        ? handleControl(core, req, res, url)
        : handleApi(core, req, res, url);
    work.catch((err: unknown) => {
      process.stderr.write(`eyeson emulator: ${String(err)}\n`);
      if (!res.headersSent && !res.destroyed)
        send(res, { status: 500, body: errorBody("Internal emulator error") });
    });
  });
  server.on("clientError", answerClientError);
  // Node keeps an idle connection 5 s by default; a client that reuses one near that moment (undici stops
  // two seconds before, but its timers run late on a loaded machine) races the close, and its POST fails
  // without being sent again. eyeson does not document its servers' idle timeout; HTTP servers and proxies
  // in front of APIs commonly keep a minute or more, so the emulator does too, well past the provider's own
  // idle bound (`KEEP_ALIVE_IDLE_MS` in provider/http/transport.ts). A stopped emulator still drops every
  // connection (`close()`).
  server.keepAliveTimeout = EMULATOR_KEEP_ALIVE_MS;
  return server;
}
