/**
 * Test controls under `/__emulator/`, a prefix the real API does not use. They are never logged as API
 * requests and never faulted. Everything here is also on the handle returned by `startEmulator`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyWebhookSignature } from "../provider/webhookSignature";
import { isDashboardPath, serveDashboardFile } from "./dashboard/assets";
import { dashboardState, etagOf, RECEIVER_PATH } from "./dashboard/state";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./entities";
import { ApiError, errorBody } from "./errors";
import { readParams } from "./params";
import { optionsSpec, type OptionsInput } from "./options";
import type { ChaosKind, FaultRule } from "./faults";
import { readBody, send, type ApiResponse } from "./http";
import type { EmulatorCore } from "./core";
import { assertVariant, VARIANTS } from "./variants";
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
    "lose",
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
  if (raw.lose !== undefined) rule.lose = raw.lose === true;
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

/** The dashboard's document; 304 while it equals the one the page already has (`If-None-Match`). */
function dashboardStateResponse(core: EmulatorCore, req: IncomingMessage): ApiResponse {
  const state = dashboardState(
    core,
    core.faults.list().map((f) => faultToJson(f.rule, f.remaining)),
  );
  const etag = etagOf(JSON.stringify(state));
  const headers = { etag, "cache-control": "no-cache" };
  if (req.headers["if-none-match"] === etag) return { status: 304, headers };
  return { status: 200, body: state, headers };
}

/**
 * A webhook receiver of the emulator's own, so deliveries can be watched: 201 when `X-Eyeson-Signature` is
 * the signature of the raw body under one of the emulator's API keys, 401 otherwise (as
 * `examples/webhook-receiver` answers). It keeps nothing; the delivery log records the answer.
 */
async function receiveDelivery(core: EmulatorCore, req: IncomingMessage): Promise<ApiResponse> {
  const raw = await readBody(req);
  const signature = req.headers["x-eyeson-signature"];
  const signed = core.store.core.apiKeys.some((key) => verifyWebhookSignature(raw, signature, key));
  return signed ? { status: 201 } : { status: 401, body: errorBody("Invalid signature") };
}

