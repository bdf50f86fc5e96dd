/** Meeting activities (`docs/api-notes.md`, "Layers, layouts, playbacks and broadcasts"): messages, layers, layout, playbacks, broadcasts. All by access key. */
import { isObject, type Params, type UploadedFile, type Value } from "../decode";
import type { LayoutBoxValue, OptionsRecord, PositionValue } from "../entities";
import { ApiError, invalidParameter, missingParameter } from "../errors";
import { empty, readInput, type Route } from "../http";
import type { Fields } from "../params";
import { audioInsertSpec, layoutSpec, positionSpec } from "../options";
import { NO_PARAMS, accessKeyAuth, parseZIndex } from "./common";

const FITS = ["auto", "contain", "cover"];
/** At most 10 custom layout boxes. */
const MAX_LAYOUT_BOXES = 10;

/**
 * `map`: a JSON string (form encoding) or a list of `[x, y, width, height, fit]` boxes. The string `null` is
 * "not given", like JSON `null`: a form has no other way to say it (Python's eyeson SDK sends
 * `json.dumps(None)` when no map is set).
 */
function parseMap(value: Value, name: string): LayoutBoxValue[] | undefined {
  let boxes: unknown = value;
  if (typeof value === "string") {
    try {
      boxes = JSON.parse(value);
    } catch {
      throw invalidParameter(name, "expected a JSON list of [x, y, width, height, fit] boxes");
    }
    if (boxes === null) return undefined;
  }
  if (!Array.isArray(boxes))
    throw invalidParameter(name, "expected a list of [x, y, width, height, fit] boxes");
  if (boxes.length > MAX_LAYOUT_BOXES) throw invalidParameter(name, `at most ${MAX_LAYOUT_BOXES} boxes`);
  return boxes.map((box) => {
    if (
      !Array.isArray(box) ||
      box.length !== 5 ||
      !box.slice(0, 4).every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0) ||
      !FITS.includes(box[4] as string)
    ) {
      throw invalidParameter(name, "each box is [x, y, width, height, fit] with fit auto, contain or cover");
    }
    return box as LayoutBoxValue;
  });
}

/** `users` / `users[]`: one entry per spot; a single value is a list of one. */
function parseUsers(value: Value, name: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === "string")) throw invalidParameter(name, "expected a list of user ids");
  return list as string[];
}

/** PNG width and height from the IHDR chunk, when the bytes are a PNG. */
function pngSize(data: Buffer): { width: number; height: number } | undefined {
  const signature = "89504e470d0a1a0a";
  if (data.length < 24 || data.subarray(0, 8).toString("hex") !== signature) return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** PNG, JPEG, WebP or SVG by their first bytes (the docs name three, the SDKs add SVG). */
function isSupportedImage(data: Buffer): boolean {
  if (pngSize(data)) return true;
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return true;
  if (
    data.length >= 12 &&
    data.toString("latin1", 0, 4) === "RIFF" &&
    data.toString("latin1", 8, 12) === "WEBP"
  )
    return true;
  return /<svg[\s>]/i.test(data.subarray(0, 1024).toString("utf8"));
}

const playbackFields: Fields = {
  url: { type: "string", required: true, format: "http-url" },
  audio: { type: "boolean" },
  play_id: { type: "string", nonEmpty: true },
  replacement_id: { type: "string" },
  name: { type: "string" },
  loop_count: { type: "integer", min: -1 },
};

/** Accepts the legacy `playback[...]` wrapper by lifting its keys next to the flat ones. */
function unwrapPlayback(body: Params): Params {
  const { playback, ...flat } = body;
  if (playback === undefined) return body;
  if (!isObject(playback)) throw invalidParameter("playback", "expected an object");
  for (const key of Object.keys(playback)) {
    if (key in flat) throw invalidParameter(key, "given both flat and inside playback[...]");
  }
  return { ...playback, ...flat };
}

function streamUrl(value: Value, name: string): string {
  if (typeof value !== "string") throw invalidParameter(name, "expected an rtmp:// or rtmps:// URL");
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw invalidParameter(name, "expected an rtmp:// or rtmps:// URL");
  }
  if (protocol !== "rtmp:" && protocol !== "rtmps:")
    throw invalidParameter(name, "expected an rtmp:// or rtmps:// URL");
  return value;
}

