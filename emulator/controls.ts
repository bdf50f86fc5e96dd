/**
 * Test controls under `/__emulator/`, a prefix the real API does not use. They are never logged as API
 * requests and never faulted. Everything here is also on the handle returned by `startEmulator`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, errorBody } from "./errors";
import type { FaultRule } from "./faults";
import { readBody, send, type ApiResponse } from "./http";
import type { EmulatorCore } from "./server";
import type { Json } from "./views";

/** Reads a JSON control body (empty means `{}`), within the API's body limit. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "Invalid JSON body");
  }
}

/** A control body that must be a JSON object. */
async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJson(req);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "The body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/** A fault rule from JSON: `path` is a glob, `pathRegExp` a regular expression source. */
function faultFromJson(input: unknown): FaultRule {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new TypeError("The body must be a fault rule object");
  }
  const raw = input as Record<string, unknown>;
  const allowed = [
    "method",
    "path",
    "pathRegExp",
    "times",
    "status",
    "retryAfter",
    "body",
    "delayMs",
    "reset",
  ];
  for (const key of Object.keys(raw))
    if (!allowed.includes(key)) throw new TypeError(`Unknown fault field: ${key}`);
  const rule: FaultRule = {};
  if (raw.method !== undefined) rule.method = String(raw.method);
  if (typeof raw.pathRegExp === "string") rule.path = new RegExp(raw.pathRegExp);
  else if (raw.path !== undefined) rule.path = String(raw.path);
  if (raw.times !== undefined) rule.times = raw.times === null ? Infinity : Number(raw.times);
  if (raw.status !== undefined) rule.status = Number(raw.status);
  if (raw.retryAfter !== undefined) rule.retryAfter = Number(raw.retryAfter);
  if (raw.body !== undefined) rule.body = raw.body;
  if (raw.delayMs !== undefined) rule.delayMs = Number(raw.delayMs);
  if (raw.reset !== undefined) rule.reset = raw.reset === true;
  return rule;
}

function faultToJson(rule: FaultRule, remaining: number): Json {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(rule)) {
    if (value instanceof RegExp) out.pathRegExp = value.source;
    else if (value !== undefined) out[key] = value === Infinity ? null : (value as Json);
  }
  out.remaining = remaining === Infinity ? null : remaining;
  return out;
}

type ControlHandler = (core: EmulatorCore, req: IncomingMessage) => ApiResponse | Promise<ApiResponse>;

/** Every control, by path and method; a known path with another method answers 405 with `Allow`. */
const CONTROLS = new Map<string, Readonly<Partial<Record<string, ControlHandler>>>>([
  ["/__emulator/health", { GET: () => ({ status: 200, body: { ok: true } }) }],
  [
    "/__emulator/requests",
    {
      GET: (core) => ({ status: 200, body: core.requestLog.map((e) => ({ ...e })) }),
      DELETE: (core) => {
        core.requestLog.length = 0;
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/reset",
    {
      POST: async (core, req) => {
        const { seed } = await readObject(req);
        if (seed !== undefined && !Number.isInteger(seed)) throw new TypeError("seed must be an integer");
        core.reset(seed as number | undefined);
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/faults",
    {
      GET: (core) => ({
        status: 200,
        body: core.faults.list().map((f) => faultToJson(f.rule, f.remaining)),
      }),
      POST: async (core, req) => {
        const body = await readJson(req);
        const rules = Array.isArray(body) ? body.map(faultFromJson) : [faultFromJson(body)];
        for (const rule of rules) core.faults.inject(rule);
        return { status: 201 };
      },
      DELETE: (core) => {
        core.faults.clear();
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/deliveries",
    {
      GET: (core) => ({ status: 200, body: core.deliveries.list() as unknown as Json }),
      DELETE: (core) => {
        core.deliveries.clear();
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/deliveries/flush",
    {
      POST: async (core) => {
        await core.deliveries.idle();
        return { status: 204 };
      },
    },
  ],
]);

const DOWNLOAD_PATH = /^\/__emulator\/downloads\/(recordings|snapshots)\/([0-9a-f]{24})\.(webm|jpg)$/;

/** The placeholder behind `links.download`; 404 once the recording or snapshot is gone. */
function download(core: EmulatorCore, kind: string, id: string): ApiResponse {
  const exists =
    kind === "recordings" ? core.store.recordings.get(id)?.finished === true : core.store.snapshots.has(id);
  if (!exists) return { status: 404, body: errorBody("File not found") };
  return { status: 200, body: { emulated: kind === "recordings" ? "recording" : "snapshot", id } };
}

/** Answers a `/__emulator/...` request. */
export async function handleControl(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = url.pathname.replace(/\/+$/, "");
  let response: ApiResponse;
  try {
    response = await route(core, req, method, path);
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 400;
    response = { status, body: errorBody(err instanceof Error ? err.message : String(err)) };
  }
  send(res, response);
}

async function route(
  core: EmulatorCore,
  req: IncomingMessage,
  method: string,
  path: string,
): Promise<ApiResponse> {
  const handlers = CONTROLS.get(path);
  const found = DOWNLOAD_PATH.exec(path);
  if (!handlers && !found) return { status: 404, body: errorBody("Unknown emulator control") };
  const handler = handlers ? (Object.hasOwn(handlers, method) ? handlers[method] : undefined) : undefined;
  if (handler) return handler(core, req);
  if (found && method === "GET") return download(core, found[1], found[2]);
  const allow = handlers ? Object.keys(handlers).join(", ") : "GET";
  return { status: 405, body: errorBody("Method not allowed"), headers: { allow } };
}