/** Every control, by path and method; a known path with another method answers 405 with `Allow`. */
const CONTROLS = new Map<string, Readonly<Partial<Record<string, ControlHandler>>>>([
  ["/__emulator/health", { GET: () => ({ status: 200, body: { ok: true } }) }],
  ["/__emulator/state", { GET: dashboardStateResponse }],
  [RECEIVER_PATH, { POST: receiveDelivery }],
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
        core.faults.chaos(undefined);
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/chaos",
    {
      POST: async (core, req) => {
        const body = await readObject(req);
        for (const key of Object.keys(body)) {
          if (!["rate", "seed", "kinds", "delayMs"].includes(key))
            throw new TypeError(`Unknown chaos field: ${key}`);
        }
        core.faults.chaos({
          rate: Number(body.rate),
          seed: Number(body.seed ?? 1),
          kinds: Array.isArray(body.kinds) ? (body.kinds as ChaosKind[]) : undefined,
          delayMs: body.delayMs === undefined ? undefined : Number(body.delayMs),
        });
        return { status: 204 };
      },
      DELETE: (core) => {
        core.faults.chaos(undefined);
        return { status: 204 };
      },
    },
  ],
  [
    "/__emulator/variant",
    {
      GET: (core) => ({ status: 200, body: { name: core.variant, variants: VARIANTS } }),
      POST: async (core, req) => {
        const { name } = await readObject(req);
        if (typeof name !== "string") throw new TypeError("name must be a variant name");
        assertVariant(name);
        core.variant = name;
        return { status: 200, body: { name } };
      },
    },
  ],
  [
    "/__emulator/clock",
    {
      GET: (core) => ({ status: 200, body: clockView(core) }),
      POST: async (core, req) => {
        const body = await readObject(req);
        for (const key of Object.keys(body)) {
          if (!["advanceMs", "to"].includes(key)) throw new TypeError(`Unknown clock field: ${key}`);
        }
        let ms: number;
        if (body.to !== undefined) {
          const to = typeof body.to === "string" ? Date.parse(body.to) : NaN;
          if (Number.isNaN(to)) throw new TypeError("to must be an ISO 8601 time");
          ms = to - core.clock.now().getTime();
        } else {
          ms = Number(body.advanceMs);
        }
        if (!Number.isFinite(ms) || ms < 0) {
          throw new TypeError("The clock only moves forward: give advanceMs >= 0 or a later time in to");
        }
        const endedMeetings = core.advanceClock(ms);
        return { status: 200, body: { ...clockView(core), endedMeetings } };
      },
    },
  ],
  [
    "/__emulator/strict",
    {
      GET: (core) => ({ status: 200, body: { strict: core.settings.strict } }),
      PUT: async (core, req) => {
        const body = await readObject(req);
        for (const key of Object.keys(body)) {
          if (key !== "strict") throw new TypeError(`Unknown field: ${key}`);
        }
        if (typeof body.strict !== "boolean") throw new TypeError("strict must be true or false");
        core.settings.strict = body.strict;
        return { status: 200, body: { strict: core.settings.strict } };
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

/** The emulator's time, and how far it was moved ahead of the real one. */
function clockView(core: EmulatorCore): { now: string; offsetMs: number } {
  return { now: core.clock.now().toISOString(), offsetMs: core.clock.offsetMs };
}

/** What eyeson's dashboard (or another tool with the key) does: the same partial update as the API's PUT. */
async function editPermalink(core: EmulatorCore, req: IncomingMessage, id: string): Promise<ApiResponse> {
  const permalink = core.store.permalinks.get(id);
  if (!permalink) return { status: 404, body: errorBody("Permalink not found") };
  const changes = readParams<{ name?: string; expires_at?: string | null; options?: OptionsInput }>(
    {
      name: { type: "string" },
      expires_at: { type: "string", format: "iso-date", nullable: true },
      options: optionsSpec,
    },
    (await readObject(req)) as Parameters<typeof readParams>[1],
  );
  core.store.permalinkArea.updatePermalink(permalink, changes);
  return { status: 204 };
}

/** An edit in eyeson's dashboard keeps the registration (and its id); the API itself can only replace it. */
async function editWebhook(core: EmulatorCore, req: IncomingMessage, id: string): Promise<ApiResponse> {
  const webhook = [...core.store.webhooks.values()].find((w) => w.id === id);
  if (!webhook) return { status: 404, body: errorBody("Webhook not found") };
  const changes = readParams<{ url?: string; types?: string }>(
    { url: { type: "string", format: "url" }, types: { type: "string" } },
    (await readObject(req)) as Parameters<typeof readParams>[1],
  );
  if (changes.url !== undefined) webhook.url = changes.url;
  if (changes.types !== undefined) {
    const types = changes.types.split(",").map((t) => t.trim());
    for (const type of types) {
      if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type))
        throw new TypeError(`Unknown webhook type: ${type}`);
    }
    webhook.types = types as WebhookEventType[];
  }
  return { status: 204 };
}

/** A user leaves a running meeting (the API has no call for it: people close eyeson's window). */
function leaveMeeting(core: EmulatorCore, roomId: string, userId: string): ApiResponse {
  const meeting = [...core.store.meetings.values()].find(
    (m) => m.endedAt === null && m.roomId === roomId && m.participants.has(userId),
  );
  if (!meeting) return { status: 404, body: errorBody("No running meeting with this user in this room") };
  core.store.meetingArea.leave(meeting, userId);
  return { status: 204 };
}

/** The placeholder behind `links.download`; 404 once the recording or snapshot is gone. */
function download(core: EmulatorCore, kind: string, id: string): ApiResponse {
  const exists =
    kind === "recordings" ? core.store.recordings.get(id)?.finished === true : core.store.snapshots.has(id);
  if (!exists) return { status: 404, body: errorBody("File not found") };
  return { status: 200, body: { emulated: kind === "recordings" ? "recording" : "snapshot", id } };
}

type PatternHandler = (
  core: EmulatorCore,
  req: IncomingMessage,
  match: RegExpExecArray,
) => ApiResponse | Promise<ApiResponse>;

/** Controls whose path carries an id, by path pattern and method (405 with `Allow` like the others). */
const PATTERN_CONTROLS: ReadonlyArray<[RegExp, Readonly<Partial<Record<string, PatternHandler>>>]> = [
  [
    /^\/__emulator\/permalinks\/([^/]+)$/,
    { PATCH: (core, req, match) => editPermalink(core, req, match[1]) },
  ],
  [/^\/__emulator\/webhooks\/([^/]+)$/, { PATCH: (core, req, match) => editWebhook(core, req, match[1]) }],
  [
    /^\/__emulator\/meetings\/([^/]+)\/users\/([^/]+)$/,
    {
      DELETE: (core, _req, match) =>
        leaveMeeting(core, decodeURIComponent(match[1]), decodeURIComponent(match[2])),
    },
  ],
  [
    /^\/__emulator\/downloads\/(recordings|snapshots)\/([0-9a-f]{24})\.(webm|jpg)$/,
    { GET: (core, _req, match) => download(core, match[1], match[2]) },
  ],
];

function methodNotAllowed(handlers: object): ApiResponse {
  return {
    status: 405,
    body: errorBody("Method not allowed"),
    headers: { allow: Object.keys(handlers).join(", ") },
  };
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
  if (isDashboardPath(path)) {
    serveDashboardFile(method, path, res);
    return;
  }
  let response: ApiResponse;
  try {
    response = await route(core, req, method, path);
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 400;
    response = { status, body: errorBody(err instanceof Error ? err.message : String(err)) };
  }
  core.persist();
  send(res, response);
}

async function route(
  core: EmulatorCore,
  req: IncomingMessage,
  method: string,
  path: string,
): Promise<ApiResponse> {
  const handlers = CONTROLS.get(path);
  if (handlers) {
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (handler) return handler(core, req);
    return methodNotAllowed(handlers);
  }
  for (const [pattern, patternHandlers] of PATTERN_CONTROLS) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handler = Object.hasOwn(patternHandlers, method) ? patternHandlers[method] : undefined;
    if (handler) return handler(core, req, match);
    return methodNotAllowed(patternHandlers);
  }
  return { status: 404, body: errorBody("Unknown emulator control") };
}
