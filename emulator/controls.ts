/**
 * Test controls under `/__emulator/`, a prefix the real API does not use. They are never logged as API
 * requests and never faulted. Everything here is also on the handle returned by `startEmulator`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./entities";
import { errorBody } from "./errors";
import { readParams } from "./params";
import { optionsSpec } from "./routes/common";
import type { OptionsInput } from "./store";
import type { ChaosKind, FaultRule } from "./faults";
import { send, type ApiResponse } from "./http";
import type { EmulatorCore } from "./server";
import type { Json } from "./views";

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8").trim();
  return text === "" ? {} : JSON.parse(text);
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
    response = { status: 400, body: errorBody(err instanceof Error ? err.message : String(err)) };
  }
  send(res, response);
}

async function route(
  core: EmulatorCore,
  req: IncomingMessage,
  method: string,
  path: string,
): Promise<ApiResponse> {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /__emulator/health":
      return { status: 200, body: { ok: true } };
    case "GET /__emulator/requests":
      return { status: 200, body: core.requestLog.map((e) => ({ ...e })) };
    case "DELETE /__emulator/requests":
      core.requestLog.length = 0;
      return { status: 204 };
    case "POST /__emulator/reset": {
      const body = (await readJson(req)) as { seed?: unknown };
      if (body.seed !== undefined && !Number.isInteger(body.seed))
        throw new TypeError("seed must be an integer");
      core.reset(body.seed as number | undefined);
      return { status: 204 };
    }
    case "GET /__emulator/faults":
      return { status: 200, body: core.faults.list().map((f) => faultToJson(f.rule, f.remaining)) };
    case "POST /__emulator/faults": {
      const body = await readJson(req);
      const rules = Array.isArray(body) ? body.map(faultFromJson) : [faultFromJson(body)];
      for (const rule of rules) core.faults.inject(rule);
      return { status: 201 };
    }
    case "DELETE /__emulator/faults":
      core.faults.clear();
      core.faults.chaos(undefined);
      return { status: 204 };
    case "POST /__emulator/chaos": {
      const body = (await readJson(req)) as Record<string, unknown>;
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
    }
    case "DELETE /__emulator/chaos":
      core.faults.chaos(undefined);
      return { status: 204 };
    case "GET /__emulator/deliveries":
      return { status: 200, body: core.deliveries.list() as unknown as Json };
    case "DELETE /__emulator/deliveries":
      core.deliveries.clear();
      return { status: 204 };
    case "POST /__emulator/deliveries/flush":
      await core.deliveries.idle();
      return { status: 204 };
  }
  const edit = /^\/__emulator\/permalinks\/([^/]+)$/.exec(path);
  if (edit && method === "PATCH") {
    const permalink = core.store.permalinks.get(edit[1]);
    if (!permalink) return { status: 404, body: errorBody("Permalink not found") };
    // What eyeson's dashboard (or another tool with the key) does: the same partial update as the API's PUT.
    const changes = readParams<{ name?: string; expires_at?: string | null; options?: OptionsInput }>(
      {
        name: { type: "string" },
        expires_at: { type: "string", format: "iso-date", nullable: true },
        options: optionsSpec,
      },
      (await readJson(req)) as Parameters<typeof readParams>[1],
    );
    core.store.updatePermalink(permalink, changes);
    return { status: 204 };
  }
  const hook = /^\/__emulator\/webhooks\/([^/]+)$/.exec(path);
  if (hook && method === "PATCH") {
    const webhook = [...core.store.webhooks.values()].find((w) => w.id === hook[1]);
    if (!webhook) return { status: 404, body: errorBody("Webhook not found") };
    // An edit in eyeson's dashboard keeps the registration (and its id); the API itself can only replace it.
    const changes = readParams<{ url?: string; types?: string }>(
      { url: { type: "string", format: "url" }, types: { type: "string" } },
      (await readJson(req)) as Parameters<typeof readParams>[1],
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
  const download = /^\/__emulator\/downloads\/(recordings|snapshots)\/([0-9a-f]{24})\.(webm|jpg)$/.exec(path);
  if (download && method === "GET") {
    const [, kind, id] = download;
    const exists =
      kind === "recordings" ? core.store.recordings.get(id)?.finished === true : core.store.snapshots.has(id);
    if (!exists) return { status: 404, body: errorBody("File not found") };
    return { status: 200, body: { emulated: kind === "recordings" ? "recording" : "snapshot", id } };
  }
  return { status: 404, body: errorBody("Unknown emulator control") };
}