/** The routes of this group. */
export const activityRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/rooms/:accessKey/messages",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { record, meeting } = accessKeyAuth(ctx);
      const body = readInput<{ type: "chat" | "custom"; content: string }>(ctx, {
        type: { type: "string", required: true, enum: ["chat", "custom"] },
        content: { type: "string", required: true, nonEmpty: true },
      });
      ctx.store.activityArea.sendMessage(meeting, {
        ...body,
        userId: record.userId,
        createdAt: ctx.store.core.nowIso(),
      });
      return empty(201);
    },
  },
  {
    method: "POST",
    pattern: "/rooms/:accessKey/layers",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      const body = readInput<{
        url?: string;
        file?: UploadedFile;
        "z-index"?: 1 | -1;
        id?: string;
        layout?: "fixed" | "auto";
        insert?: { icon?: string; title?: string; content?: string };
      }>(ctx, {
        url: { type: "string", format: "http-url" },
        file: { type: "file" },
        "z-index": { type: "custom", parse: parseZIndex },
        id: { type: "string" },
        // Legacy parameters of older docs, accepted and kept.
        layout: { type: "string", enum: ["fixed", "auto"] },
        insert: {
          type: "object",
          fields: { icon: { type: "string" }, title: { type: "string" }, content: { type: "string" } },
        },
      });
      const given = [body.url, body.file, body.insert].filter((v) => v !== undefined).length;
      if (given === 0) throw missingParameter("url or file");
      if (given > 1)
        throw invalidParameter(body.url ? "url" : "file", "give exactly one of url, file and insert");
      const zIndex = body["z-index"] ?? 1;
      if (body.file) {
        if (!isSupportedImage(body.file.data))
          throw invalidParameter("file", "expected a PNG, WebP, JPEG or SVG image");
        const size = pngSize(body.file.data);
        const canvas = { width: 1280, height: meeting.options.widescreen ? 720 : 960 };
        if (zIndex === 1 && size && (size.width > canvas.width || size.height > canvas.height)) {
          throw new ApiError(
            400,
            `Invalid parameter: file (an overlay may be at most ${canvas.width}x${canvas.height})`,
          );
        }
      }
      ctx.store.activityArea.setLayer(meeting, {
        zIndex,
        url: body.url ?? null,
        file: body.file
          ? { filename: body.file.filename, contentType: body.file.contentType, size: body.file.data.length }
          : null,
        insert: body.insert ?? null,
        id: body.id ?? null,
        layout: body.layout ?? null,
      });
      return empty(201);
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey/layers/:index",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      // `ruby:Layer#destroy` sends a legacy `layout` parameter; accept it.
      readInput(ctx, { layout: { type: "string", enum: ["fixed", "auto"] } });
      ctx.store.activityArea.clearLayer(meeting, parseZIndex(ctx.params.index, "index"));
      return empty(200);
    },
  },
  {
    method: "POST",
    pattern: "/rooms/:accessKey/layout",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      const body = readInput<{
        layout?: OptionsRecord["layout"];
        name?: string;
        map?: LayoutBoxValue[];
        users?: string[];
        voice_activation?: boolean;
        show_names?: boolean;
        audio_insert?: OptionsRecord["audio_insert"];
        audio_insert_position?: PositionValue;
      }>(ctx, {
        layout: layoutSpec,
        name: { type: "string", nonEmpty: true },
        map: { type: "custom", parse: parseMap },
        users: { type: "custom", parse: parseUsers },
        voice_activation: { type: "boolean" },
        show_names: { type: "boolean" },
        audio_insert: audioInsertSpec,
        audio_insert_position: positionSpec,
      });
      const onlyAuto = body.layout === "auto" && Object.keys(body).length === 1;
      ctx.store.activityArea.setLayout(meeting, {
        // The current docs make `auto` the default (older ones said `custom`).
        layout: body.layout ?? "auto",
        ...(body.name !== undefined ? { layout_name: body.name } : {}),
        ...(body.map !== undefined ? { layout_map: body.map } : {}),
        ...(body.users !== undefined ? { layout_users: body.users } : {}),
        ...(body.voice_activation !== undefined ? { voice_activation: body.voice_activation } : {}),
        ...(body.show_names !== undefined ? { show_names: body.show_names } : {}),
        ...(body.audio_insert !== undefined ? { audio_insert: body.audio_insert } : {}),
        ...(body.audio_insert_position !== undefined
          ? { audio_insert_position: body.audio_insert_position }
          : {}),
        reset: onlyAuto,
      });
      return empty(200);
    },
  },
  {
    method: "POST",
    pattern: "/rooms/:accessKey/playbacks",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      const body = readInput<{
        url: string;
        audio?: boolean;
        play_id?: string;
        replacement_id?: string;
        name?: string;
        loop_count?: number;
      }>(ctx, playbackFields, unwrapPlayback(ctx.input));
      ctx.store.activityArea.startPlayback(meeting, {
        url: body.url,
        audio: body.audio ?? false,
        play_id: body.play_id ?? null,
        replacement_id: body.replacement_id ?? null,
        name: body.name ?? null,
        loop_count: body.loop_count ?? 0,
      });
      return empty(201);
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey/playbacks/:playId",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.activityArea.stopPlayback(meeting, ctx.params.playId);
      return empty(200);
    },
  },
  {
    method: "POST",
    pattern: "/rooms/:accessKey/broadcasts",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { record, meeting } = accessKeyAuth(ctx);
      const body = readInput<{ stream_url: string; player_url?: string; platform?: string }>(ctx, {
        stream_url: { type: "custom", required: true, parse: streamUrl },
        player_url: { type: "string", format: "http-url" },
        // Legacy per-platform broadcasts (`ruby:Broadcast#create`).
        platform: { type: "string", nonEmpty: true },
      });
      ctx.store.activityArea.startBroadcast(meeting, {
        platform: body.platform ?? "generic",
        streamUrl: body.stream_url,
        player_url: body.player_url ?? null,
        userId: record.userId,
      });
      return empty(201);
    },
  },
  {
    method: "PUT",
    pattern: "/rooms/:accessKey/broadcasts",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      const body = readInput<{ player_url: string }>(ctx, {
        player_url: { type: "string", required: true, format: "http-url" },
      });
      ctx.store.activityArea.updateBroadcast(meeting, body.player_url);
      return empty(200);
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey/broadcasts",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.activityArea.stopBroadcast(meeting);
      return empty(200);
    },
  },
];
